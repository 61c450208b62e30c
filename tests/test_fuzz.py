"""Property-based fuzzing of the library (issue 12, item 7): hostile text never breaks a stage.

Hypothesis drives each stage with generated input: the loaders (raw bytes as text files and
JSONL), publication dates and date phrases at calendar edges, the gazetteer's name keys, the
extraction of whole articles, the geometry, and the outputs. The properties: nothing raises,
every span points at its own text, the GeoJSON outputs are valid RFC 7946, and the same input
gives the same output. The budget is fixed and small and the examples derandomized, so CI runs
the same cases every time; ``FUZZ_EXAMPLES=500`` runs a longer local campaign.
"""

from __future__ import annotations

import csv
import json
import math
import os
import tempfile
from datetime import date, timedelta
from pathlib import Path

import geojson_validator
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from gazetteer import default_gazetteer
from gazetteer.translit import fold, name_key, skeleton_key, tokenize
from mapper.articles import load_articles, parse_published
from mapper.dates import find_dates
from mapper.extract import extract_article
from mapper.geometry import DIRECTIONS, project, sector_for
from mapper.model import Article, ArticleExtraction, LoadProblem
from mapper.render.safe import FORMULA_LEADS

geojson_validator.configure_logging(enabled=False)

#: Examples per property: small and fixed in CI, larger for a local campaign.
BUDGET = int(os.environ.get("FUZZ_EXAMPLES", "25"))


def fuzz(scale: float = 1.0) -> settings:
    """Derandomized settings with ``scale`` times the budget (extraction is slower)."""
    return settings(
        max_examples=max(3, int(BUDGET * scale)),
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# --- generators ---------------------------------------------------------------------------------

#: Words that reach every stage: places, triggers, sides, numbers, distances, dates, markup.
WORDS = [
    *("Saraqib", "Morek", "Kafr Nabl", "Khan Shaykhun", "Idlib", "Maarat al-Numan", "Hama"),
    *("Qaryat Zzyzxville", "Al", "Tal", "Hill 1123", "12345", "0", "-7", "1e309", "NaN"),
    *("captured", "took", "seized", "entered", "advanced", "shelled", "besieged", "withdrew"),
    *("clashes", "killed", "encircled", "recaptured", "control of", "the town of", "near"),
    *("Syrian troops", "government forces", "rebels", "HTS", "Turkish-backed", "Russian"),
    *("four", "ninety-nine thousand", "999999999999", "0.000001", "½", "kilometers", "km"),
    *("west of", "NNE of", "north-east of", "on the outskirts of", "miles", "degrees"),
    *("on Saturday", "yesterday", "last Wednesday", "since", "the next day", "on 29 February"),
    *("31 December 9999", "1 January 0001", "2020-13-45", "in 99999", "May", "may"),
    *("<script>", "</script>", "{{7*7}}", "=HYPERLINK(", "+1", "@SUM", "&amp;", '"', "'"),
    *(",", ".", "!", "?", "…", "—", "-", "(", ")", ":", ";", "\n", "\n\n", "\t", " "),
    *("\x00", "\x1b[2J", "\u202e", "\u2066", "\u200b", "\ufeff", "\u2028", "\ud800", "\x85"),
    *("خان شيخون", "سراقب", "Бахмут", "Ab-Ab-Ab-Ab", "Ab'Ab'Ab", "A" * 300),
]

text_of_words = st.lists(st.sampled_from(WORDS), min_size=0, max_size=60).map(" ".join)
#: Article-like text: mostly vocabulary, some arbitrary characters.
article_text = st.one_of(
    text_of_words,
    st.tuples(text_of_words, st.text(max_size=80), text_of_words).map("".join),
)
edge_dates = st.one_of(
    st.dates(),
    st.sampled_from([date.min, date.max, date(2019, 2, 28), date(2020, 2, 29), date(2000, 1, 1)]),
)
json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40)


def loaded(records: list[Article | LoadProblem]) -> tuple[list[Article], list[LoadProblem]]:
    articles = [r for r in records if isinstance(r, Article)]
    return articles, [r for r in records if isinstance(r, LoadProblem)]


def writable(article: Article) -> None:
    """Every text field of ``article`` can be written as UTF-8 (no lone surrogate)."""
    for value in (article.id, article.title, article.source, article.url, article.text):
        if value is not None:
            value.encode("utf-8")


# --- loaders ------------------------------------------------------------------------------------


@fuzz()
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".txt", ".md", ".jsonl"]))
def test_any_bytes_as_a_file_load_or_are_one_problem(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"x{suffix}"
        path.write_bytes(data)
        articles, problems = loaded(list(load_articles([path])))
    if suffix != ".jsonl":
        assert len(articles) + len(problems) == 1
    for article in articles:
        writable(article)
    for problem in problems:
        assert problem.origin.startswith(str(path)) and problem.message


@fuzz()
@given(line=st.binary(max_size=300))
def test_a_hostile_jsonl_line_loses_no_other_line(line: bytes) -> None:
    assume(b"\n" not in line and b"\r" not in line)
    good = json.dumps({"id": "good", "text": "Troops captured Saraqib."}).encode()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "feed.jsonl"
        path.write_bytes(good + b"\n" + line + b"\n" + good.replace(b'"good"', b'"last"') + b"\n")
        articles, problems = loaded(list(load_articles([path])))
    assert articles[0].id == "good" and articles[-1].id.startswith("last")
    assert all(p.origin == f"{path}:2" for p in problems)
    for article in articles:
        writable(article)


@fuzz()
@given(
    meta=st.dictionaries(
        st.sampled_from(["published", "title", "id", "source", "url"]), json_scalars, max_size=5
    )
)
def test_any_front_matter_scalars_keep_the_article(meta: dict[str, object]) -> None:
    body = "Troops captured Saraqib on Saturday.\n"
    lines = [f"{key}: {json.dumps(value)}" for key, value in meta.items()]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.md"
        path.write_text("---\n" + "\n".join(lines) + "\n---\n" + body, encoding="utf-8")
        articles, problems = loaded(list(load_articles([path])))
    assert problems == [] and len(articles) == 1 and articles[0].text == body
    writable(articles[0])


# --- dates --------------------------------------------------------------------------------------


@fuzz()
@given(value=st.one_of(json_scalars, edge_dates.map(str), st.dates().map(date.isoformat)))
def test_parse_published_never_raises(value: object) -> None:
    parsed, warning = parse_published(value)
    assert parsed is None or isinstance(parsed, date)
    assert parsed is not None or value in (None, "") or warning


@fuzz()
@given(text=article_text, published=st.none() | edge_dates)
def test_date_phrases_are_spans_of_their_text(text: str, published: date | None) -> None:
    for found in find_dates(text, published):
        assert found.text == text[found.start : found.end]
        if found.date is not None:
            assert published is not None and found.date <= published
            assert found.date_end is None or found.date <= found.date_end


# --- keys ---------------------------------------------------------------------------------------


@fuzz()
@given(name=st.one_of(st.text(max_size=60), text_of_words))
def test_name_keys_never_raise_and_tokens_are_spans(name: str) -> None:
    for token, start, end in tokenize(name):
        assert name[start:end] == token
    key = name_key(name)
    assert key == key.strip() and "  " not in key
    assert skeleton_key(name) == skeleton_key(name)
    assert all(fold(word).isascii() for word in name.split())


# --- geometry -----------------------------------------------------------------------------------

numbers = st.floats(allow_nan=True, allow_infinity=True) | st.integers(-(10**30), 10**30)


@fuzz(2)
@given(lon=numbers, lat=numbers, km=numbers, bearing=numbers)
@example(lon=0.0, lat=0.0, km=1.797693134862316e305, bearing=0.0)  # PROJ gave NaN
def test_project_is_a_point_on_earth_or_a_value_error(
    lon: float, lat: float, km: float, bearing: float
) -> None:
    try:
        plon, plat = project(lon, lat, km, bearing)
    except ValueError:
        return
    assert math.isfinite(plon) and math.isfinite(plat) and -90 <= plat <= 90


@fuzz(2)
@given(
    lon=st.floats(-180, 180),
    lat=st.floats(-90, 90),
    km=st.none() | st.floats(0, 300),
    direction=st.none() | st.sampled_from(sorted(DIRECTIONS)),
    near=st.booleans(),
)
def test_uncertainty_shapes_are_valid_polygons(
    lon: float, lat: float, km: float | None, direction: str | None, near: bool
) -> None:
    try:
        shape = sector_for(lon, lat, distance_km=km, direction=direction, near=near)
    except ValueError as err:  # the only refusal: a ring round a pole has no (lon, lat) polygon
        assert "holds a pole" in str(err)
        return
    if shape is not None:
        assert shape.is_valid and not shape.is_empty
        minx, miny, maxx, maxy = shape.bounds
        assert -90 <= miny <= maxy <= 90 and all(map(math.isfinite, (minx, maxx)))


# --- extraction and outputs ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def gazetteer():
    return default_gazetteer()


def check_spans(extraction: ArticleExtraction) -> None:
    """Every mention and event points at its own text; every located event is on Earth."""
    text = extraction.article.text
    for mention in extraction.mentions:
        assert 0 <= mention.start <= mention.end <= len(text)
    for event in extraction.events:
        assert 0 <= event.start <= event.end <= len(text)
        if event.place is not None:
            assert 0 <= event.place.start <= event.place.end <= len(text)
        if event.lat is not None:
            assert event.lon is not None and -90 <= event.lat <= 90
            assert math.isfinite(event.lat) and math.isfinite(event.lon)


@fuzz(0.4)
@given(text=article_text, published=st.none() | edge_dates)
def test_extraction_never_raises_keeps_spans_and_is_deterministic(
    gazetteer, text: str, published: date | None
) -> None:
    article = Article(id="fz", text=text, published=published)
    first = extract_article(article, gazetteer)
    check_spans(first)
    again = extract_article(article, gazetteer)
    assert [e.to_dict() for e in again.events] == [e.to_dict() for e in first.events]
    assert [m.to_dict() for m in again.mentions] == [m.to_dict() for m in first.mentions]


def check_geojson(path: Path) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection" and "crs" not in doc
    assert geojson_validator.validate_structure(doc, check_crs=True) == {}
    report = geojson_validator.validate_geometries(
        doc, criteria_problematic=("outside_lat_lon_boundaries",)
    )
    assert report["invalid"] == {} and report["problematic"] == {}


@fuzz(0.12)
@given(
    texts=st.lists(article_text, min_size=1, max_size=3),
    # ids as the loaders give them: a lone surrogate becomes U+FFFD there (test_hostile_loaders)
    ids=st.lists(
        (st.sampled_from(WORDS) | st.text(max_size=20)).map(lambda s: s.replace("\ud800", "?")),
        min_size=3,
        max_size=3,
    ),
    published=st.none() | edge_dates,
)
def test_outputs_are_valid_neutral_and_deterministic(
    gazetteer, texts: list[str], ids: list[str], published: date | None
) -> None:
    from mapper.render import write_outputs

    base = date(2020, 2, 8)
    articles = [
        Article(id=f"{ids[k]}-{k}", text=text, published=published or base - timedelta(k))
        for k, text in enumerate(texts)
    ]
    extractions = [extract_article(a, gazetteer) for a in articles]
    with tempfile.TemporaryDirectory() as folder:
        outputs = [Path(folder) / "one", Path(folder) / "two"]
        for out in outputs:
            write_outputs(extractions, out)
        for name in ("events.geojson", "frontline.geojson", "uncertainty.geojson"):
            check_geojson(outputs[0] / name)
            assert (outputs[0] / name).read_bytes() == (outputs[1] / name).read_bytes()
        html = (outputs[0] / "map.html").read_text(encoding="utf-8")
        assert "<script>alert" not in html and "{{7*7}}" not in html
        assert html.count("</script>") == html.count("<script")
        with (outputs[0] / "unresolved.csv").open(encoding="utf-8", newline="") as fh:
            cells = [cell for row in csv.reader(fh) for cell in row]
        assert not [cell for cell in cells if cell[:1] in FORMULA_LEADS]


# --- what the second campaign found, pinned -----------------------------------------------------


def test_a_shape_across_the_antimeridian_is_cut_there() -> None:
    """A ring around a point on the 180th meridian was one invalid polygon across the map."""
    shape = sector_for(180.0, 0.0, distance_km=1.0, direction=None)
    assert shape is not None and shape.is_valid and shape.geom_type == "MultiPolygon"
    assert all(-180 <= x <= 180 for x in (shape.bounds[0], shape.bounds[2]))
    east = sector_for(179.999, 10.0, distance_km=4.0, direction="E")
    assert east is not None and east.is_valid and east.geom_type == "MultiPolygon"


def test_a_shape_holding_a_pole_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="holds a pole"):
        sector_for(0.0, 89.9999, distance_km=4.0, direction="N")


@pytest.mark.parametrize("published", [date.min, date(1, 1, 2), date.max])
def test_relative_dates_at_the_ends_of_the_calendar(published: date) -> None:
    """Counting back from 1 January of year 1 raised OverflowError and lost the article."""
    text = "The day before yesterday, three days ago, on Saturday, last month. The next day."
    found = find_dates(text, published, anchor=published)
    assert found and all(d.text == text[d.start : d.end] for d in found)
    assert any(d.reason == "date out of range" for d in found) or published == date.max


@pytest.mark.timeout(120)
def test_a_preposition_as_the_root_of_a_parse_does_not_hang(gazetteer) -> None:
    """ "Troops advanced near near ... X": the parse's root is "near", its own head: the walk up
    from the trigger to its subject looped for ever."""
    text = "Troops advanced near " * 100 + "Saraqib on Saturday."
    extraction = extract_article(
        Article(id="near", text=text, published=date(2020, 2, 8)), gazetteer
    )
    check_spans(extraction)
