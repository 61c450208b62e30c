"""mapper.articles: every input format, every kind of bad input, streaming memory."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from mapper import articles as articles_module
from mapper.articles import demo_corpus_dir, load_articles, parse_published
from mapper.model import Article, LoadProblem


def split(records):
    records = list(records)
    good = [r for r in records if isinstance(r, Article)]
    bad = [r for r in records if isinstance(r, LoadProblem)]
    assert len(good) + len(bad) == len(records)
    return good, bad


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


FRONT = """---
published: 2019-08-21
title: "Army enters the town: a test"
source: Test Wire
url: https://example.org/test/1
---
Government forces entered the town of Khan Shaykhun on Tuesday, a monitor said.
"""


# --- the demo corpus -------------------------------------------------------------------------


def test_demo_corpus_is_a_dated_multi_outlet_corpus(demo_dir):
    assert demo_dir == demo_corpus_dir()
    good, bad = split(load_articles([demo_dir]))
    assert bad == []
    assert 15 <= len(good) <= 18
    assert all(a.published is not None and not a.warnings for a in good)
    assert all(a.title and a.source and a.url.startswith("https://example.org/") for a in good)
    assert len({a.source for a in good}) >= 5
    for article in good:
        words = len(article.text.split())
        assert 150 <= words <= 350, (article.id, words)
    dates = sorted(a.published for a in good)
    assert dates[0] < date(2019, 6, 1) and dates[-1] > date(2020, 1, 1)
    # the README describes the folder and is not an article
    assert (demo_dir / "README.md").is_file()
    assert all("README" not in a.id for a in good)


def test_demo_corpus_spells_places_several_ways(demo_dir):
    text = "\n".join(a.text for a in split(load_articles([demo_dir]))[0])
    for spelling in (
        "Khan Cheikhoun",
        "Khan Sheikhoun",
        "Khan Shaykhun",
        "Maaret al-Noomane",
        "Maarat al-Numan",
        "Al-Habeet",
        "al-Habit",
        "Idleb",
        "Idlib",
        "Kafr Nabouda",
        "Kafr Nabudah",
        "Kafranbel",
        "Saraqeb",
        "Saraqib",
        "Latamneh",
        "Morek",
    ):
        assert spelling in text, spelling


# --- text files and front matter ------------------------------------------------------------


def test_front_matter_gives_metadata(tmp_path):
    path = write(tmp_path / "dispatch.md", FRONT)
    [article] = load_articles([path])
    assert article == Article(
        id="dispatch",
        text="Government forces entered the town of Khan Shaykhun on Tuesday, a monitor said.\n",
        published=date(2019, 8, 21),
        title="Army enters the town: a test",
        source="Test Wire",
        url="https://example.org/test/1",
        origin=str(path),
    )


def test_bare_text_takes_default_published_and_own_date_wins(tmp_path):
    bare = write(tmp_path / "bare.txt", "Rebels shelled the town on Sunday.\n")
    dated = write(tmp_path / "dated.md", FRONT)
    a, b = load_articles([bare, dated], published=date(2019, 8, 25))
    assert (a.id, a.published, a.title) == ("bare", date(2019, 8, 25), None)
    assert b.published == date(2019, 8, 21)
    [c] = load_articles([bare])
    assert c.published is None and c.warnings == ()


def test_front_matter_id_is_used(tmp_path):
    path = write(tmp_path / "x.md", "---\nid: wire-42\npublished: 2019-05-09\n---\nText here.\n")
    [article] = load_articles([path])
    assert article.id == "wire-42"


@pytest.mark.parametrize(
    ("content", "warning"),
    [
        ("---\ntitle: [unclosed\n---\nSome text.\n", "not valid YAML"),
        ("---\n- a list\n---\nSome text.\n", "not a mapping"),
        ("---\ntitle: never closed\nSome text.\n", "never closed"),
    ],
)
def test_bad_front_matter_keeps_the_article_with_a_warning(tmp_path, content, warning):
    [article] = load_articles([write(tmp_path / "a.md", content)])
    assert isinstance(article, Article)
    assert "Some text." in article.text
    assert len(article.warnings) == 1 and warning in article.warnings[0]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-08-14", date(2019, 8, 14)),
        ("2019-08-14T09:30:00Z", date(2019, 8, 14)),
        ("2019/08/14", date(2019, 8, 14)),
        ("14 August 2019", date(2019, 8, 14)),
        ("August 14, 2019", date(2019, 8, 14)),
        (date(2019, 8, 14), date(2019, 8, 14)),
    ],
)
def test_parse_published_accepts_dates(value, expected):
    assert parse_published(value) == (expected, None)


@pytest.mark.parametrize("value", ["last week", "2019-13-40", "", 20190814, None])
def test_parse_published_refuses_non_dates(value):
    parsed, warning = parse_published(value)
    assert parsed is None and "is not a date" in warning


def test_parse_published_refuses_the_future():
    tomorrow = date.today() + timedelta(days=1)
    parsed, warning = parse_published(tomorrow.isoformat())
    assert parsed is None and "in the future" in warning


@pytest.mark.parametrize("published", ["someday", "2999-01-01"])
def test_bad_published_in_front_matter_keeps_article_undated(tmp_path, published):
    path = write(tmp_path / "a.md", f"---\npublished: {published}\n---\nTroops advanced.\n")
    [article] = load_articles([path], published=date(2019, 1, 1))
    assert isinstance(article, Article)
    assert article.published is None
    assert len(article.warnings) == 1 and "published" in article.warnings[0]


# --- bad files ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"", "empty file"),
        (b"  \n\n\t \n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("Ma\u2019arrat al-Nu\u2019man was shelled.".encode("cp1252"), "not UTF-8"),
        (b"---\ntitle: only front matter\n---\n\n", "no article text"),
    ],
)
def test_bad_text_files_are_problems_and_others_still_load(tmp_path, payload, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(payload)
    good = write(tmp_path / "good.txt", "Clashes near Saraqib.\n")
    records = list(load_articles([bad, good]))
    assert isinstance(records[0], LoadProblem)
    assert records[0].origin == str(bad) and message in records[0].message
    assert isinstance(records[1], Article) and records[1].id == "good"


def test_non_utf8_problem_names_the_byte(tmp_path):
    bad = tmp_path / "latin.txt"
    bad.write_bytes("Idleb \u00e9t\u00e9".encode("latin-1"))
    [problem] = load_articles([bad])
    assert problem.message.startswith("not UTF-8 text (byte 0xe9 at offset 6)")


def test_missing_path_is_a_problem(tmp_path):
    [problem] = load_articles([tmp_path / "nope.txt"])
    assert problem == LoadProblem(str(tmp_path / "nope.txt"), "no such file or directory")


def test_text_above_the_size_cap_is_refused(tmp_path):
    big = tmp_path / "huge.txt"
    line = "Government forces shelled the villages south of the town again. " * 16 + "\n"
    with big.open("w") as stream:
        while stream.tell() <= articles_module.MAX_TEXT_BYTES:
            stream.write(line * 1000)
    [problem] = load_articles([big])
    assert isinstance(problem, LoadProblem)
    assert "above the 20 MB limit" in problem.message


def test_utf8_bom_is_dropped(tmp_path):
    path = tmp_path / "bom.md"
    path.write_bytes(b"\xef\xbb\xbf" + FRONT.encode("utf-8"))
    [article] = load_articles([path])
    assert article.published == date(2019, 8, 21)


# --- JSONL ----------------------------------------------------------------------------------


def test_jsonl_lines_load_and_bad_lines_are_reported_with_their_number(tmp_path):
    lines = [
        json.dumps(
            {
                "id": "a1",
                "published": "2019-08-11",
                "text": "Troops took al-Habit.",
                "title": "T",
                "url": "https://example.org/a1",
                "source": "S",
                "gold": {"events": []},
                "region": "syria_nw",
            }
        ),
        "{not json",
        json.dumps({"id": "a3", "published": "2019-08-12"}),
        "",
        json.dumps({"text": "Shelling on Morek.", "published": "yesterday"}),
        json.dumps(["a", "list"]),
        json.dumps({"text": 42}),
        json.dumps({"text": "   "}),
        json.dumps({"text": "Rebels withdrew.", "published": "2999-01-01"}),
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    good, bad = split(load_articles([path], published=date(2019, 1, 1)))
    assert [a.id for a in good] == ["a1", "batch-5", "batch-9"]
    first = good[0]
    assert (first.published, first.title, first.url, first.source) == (
        date(2019, 8, 11),
        "T",
        "https://example.org/a1",
        "S",
    )
    assert first.origin == f"{path}:1"
    assert good[1].published is None and "is not a date" in good[1].warnings[0]
    assert good[2].published is None and "in the future" in good[2].warnings[0]
    assert [(p.origin.rsplit(":", 1)[1], p.message.split(" ")[0]) for p in bad] == [
        ("2", "not"),
        ("3", "no"),
        ("6", "expected"),
        ("7", "'text'"),
        ("8", "'text'"),
    ]
    assert "no 'text'" in bad[1].message


def test_jsonl_without_published_takes_the_default(tmp_path):
    path = write(tmp_path / "x.jsonl", json.dumps({"text": "Clashes."}) + "\n")
    [article] = load_articles([path], published=date(2020, 2, 4))
    assert article.published == date(2020, 2, 4)


@pytest.mark.parametrize(
    ("payload", "message"),
    [(b"", "empty file"), (b"\n\n  \n", "empty file"), (b"\x00\x01\x02{}", "binary file")],
)
def test_empty_or_binary_jsonl_is_one_problem(tmp_path, payload, message):
    path = tmp_path / "x.jsonl"
    path.write_bytes(payload)
    [problem] = load_articles([path])
    assert isinstance(problem, LoadProblem) and message in problem.message


def test_jsonl_non_utf8_line_is_reported_and_the_rest_load(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'{"text": "caf\xe9"}\n{"text": "fine"}\n')
    bad, good = load_articles([path])
    assert isinstance(bad, LoadProblem) and bad.origin.endswith(":1") and "UTF-8" in bad.message
    assert isinstance(good, Article) and good.text == "fine"


def test_jsonl_line_above_the_cap_is_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr(articles_module, "MAX_TEXT_BYTES", 64)
    long_line = json.dumps({"text": "x" * 500})
    path = write(tmp_path / "x.jsonl", f'{long_line}\n{{"text": "short"}}\n')
    bad, good = load_articles([path])
    assert isinstance(bad, LoadProblem) and bad.origin.endswith(":1")
    assert "limit" in bad.message
    assert isinstance(good, Article) and good.text == "short" and good.id == "x-2"


def test_manifest_lines_point_at_text_files(tmp_path):
    write(tmp_path / "one.txt", "Troops entered Saraqib.\n")
    manifest = write(
        tmp_path / "manifest.jsonl",
        "\n".join(
            [
                json.dumps({"file": "one.txt", "id": "m1", "published": "2020-02-06"}),
                json.dumps({"file": "missing.txt", "published": "2020-02-06"}),
            ]
        )
        + "\n",
    )
    good, bad = split(load_articles([tmp_path]))
    # one.txt is read once, through the manifest, with its date
    assert [(a.id, a.published) for a in good] == [("m1", date(2020, 2, 6))]
    assert len(bad) == 1 and bad[0].origin == f"{manifest}:2" and "missing.txt" in bad[0].message


# --- directories, ids, stdin ----------------------------------------------------------------


def test_directories_are_walked_recursively_in_order(tmp_path):
    write(tmp_path / "b.txt", "B text.")
    write(tmp_path / "a.md", "A text.")
    write(tmp_path / "sub" / "c.txt", "C text.")
    write(tmp_path / "sub" / "d.jsonl", json.dumps({"id": "d1", "text": "D text."}))
    write(tmp_path / "notes.csv", "not,an,article")
    write(tmp_path / ".hidden" / "e.txt", "hidden")
    write(tmp_path / "README.md", "About this folder.")
    good, bad = split(load_articles([tmp_path]))
    assert bad == []
    assert [a.id for a in good] == ["d1", "a", "b", "c"]


def test_empty_directory_is_a_problem(tmp_path):
    (tmp_path / "empty").mkdir()
    [problem] = load_articles([tmp_path / "empty"])
    assert (
        isinstance(problem, LoadProblem)
        and "no .txt, .md, .jsonl or .jsonl.gz files" in problem.message
    )


def test_ids_are_unique(tmp_path):
    one = write(tmp_path / "x" / "report.txt", "One.")
    two = write(tmp_path / "y" / "report.txt", "Two.")
    a, b, c = load_articles([one, two, one])
    assert [a.id, b.id, c.id] == ["report", "report-2", "report-3"]
    assert b.warnings == ("id 'report' was already used; renamed 'report-2'",)


def test_stdin_text_and_jsonl(tmp_path):
    [article] = load_articles(["-"], stdin=io.BytesIO(FRONT.encode()))
    assert (article.id, article.published, article.origin) == (
        "stdin",
        date(2019, 8, 21),
        "<stdin>",
    )
    [article] = load_articles(["-"], stdin=io.StringIO("Plain text."), published=date(2019, 5, 6))
    assert (article.text, article.published) == ("Plain text.", date(2019, 5, 6))
    stream = io.BytesIO(b'{"id": "s1", "text": "One."}\nnope\n{"text": "Two."}\n')
    good, bad = split(load_articles(["-"], stdin=stream))
    assert [a.id for a in good] == ["s1", "stdin-3"]
    assert [p.origin for p in bad] == ["<stdin>:2"] and "not JSON" in bad[0].message
    [article] = load_articles(["-"], stdin=io.BytesIO(b'\xef\xbb\xbf{"text": "BOM."}\n'))
    assert (article.id, article.text) == ("stdin-1", "BOM.")
    [problem] = load_articles(["-"], stdin=io.BytesIO(b""))
    assert problem == LoadProblem("<stdin>", "empty file")


def test_loading_is_lazy(tmp_path):
    path = write(
        tmp_path / "x.jsonl", "".join(json.dumps({"text": f"t{i}"}) + "\n" for i in range(5))
    )
    stream = load_articles([path])
    assert next(stream).text == "t0"
    # nothing is opened before a record is asked for: a file gone by then is a problem
    late = load_articles([path])
    path.unlink()
    assert next(late) == LoadProblem(str(path), "no such file or directory")


# --- real texts from ../shared --------------------------------------------------------------


def test_seed_manifest_loads_dated_seed_texts(seeds_dir):
    manifest = [json.loads(line) for line in (seeds_dir / "manifest.jsonl").open()]
    good, bad = split(load_articles([seeds_dir / "manifest.jsonl"]))
    assert bad == []
    assert [(a.id, a.published.isoformat()) for a in good] == [
        (m["id"], m["published"]) for m in manifest
    ]
    assert all(len(a.text) > 500 for a in good)


def test_devset_loads_and_ignores_gold(devset_path):
    good, bad = split(load_articles([devset_path]))
    lines = sum(1 for line in devset_path.open(encoding="utf-8") if line.strip())
    assert bad == [] and len(good) == lines >= 97
    assert all(a.published and a.source and a.url for a in good)


# --- memory over a large JSONL --------------------------------------------------------------

_RSS_SCRIPT = """
import resource, sys
from mapper.articles import load_articles
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
count = 0
if sys.argv[1] != "-":
    for record in load_articles([sys.argv[1]]):
        count += 1
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(count, before, after)
"""


@pytest.mark.slow
def test_200_mb_jsonl_streams_with_flat_memory(tmp_path):
    path = tmp_path / "big.jsonl"
    text = (
        "Government forces advanced four kilometers west of the town after heavy shelling, "
        "a monitor said. "
    ) * 20
    line = (json.dumps({"id": "x", "published": "2019-08-14", "text": text}) + "\n").encode()
    block = line * 1000
    with path.open("wb") as stream:
        while stream.tell() < 200 * 2**20:
            stream.write(block)
    lines = path.stat().st_size // len(line)

    def run(arg: str) -> list[int]:
        out = subprocess.run(
            [sys.executable, "-c", _RSS_SCRIPT, arg], capture_output=True, text=True, check=True
        ).stdout
        return [int(v) for v in out.split()]

    count, _, peak = run(str(path))
    _, _, baseline = run("-")
    assert count == lines  # every line became an Article (ids made unique)
    growth_mb = (peak - baseline) / 1024  # ru_maxrss is in KiB on Linux
    assert growth_mb < 60, f"peak RSS grew {growth_mb:.0f} MB reading a 200 MB JSONL"


def test_front_matter_of_demo_files_is_plain_yaml(demo_dir):
    for path in sorted(demo_dir.glob("*.md")):
        if path.name == "README.md":
            continue
        head = path.read_text(encoding="utf-8").split("---")[1]
        meta = yaml.safe_load(head)
        assert set(meta) == {"published", "title", "source", "url"}, path.name


def test_windows_line_endings_in_front_matter(tmp_path):
    path = tmp_path / "crlf.md"
    path.write_bytes(FRONT.replace("\n", "\r\n").encode("utf-8"))
    [article] = load_articles([path])
    assert (article.published, article.title) == (date(2019, 8, 21), "Army enters the town: a test")
    assert article.text.startswith("Government forces entered")


def test_front_matter_datetime_is_read_as_its_date(tmp_path):
    path = write(tmp_path / "a.md", "---\npublished: 2019-08-14 09:30:00\n---\nText.\n")
    [article] = load_articles([path])
    assert article.published == date(2019, 8, 14) and article.warnings == ()


def test_gzipped_jsonl_streams_like_jsonl(tmp_path):
    import gzip

    path = tmp_path / "wire.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        stream.write(json.dumps({"text": "Troops entered Saraqib.", "published": "2020-02-06"}))
        stream.write("\n{broken\n")
    good, bad = split(load_articles([tmp_path]))  # found by the directory walk too
    assert [(a.id, a.published) for a in good] == [("wire-1", date(2020, 2, 6))]
    assert [p.origin for p in bad] == [f"{path}:2"]


@pytest.mark.parametrize("payload", [b"not gzip at all", None])
def test_damaged_gzip_is_a_problem(tmp_path, payload):
    import gzip

    path = tmp_path / "bad.jsonl.gz"
    if payload is None:  # truncated archive
        payload = gzip.compress(b'{"text": "A long enough line of text."}\n' * 50)[:40]
    path.write_bytes(payload)
    records = list(load_articles([path]))
    assert isinstance(records[-1], LoadProblem) and records[-1].origin == str(path)
    assert "cannot read" in records[-1].message


@pytest.mark.parametrize("name", ["wire.jsonl", "wire.jsonl.gz"])
def test_binary_jsonl_is_one_problem(tmp_path, name):
    import gzip

    payload = b'\x89PNG\x00\x00\x00\n{"text": "fine"}\n'
    path = tmp_path / name
    path.write_bytes(gzip.compress(payload) if name.endswith(".gz") else payload)
    assert list(load_articles([path])) == [
        LoadProblem(str(path), "binary file (contains NUL bytes), not JSONL")
    ]


def test_a_nul_byte_in_one_jsonl_line_fails_that_line_only(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_bytes(b'{"text": "fine"}\n\x89PNG\x00\x00\x00\n{"text": "also fine"}\n')
    records = list(load_articles([path]))
    assert [r.text for r in records if isinstance(r, Article)] == ["fine", "also fine"]
    assert [r for r in records if isinstance(r, LoadProblem)] == [
        LoadProblem(f"{path}:2", "NUL bytes in the line, not JSON")
    ]
