"""The gazetteer: resolution rules, bad input, the index cache, imports, online and fetch.

Builds that must be isolated use a tiny curated source in a per-test cache directory; the
others reuse the default index (GeoNames cities500 + curated CSVs), built once.
"""

from __future__ import annotations

import csv
import http.server
import io
import json
import os
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from gazetteer import Gazetteer, Resolution, ResolveContext
from gazetteer.errors import SourceError
from gazetteer.index import Index
from gazetteer.resolve import haversine_km
from gazetteer.sources.curated import CURATED_COLUMNS, CuratedCSV
from gazetteer.translit import name_key
from mapper.cli import app as cli_app

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    """The default gazetteer (shared cache directory: built once, then reused)."""
    return Gazetteer.open()


# ---- tiny isolated sources ----------------------------------------------------------------
# Fixture places for cache and import tests: invented names, so no real place is affected.
TINY = [
    ("t1", "Qaryat Alpha", "Qariat Alfa", 35.50, 36.50, "SY", "12", "village"),
    ("t2", "Tall Beta", "Tell Beta", 35.60, 36.60, "SY", "12", "hill"),
    ("t3", "Kafr Gamma", "", 35.70, 36.70, "SY", "10", "village"),
]


def write_curated(folder: Path, rows: list[tuple[object, ...]] = TINY, extra: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "tiny.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(CURATED_COLUMNS)
        for id_, name, alt, lat, lon, cc, a1, kind in rows:
            w.writerow([id_, name, alt, lat, lon, cc, a1, kind, 0, "test fixture"])
        for i in range(extra):  # bulk rows to make a build take a while
            w.writerow(
                [f"x{i}", f"Filler Place {i}", "", 10 + i % 50, 10, "ZZ", "", "site", 0, "t"]
            )
    return folder


@pytest.fixture()
def tiny(tmp_path: Path) -> tuple[Path, list[CuratedCSV]]:
    data = write_curated(tmp_path / "data")
    return tmp_path / "cache", [CuratedCSV(data)]


# ---- resolution rules ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "word",
    [
        "Human",
        "Most",
        "Sunday",
        "Since",
        "Regime",
        "Observatory",
        "Army",
        "Front",
        "Center",
        "Human Rights",
        "Tal",
        "Kafr",
        "Deir",
        "Dec",
        "Sun",
    ],  # fmt: skip
)
def test_common_words_are_not_places(gz: Gazetteer, word: str) -> None:
    res = gz.resolve(word, context=ResolveContext(countries=("SY",)))
    assert res.place is None
    assert res.reason in ("common word", "no candidate", "below threshold")


def test_generic_term_inside_a_name_is_not_a_common_word() -> None:
    from gazetteer.commonwords import is_common

    assert is_common(["Tal"]) and is_common(["human", "rights"])
    assert not is_common(["Tal", "As"]) and not is_common(["Kafr", "Nabl"])


def test_common_word_becomes_a_place_with_context(gz: Gazetteer) -> None:
    assert gz.resolve("Most").reason == "common word"
    res = gz.resolve("Most", country="CZ")
    assert res.place is not None and res.place.country == "CZ"
    near = gz.resolve("Most", near=(res.place.lat, res.place.lon))
    assert near.place is not None and near.place.id == res.place.id


def test_hama_city_and_hama_province(gz: Gazetteer) -> None:
    city = gz.resolve("Hama")
    assert city.place is not None and city.place.kind == "city" and city.place.country == "SY"
    for name in ("Hama province", "Hama Governorate", "Hama governorate's"):
        region = gz.resolve(name)
        assert region.place is not None and region.place.kind == "region", name
        assert region.place.admin1 == city.place.admin1
    idlib = gz.resolve("Idleb governorate")
    assert idlib.place is not None and idlib.place.kind == "region"
    assert gz.resolve("Idlib province").place == idlib.place
    oblast = gz.resolve("Zaporizhzhia Oblast")
    assert oblast.place is not None and oblast.place.kind == "region"
    assert gz.resolve("Zaporizhzhia").place.kind == "city"  # type: ignore[union-attr]


def test_two_places_one_name_context_decides(gz: Gazetteer) -> None:
    # Two villages named Kafr Amim (Wikipedia map marks), 75 km apart.
    alone = gz.resolve("Kafr Amim", context=ResolveContext(countries=("SY",)))
    assert alone.place is None and alone.reason == "ambiguous"
    assert len({c.place.id for c in alone.candidates}) >= 2
    saraqib = gz.resolve("Saraqib").place
    assert saraqib is not None
    ctx = ResolveContext(countries=("SY",), points=((saraqib.lon, saraqib.lat),))
    res = gz.resolve("Kafr Amim", context=ctx)
    assert res.place is not None
    assert haversine_km(res.place.lat, res.place.lon, saraqib.lat, saraqib.lon) < 15
    runner_ups = [c for c in res.candidates if c.place.id != res.place.id]
    assert any(c.place.name == "Kafr Amim" for c in runner_ups)


def test_resolve_together_uses_the_other_names(gz: Gazetteer) -> None:
    out = gz.resolve_together(["Kafr Amim", "Saraqeb", "Afis"], context=ResolveContext(("SY",)))
    assert [r.query for r in out] == ["Kafr Amim", "Saraqeb", "Afis"]
    assert out[0].place is not None and out[0].place.lat > 35.5


def test_country_and_within_km_filter(gz: Gazetteer) -> None:
    assert gz.resolve("Odessa", country="US").place.country == "US"  # type: ignore[union-attr]
    far = gz.resolve("Khan Sheikhoun", near=(48.0, 37.8), within_km=50)
    assert far.place is None and "distance" in far.reason
    near = gz.resolve("Khan Sheikhoun", near=(35.4, 36.6), within_km=50)
    assert near.place is not None and near.place.id == "geonames:168325"


def test_unknown_name_says_why(gz: Gazetteer) -> None:
    res = gz.resolve("Xqzwvbnmkl Pjrtq")
    assert res.place is None and res.reason in ("no candidate", "below threshold")


BAD_INPUT = [
    "",
    "   ",
    "\t\n",
    "x" * 10_000,
    "Idlib\x00",
    "Ha\x07ma",
    "Idlibادلب",
    "Kyiv Київ",
    "🔥🔥🔥",
    "!!!",
    "—…",
    "al-",
    None,
    12345,
]


@pytest.mark.parametrize("name", BAD_INPUT, ids=[repr(b)[:20] for b in BAD_INPUT])
def test_bad_input_gives_a_reason(gz: Gazetteer, name: object) -> None:
    res = gz.resolve(name)  # type: ignore[arg-type]
    assert isinstance(res, Resolution)
    assert res.place is None
    assert res.reason and res.reason not in ("exact key", "skeleton", "fuzzy")
    json.dumps(res.to_dict())


def test_emoji_around_a_name_is_ignored(gz: Gazetteer) -> None:
    res = gz.resolve("🔥 Saraqeb 🔥")
    assert res.place is not None and res.place.id == "geonames:164816"


def test_known_keys_and_max_tokens(gz: Gazetteer) -> None:
    keys = [
        name_key("Khan Sheikhoun"),
        name_key("Kafranbel"),
        "zzqx vvq",
        name_key("Khan Sheikhon"),
    ]
    found = gz.known_keys(keys)
    assert found == {name_key("Khan Sheikhoun"), name_key("Kafranbel")}
    assert name_key("Khan Sheikhon") in gz.known_keys(keys, loose=True)
    assert 3 <= gz.max_name_tokens <= 6


def test_resolve_many_keeps_order(gz: Gazetteer) -> None:
    names = ["Saraqeb", "", "Kharkov", "Sunday"]
    out = gz.resolve_many(names, context=ResolveContext(countries=("SY", "UA")))
    assert [r.query for r in out] == ["Saraqeb", "", "Kharkov", "Sunday"]
    assert [r.place is not None for r in out] == [True, False, True, False]


# ---- the index cache ----------------------------------------------------------------------
def test_index_is_reused_rebuilt_when_corrupt_or_truncated(
    tiny: tuple[Path, list[CuratedCSV]],
) -> None:
    cache, sources = tiny
    first = Gazetteer.open(cache_dir=cache, sources=sources)
    path = first.index.path
    assert first.resolve("Qariat Alfa").place is not None
    mtime = path.stat().st_mtime_ns
    again = Gazetteer.open(cache_dir=cache, sources=sources)
    assert again.index.path == path and path.stat().st_mtime_ns == mtime  # reused
    first.index.close()
    again.index.close()

    path.write_bytes(b"this is not a database" * 100)
    rebuilt = Gazetteer.open(cache_dir=cache, sources=sources)
    assert rebuilt.resolve("Tell Beta").place is not None
    rebuilt.index.close()

    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # truncated
    assert not Index._valid(path)
    rebuilt = Gazetteer.open(cache_dir=cache, sources=sources)
    assert rebuilt.resolve("Kafr Gamma").place is not None
    assert not list(cache.glob("*.tmp"))


def test_index_rebuilt_when_a_source_changes(tmp_path: Path) -> None:
    data = write_curated(tmp_path / "data")
    cache = tmp_path / "cache"
    before = Gazetteer.open(cache_dir=cache, sources=[CuratedCSV(data)])
    assert before.resolve("Kafr Delta").place is None
    write_curated(data, [*TINY, ("t4", "Kafr Delta", "", 35.8, 36.8, "SY", "12", "village")])
    after = Gazetteer.open(cache_dir=cache, sources=[CuratedCSV(data)])
    assert after.index.path != before.index.path
    assert after.resolve("Kafr Delta").place is not None
    assert [p.name for p in cache.glob("index-*.sqlite")] == [after.index.path.name]


def test_two_processes_build_at_once(tmp_path: Path) -> None:
    data = write_curated(tmp_path / "data", extra=20_000)
    cache = tmp_path / "cache"
    code = (
        "import sys; from pathlib import Path; from gazetteer import Gazetteer;"
        "from gazetteer.sources.curated import CuratedCSV;"
        "g = Gazetteer.open(cache_dir=Path(sys.argv[1]), sources=[CuratedCSV(Path(sys.argv[2]))]);"
        "r = g.resolve('Qaryat Alpha'); print(g.index.path.name, r.place.id)"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(cache), str(data)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), [err for _, err in outs]
    lines = {out.strip() for out, _ in outs}
    assert len(lines) == 1 and lines.pop().endswith("curated:t1")
    assert len(list(cache.glob("index-*.sqlite"))) == 1
    assert not list(cache.glob("*.tmp"))


# ---- imports ------------------------------------------------------------------------------
def dump_line(
    gid: int, name: str, lat: float, lon: float, fclass: str = "P", code: str = "PPL"
) -> str:
    cols = [str(gid), name, name, f"{name} Alt", str(lat), str(lon), fclass, code, "SY", "",
            "12", "", "", "", "1500", "", "300", "Asia/Damascus", "2020-01-01"]  # fmt: skip
    return "\t".join(cols)


DUMP = "\n".join(
    [
        dump_line(990001, "Qaryat Pytest", 35.41, 36.41),
        dump_line(990002, "Tall Pytest", 35.42, 36.42, "T", "HLL"),
        "this line is not a dump line",
        dump_line(990003, "Nahr Pytest", 35.43, 36.43, "H", "STM"),  # a stream: not imported
        "990004\tBroken\tBroken\t\tnot-a-lat\t36.4\tP\tPPL\tSY\t\t12\t\t\t\t0\t\t\tX\t2020-01-01",
    ]
)


def test_import_geonames_dump_with_malformed_lines(
    tiny: tuple[Path, list[CuratedCSV]], tmp_path: Path
) -> None:
    cache, sources = tiny
    g = Gazetteer.open(cache_dir=cache, sources=sources)
    path = tmp_path / "SY.txt"
    path.write_text(DUMP + "\n", encoding="utf-8")
    report = g.import_geonames(path)
    assert report.imported == 2
    assert [p.line for p in report.problems] == [3, 5]
    assert "19 tab-separated fields" in report.problems[0].message
    assert "bad number" in report.problems[1].message and "not-a-lat" in report.problems[1].message
    village = g.resolve("Qaryat Pytest")
    assert village.place is not None and village.place.id == "geonames:990001"
    hill = g.resolve("Tall Pytest Alt")
    assert hill.place is not None and hill.place.kind == "hill"
    assert g.resolve("Nahr Pytest").place is None
    # imports live in the user database and survive an index rebuild
    data = write_curated(tmp_path / "data2", [TINY[0]])
    other = Gazetteer.open(cache_dir=cache, sources=[CuratedCSV(data)])
    assert other.index.path != g.index.path
    assert other.resolve("Qaryat Pytest").place is not None
    assert other.info()["imports"][0]["count"] == 2  # type: ignore[index]


def test_import_zipped_dump(tiny: tuple[Path, list[CuratedCSV]], tmp_path: Path) -> None:
    cache, sources = tiny
    g = Gazetteer.open(cache_dir=cache, sources=sources)
    path = tmp_path / "SY.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "GeoNames readme")
        zf.writestr("SY.txt", DUMP)
    report = g.import_geonames(path)
    assert report.imported == 2 and len(report.problems) == 2
    with pytest.raises(SourceError):
        g.import_geonames(tmp_path / "missing.txt")


def test_import_user_csv_with_malformed_lines(
    tiny: tuple[Path, list[CuratedCSV]], tmp_path: Path
) -> None:
    cache, sources = tiny
    g = Gazetteer.open(cache_dir=cache, sources=sources)
    path = tmp_path / "mine.csv"
    path.write_text(
        "name,lat,lon,alt_names,country,admin1,kind\n"
        "Tell Pytestiyah,35.44,36.44,Tal Pytestiye;تل بايتست,SY,12,hill\n"
        "No Coordinates,,\n"
        "Bad Kind,35.1,36.1,,SY,12,castle\n"
        "Out Of Range,95,36.1\n"
        "Kafr Pytest,35.45,36.45\n",
        encoding="utf-8",
    )
    report = g.import_csv(path)
    assert report.imported == 2
    assert [p.line for p in report.problems] == [3, 4, 5]
    res = g.resolve("Tal Pytestiye")
    assert res.place is not None and res.place.kind == "hill" and res.place.source == "csv:mine.csv"
    headerless = tmp_path / "plain.csv"
    headerless.write_text("Kafr Headerless,35.46,36.46\n", encoding="utf-8")
    assert g.import_csv(headerless).imported == 1
    bad_header = tmp_path / "bad.csv"
    bad_header.write_text("name,latitude,longitude\nX,1,2\n", encoding="utf-8")
    with pytest.raises(SourceError):
        g.import_csv(bad_header)


# ---- local HTTP servers for the online geocoder and fetch --------------------------------
class _Server:
    def __init__(self, handler: type[http.server.BaseHTTPRequestHandler]) -> None:
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.requests = []  # type: ignore[attr-defined]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"127.0.0.1:{self.httpd.server_address[1]}"

    @property
    def requests(self) -> list[tuple[str, dict[str, str]]]:
        return self.httpd.requests  # type: ignore[attr-defined,no-any-return]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _Nominatim(http.server.BaseHTTPRequestHandler):
    """A tiny Nominatim: /search knows one village; everything else is a miss."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        url = urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        self.server.requests.append((url.path, {**query, "ua": self.headers["User-Agent"]}))  # type: ignore[attr-defined]
        hits = []
        if url.path == "/search" and query.get("q", "").lower() == "tell pytest online":
            hits = [
                {"place_id": 77, "osm_type": "node", "osm_id": 4242, "lat": "35.47",
                 "lon": "36.47", "display_name": "Tell Pytest Online, Syria"}
            ]  # fmt: skip
        body = json.dumps(hits).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def nominatim(monkeypatch: pytest.MonkeyPatch) -> Iterator[_Server]:
    server = _Server(_Nominatim)
    monkeypatch.setenv("FRONTLINE_NOMINATIM_DOMAIN", server.base)
    monkeypatch.setenv("FRONTLINE_NOMINATIM_SCHEME", "http")
    yield server
    server.close()


def test_online_source_asks_once_and_caches_hits_and_misses(
    tiny: tuple[Path, list[CuratedCSV]], nominatim: _Server
) -> None:
    cache, sources = tiny
    offline = Gazetteer.open(cache_dir=cache, sources=sources)
    assert offline.resolve("Tell Pytest Online").place is None
    assert nominatim.requests == []  # off by default

    g = Gazetteer.open(cache_dir=cache, sources=sources, online=True)
    res = g.resolve("Tell Pytest Online", context=ResolveContext(countries=("SY",)))
    assert res.place is not None and res.reason == "online"
    assert res.place.source == "nominatim" and (res.place.lat, res.place.lon) == (35.47, 36.47)
    miss = g.resolve("Kafr Nowhere Pytest", context=ResolveContext(countries=("SY",)))
    assert miss.place is None and "online: no answer" in miss.reason
    assert len(nominatim.requests) == 2
    path, params = nominatim.requests[0]
    assert path == "/search" and params["countrycodes"] == "sy"
    assert "frontline" in params["ua"]

    again = Gazetteer.open(cache_dir=cache, sources=sources, online=True)  # new process state
    assert again.resolve("Tell Pytest Online", context=ResolveContext(("SY",))).place is not None
    assert again.resolve("Kafr Nowhere Pytest", context=ResolveContext(("SY",))).place is None
    assert len(nominatim.requests) == 2  # both answers came from the cache
    # the answer is now an indexed place, found offline too
    fresh = Gazetteer.open(cache_dir=cache, sources=sources)
    assert fresh.resolve("Tell Pytest Online").place is not None
    assert again.info()["online_cache_entries"] == 2


class _Dumps(http.server.BaseHTTPRequestHandler):
    """Serves /dump/SY.zip (a fixture dump); anything else is 404."""

    def do_GET(self) -> None:  # noqa: N802
        self.server.requests.append((self.path, {}))  # type: ignore[attr-defined]
        if self.path.endswith("/SY.zip"):
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w") as zf:
                zf.writestr("SY.txt", DUMP)
            body = buf.getvalue()
            self.send_response(200)
        elif self.path.endswith("/UA.zip"):
            body = b"<html>not a zip</html>"
            self.send_response(200)
        else:
            body = b"not found"
            self.send_response(404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_fetch_country_dump_from_a_local_server(
    tiny: tuple[Path, list[CuratedCSV]],
) -> None:
    cache, sources = tiny
    server = _Server(_Dumps)
    try:
        g = Gazetteer.open(cache_dir=cache, sources=sources)
        report = g.fetch("sy", base_url=f"http://{server.base}/dump/")
        assert report.imported == 2 and (cache / "downloads" / "SY.zip").is_file()
        assert g.resolve("Qaryat Pytest").place is not None
        with pytest.raises(SourceError, match="not a zip"):
            g.fetch("UA", base_url=f"http://{server.base}/dump/")
        with pytest.raises(SourceError, match="404"):
            g.fetch("LB", base_url=f"http://{server.base}/dump/")
        with pytest.raises(SourceError, match="two|alpha-2"):
            g.fetch("Syria", base_url=f"http://{server.base}/dump/")
    finally:
        server.close()


# ---- the CLI ------------------------------------------------------------------------------
def test_cli_resolve_json_in_process(gz: Gazetteer) -> None:
    from typer.testing import CliRunner

    result = CliRunner().invoke(
        cli_app, ["resolve", "Khan Cheikhoun", "Sunday", "Idleb governorate", "--json"]
    )
    assert result.exit_code == 1, result.output  # "Sunday" has no place
    data = json.loads(result.stdout)
    assert [d["query"] for d in data] == ["Khan Cheikhoun", "Sunday", "Idleb governorate"]
    assert data[0]["place"]["id"] == "geonames:168325"
    assert set(data[0]["place"]) == {
        "id",
        "name",
        "lat",
        "lon",
        "country",
        "admin1",
        "kind",
        "source",
    }  # noqa: E501
    assert data[1]["place"] is None and data[1]["reason"] == "common word"
    assert data[2]["place"]["kind"] == "region"
    bad = CliRunner().invoke(cli_app, ["resolve", "Hama", "--near", "north"])
    assert bad.exit_code == 2 and "LAT,LON" in bad.output
    table = CliRunner().invoke(
        cli_app, ["resolve", "Saraqeb", "--country", "SY"], env={"COLUMNS": "200"}
    )
    assert table.exit_code == 0 and "Saraqib" in table.output


def test_cli_resolve_json_subprocess(gz: Gazetteer) -> None:
    cmd = [sys.executable, "-m", "mapper"]
    out = subprocess.run(
        [*cmd, "resolve", "Maaret al-Noomane", "خان شيخون", "--json"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert [d["place"]["id"] for d in data] == ["geonames:167611", "geonames:168325"]
    bad = subprocess.run(
        [*cmd, "resolve", "Hama", "--country", "Syria"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=300,
    )
    assert bad.returncode == 2 and "two-letter" in bad.stderr
    assert "Traceback" not in out.stderr + bad.stderr


def test_cli_gazetteer_import_and_info(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    data = write_curated(tmp_path / "data")
    monkeypatch.setenv("FRONTLINE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(
        "gazetteer.resolve.default_sources", lambda: [CuratedCSV(data)], raising=True
    )
    path = tmp_path / "mine.csv"
    path.write_text("Kafr Clitest,35.4,36.4\nbroken line\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli_app, ["gazetteer", "import", "csv", str(path)])
    assert result.exit_code == 1  # one malformed line, the rest imported
    assert "imported 1 places" in result.stdout and ":2:" in result.output
    missing = runner.invoke(cli_app, ["gazetteer", "import", "geonames", str(tmp_path / "no")])
    assert missing.exit_code == 1 and "no such file" in missing.output
    info = runner.invoke(cli_app, ["gazetteer", "info", "--json"])
    assert info.exit_code == 0
    payload = json.loads(info.stdout)
    assert payload["counts"]["curated"] == 3 and payload["counts"]["csv (imported)"] == 1


def test_far_namesake_is_ambiguous_not_placed(gz: Gazetteer) -> None:
    # Context in north-west Syria; "Kafr Amim" has two namesakes there, both far from Kharkiv.
    kharkiv = gz.resolve("Kharkiv").place
    assert kharkiv is not None
    ctx = ResolveContext(points=((kharkiv.lon, kharkiv.lat),))
    res = gz.resolve("Kafr Amim", context=ctx)
    assert res.place is None and res.reason == "ambiguous"
    # a capital is coherent anywhere: it dominates its namesakes
    damascus = gz.resolve("Damascus", context=ctx)
    assert damascus.place is not None and damascus.place.country == "SY"


def test_geocoder_is_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    from geopy.geocoders import Nominatim, Photon

    from gazetteer.sources.online import USER_AGENT, make_geocoder

    default = make_geocoder()
    assert isinstance(default, Nominatim) and default.headers["User-Agent"] == USER_AGENT
    monkeypatch.setenv("FRONTLINE_GEOCODER", "photon")
    assert isinstance(make_geocoder(), Photon)


def test_small_place_far_from_the_story_is_not_placed(tiny: tuple[Path, list[CuratedCSV]]) -> None:
    cache, sources = tiny
    g = Gazetteer.open(cache_dir=cache, sources=sources)
    far = g.resolve("Kafr Gamma", context=ResolveContext(points=((37.8, 48.0),)))  # Donbas
    assert far.place is None and far.reason == "far from the article's places"
    assert far.candidates and far.candidates[0].place.name == "Kafr Gamma"
    near = g.resolve("Kafr Gamma", context=ResolveContext(points=((36.6, 35.6),)))
    assert near.place is not None and near.place.id == "curated:t3"
