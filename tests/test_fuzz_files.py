"""Property-based fuzzing of the file readers users feed (issue 12, fourth campaign).

Generated YAML front matter (tags, timestamps, anchors, flow collections), manifest lines,
user gazetteer CSVs and baseline CSVs. The properties: nothing raises, every line is either
used or one problem naming it, and a good article, place or row beside the bad ones is kept.
The budget is fixed and small and the examples derandomized (``FUZZ_EXAMPLES=500`` runs a
longer local campaign), as in ``test_fuzz``.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gazetteer.errors import SourceError
from gazetteer.sources.usercsv import UserCSV
from mapper.articles import load_articles
from mapper.baseline import load_baseline
from mapper.model import Article, LoadProblem

BUDGET = int(os.environ.get("FUZZ_EXAMPLES", "25"))
FUZZ = settings(
    max_examples=BUDGET,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
BODY = "Troops captured Saraqib on Saturday.\n"

#: Pieces of YAML that construct odd values or none: tags, timestamps, anchors, collections.
YAML_PIECES = [
    *("!!timestamp", "!!int", "!!float", "!!bool", "!!binary", "!!set", "!!omap", "!!str"),
    *("!!null", "!!python/object:os.system", "!<tag:yaml.org,2002:int>", "!!merge", "!local"),
    *("2019-02-30", "2019-08-21", "0000-00-00", "2019-01-01 25:00:00", "9999-12-31T23:59:59Z"),
    *("2019-08-21 10:00:00 +25:00", "2019-8-1 1:00:00", "12:30", "190:20:30", "0x1F", "0o17"),
    *("1e400", ".nan", "-.inf", "~", "null", "yes", "maybe", "''", '""', "'a''b'", '"\\ud800"'),
    *("&a", "*a", "<<", "{", "}", "[", "]", ",", ":", "? ", "- ", "#", "|", ">", "%", "@", "`"),
    *("9" * 5000, "x" * 3000, "\t", "\n", "\n  ", "\ufeff", "\x85", "\u2028", "---", "..."),
]
KEYS = ["published", "id", "title", "source", "url", "extra"]


def _value() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(YAML_PIECES), min_size=1, max_size=4).map(" ".join)


@FUZZ
@given(
    meta=st.lists(st.tuples(st.sampled_from(KEYS), _value()), max_size=4),
    junk=st.lists(st.sampled_from(YAML_PIECES), max_size=3).map(" ".join),
)
def test_any_yaml_front_matter_keeps_the_article(meta: list[tuple[str, str]], junk: str) -> None:
    """A front-matter block, however odd, never loses its article: at worst it is ignored."""
    lines = [f"{key}: {value}" for key, value in meta] + [junk]
    block = "\n".join(line for line in lines if line.strip() not in ("---", "..."))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.md"
        path.write_text(f"---\n{block}\n---\n{BODY}", encoding="utf-8", errors="surrogatepass")
        records = list(load_articles([path]))
    problems = [r for r in records if isinstance(r, LoadProblem)]
    articles = [r for r in records if isinstance(r, Article)]
    assert len(records) == 1, records
    assert not problems or problems[0].message == "no article text after the front matter"
    for article in articles:
        assert BODY in article.text or article.text.endswith(BODY)
        for value in (article.id, article.title, article.source, article.url):
            assert value is None or (len(value) <= 2000 and value.encode("utf-8"))


#: ``file`` values of a manifest line: odd names, paths that climb out, devices, itself.
FILE_NAMES = [
    *("a.txt", "b.md", "sub", ".", "..", "../a.txt", "/etc/passwd", "/dev/zero", "~", ""),
    *("a.txt\x00", "\ud800.txt", "\udcff.txt", "x" * 300, "a.txt/", "./a.txt", "sub/../a.txt"),
    *("feed.jsonl", "A.TXT", "c:\\x.txt", "link.txt", "loop.txt", "fifo.txt", "\u202ea.txt"),
]
JSON_ODD = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)


@FUZZ
@given(
    lines=st.lists(
        st.fixed_dictionaries(
            {"file": st.sampled_from(FILE_NAMES) | JSON_ODD},
            optional={"published": JSON_ODD, "id": JSON_ODD, "text": JSON_ODD},
        ),
        min_size=1,
        max_size=6,
    )
)
def test_manifest_lines_are_each_an_article_or_one_problem(lines: list[dict[str, object]]) -> None:
    """Nothing outside the folder is read, and the good line after the odd ones is kept."""
    with tempfile.TemporaryDirectory() as top:
        outside = Path(top) / "secret.txt"
        outside.write_text("SECRET text outside.\n", encoding="utf-8")
        folder = Path(top) / "in"
        (folder / "sub").mkdir(parents=True)
        (folder / "a.txt").write_text(BODY, encoding="utf-8")
        (folder / "b.md").write_text(f"---\npublished: 2019-02-30\n---\n{BODY}", encoding="utf-8")
        (folder / "link.txt").symlink_to(outside)
        (folder / "loop.txt").symlink_to("loop.txt")
        os.mkfifo(folder / "fifo.txt")
        text = [json.dumps(line) for line in lines] + [json.dumps({"id": "last", "text": BODY})]
        (folder / "feed.jsonl").write_text("\n".join(text) + "\n", encoding="utf-8")
        records = list(load_articles([folder / "feed.jsonl"]))
    assert len(records) == len(lines) + 1, records
    assert isinstance(records[-1], Article) and records[-1].id.startswith("last")
    assert all("SECRET" not in r.text for r in records if isinstance(r, Article))
    for number, record in enumerate(records[:-1], start=1):
        if isinstance(record, LoadProblem):
            assert record.origin == f"{folder / 'feed.jsonl'}:{number}" and record.message


CSV_CELLS = [
    *("Testville", "Newplace", "", " ", '"', '""', '"a,b"', 'a"b', "=SUM(A1)", "\x00", "\u2028"),
    *("35.5", "36.6", "-90", "180", "nan", "inf", "1e400", "0x10", "91", "-181", "1,5"),
    *("town", "village", "VILLAGE", "sy", "S1", "ÄÖ", "a;b;;c", ";" * 50, "x" * 2000),
]


@FUZZ
@given(
    rows=st.lists(
        st.lists(st.sampled_from(CSV_CELLS) | st.text(max_size=8), min_size=0, max_size=8),
        max_size=8,
    ),
    header=st.booleans(),
)
def test_user_csv_lines_are_each_a_place_or_one_problem(
    rows: list[list[str]], header: bool
) -> None:
    lines = [",".join(row) for row in rows] + ["Lastplace,35.1,36.1"]
    head = ["name,lat,lon,alt_names,country,admin1,kind"] if header else []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mine.csv"
        path.write_text("\n".join([*head, *lines]) + "\n", encoding="utf-8", errors="replace")
        source = UserCSV(path)
        try:
            places = list(source.places())
        except SourceError as err:  # the file as a whole: its first line read as a bad header
            assert not header and str(err).startswith(f"{path}:1: header")
            return
    used = {int(p.id.rsplit(":", 1)[1]) for p in places}
    refused = [p.line for p in source.problems]
    assert len(refused) == len(set(refused)) and not used & set(refused)  # one line, one say
    assert places and places[-1].name == "Lastplace"


@FUZZ
@given(
    rows=st.lists(
        st.lists(st.sampled_from(CSV_CELLS + ["2020-01-01", "2019-02-30", "government"])),
        max_size=6,
    )
)
def test_baseline_csv_rows_are_each_an_observation_or_one_problem(rows: list[list[str]]) -> None:
    lines = [",".join(row) for row in rows] + ["35.1,36.1,rebels,2020-01-01"]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "zones.csv"
        path.write_text("lat,lon,side,date\n" + "\n".join(lines) + "\n", encoding="utf-8")
        observations, problems = load_baseline(path)
    assert all(problem.startswith(f"{path}") for problem in problems)
    if not any(p.startswith(f"{path}: cannot be read") for p in problems):
        assert observations and observations[-1].side == "rebels"
