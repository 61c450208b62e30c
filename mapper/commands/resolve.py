"""``frontline resolve NAME...``: which real place is each name? (thin wrapper over gazetteer)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from gazetteer import Resolution

__all__ = ["EPILOG", "parse_country", "parse_near", "resolve"]

EPILOG = (
    "Examples:\n\n"
    "  frontline resolve 'Khan Cheikhoun' 'Maaret al-Noomane' --country SY\n\n"
    "  frontline resolve Kafranbel --near 35.6,36.6 --json\n\n"
    "  frontline resolve 'Idlib province' Hama خان شيخون Artyomovsk\n\n"
    "Exit codes: 0 every name placed, 1 some name has no place (its reason is shown), "
    "2 usage error."
)


def parse_near(value: str | None) -> tuple[float, float] | None:
    """``"LAT,LON"`` -> (lat, lon), or a usage error naming the bad value."""
    if value is None:
        return None
    parts = value.replace(";", ",").split(",")
    try:
        lat, lon = (float(p) for p in parts)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not LAT,LON (for example 35.6,36.6)") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise typer.BadParameter(
            f"{value!r}: latitude must be in [-90, 90], longitude in [-180, 180]"
        )
    return lat, lon


def parse_country(value: str | None) -> str | None:
    """An ISO 3166-1 alpha-2 code, upper-cased, or a usage error."""
    if value is None:
        return None
    code = value.strip().upper()
    if len(code) != 2 or not (code.isascii() and code.isalpha()):
        raise typer.BadParameter(f"{value!r} is not a two-letter country code (SY, UA...)")
    return code


def resolve(
    names: Annotated[
        list[str], typer.Argument(metavar="NAME...", help="Place names, any spelling or script.")
    ],
    country: Annotated[
        str | None,
        typer.Option(
            "--country",
            "-c",
            metavar="CC",
            callback=parse_country,
            help="Only places in this country (ISO code).",
        ),
    ] = None,
    near: Annotated[
        str | None,
        typer.Option("--near", metavar="LAT,LON", help="Prefer places near this point."),
    ] = None,
    within_km: Annotated[
        float | None,
        typer.Option("--within-km", min=0, help="With --near: only places this close."),
    ] = None,
    online: Annotated[
        bool,
        typer.Option(
            "--online",
            help="Ask the online geocoder (Nominatim) for names the offline index lacks.",
        ),
    ] = False,
    json_output: Annotated[
        bool, typer.Option("--json", help="Print a JSON array, one object per NAME.")
    ] = False,
) -> None:
    """Resolve place names through the transliteration-aware gazetteer.

    Every NAME gets the best place (or none, with the reason: ambiguous, below threshold, common
    word...) and its candidates. French, English, BGN/PCGN, ALA-LC and Arabizi spellings, Arabic
    script, Ukrainian and Russian romanisations and Cyrillic all meet their place.
    """
    from mapper.commands.common import error_line, shown_json

    point = parse_near(near)
    if within_km is not None and point is None:
        raise typer.BadParameter("--within-km needs --near LAT,LON", param_hint="--within-km")
    try:
        from gazetteer import Gazetteer

        gazetteer = Gazetteer.open(online=online)
    except Exception as err:  # noqa: BLE001 - one line, no traceback
        error_line("gazetteer", f"cannot open the index: {err}")
        raise typer.Exit(1) from None
    from mapper.commands.common import warn_missing_sources

    warn_missing_sources(gazetteer)
    results = gazetteer.resolve_many(names, country=country, near=point, within_km=within_km)
    if json_output:
        typer.echo(shown_json([r.to_dict() for r in results], indent=2))
    else:
        _print_table(results)
    raise typer.Exit(0 if all(r.place is not None for r in results) else 1)


#: The columns of the resolve table; the highest ``priority`` number is dropped first when the
#: terminal is narrow (name, place and reason always stay).
_COLUMNS = (
    ("name", 0, "text", "left"),
    ("place", 0, "text", "left"),
    ("country", 4, "number", "left"),
    ("lat", 3, "number", "right"),
    ("lon", 3, "number", "right"),
    ("kind", 5, "status", "left"),
    ("score", 2, "number", "right"),
    ("reason", 0, "status", "left"),
    ("runner-up", 6, "text", "left"),
)


def table_rows(results: list[Resolution]) -> list[list[str]]:
    """The plain-text cells of the resolve table, one row per result."""
    rows = []
    for r in results:
        runner = next(
            (c for c in r.candidates if r.place is None or c.place.id != r.place.id), None
        )
        p = r.place
        rows.append(
            [
                r.query[:80],
                p.name if p else "—",
                (p.country or "") if p else "",
                f"{p.lat:.5f}" if p else "",
                f"{p.lon:.5f}" if p else "",
                p.kind if p else "",
                f"{r.score:.2f}",
                r.reason,
                f"{runner.place.name} ({runner.place.country})" if runner else "",
            ]
        )
    return rows


def _print_table(results: list[Resolution]) -> None:
    from mapper.commands.common import PipeSafeConsole, TableColumn, fit_table

    console = PipeSafeConsole(highlight=False)  # a broken pipe exits 141, not rich's 1
    columns = [TableColumn(h, priority=p, kind=k, justify=j) for h, p, k, j in _COLUMNS]
    table = fit_table("frontline resolve", columns, table_rows(results), width=console.width)
    console.print(table)
