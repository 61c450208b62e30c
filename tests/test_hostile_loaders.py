"""Hostile inputs to the loaders: one clear problem per bad input, nothing else lost (issue 12).

Every fixture here is written by the test itself.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mapper.articles import MAX_META_CHARS, load_articles
from mapper.model import Article, LoadProblem

BODY = "Government forces captured the town of Testville on Monday.\n"


def split(records) -> tuple[list[Article], list[LoadProblem]]:
    good, bad = [], []
    for record in records:
        (good if isinstance(record, Article) else bad).append(record)
    return good, bad


def front(meta: str) -> str:
    return f"---\n{meta}\n---\n{BODY}"


# --- front matter -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "meta",
    [
        "published: " + "9" * 5000,  # an id is text (test_hostile_campaign6): a long one is cut
        "published: " + "[" * 5000 + "]" * 5000,
        "title: " + "{a: " * 3000 + "1" + "}" * 3000,
    ],
    ids=["long-int", "deep-list", "deep-map"],
)
def test_bad_front_matter_keeps_the_article_with_a_warning(tmp_path: Path, meta: str) -> None:
    path = tmp_path / "a.md"
    path.write_text(front(meta), encoding="utf-8")
    good, bad = split(load_articles([path]))
    assert bad == []
    assert len(good) == 1 and good[0].text == BODY and good[0].published is None
    assert good[0].warnings and "front matter" in good[0].warnings[0]


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("2019-02-30", "day is out of range for month"),
        ("0000-00-00", "year 0 is out of range"),
        ("2019-13-01", "month must be in 1..12"),
        ("2019-01-01 25:00:00", "hour must be in 0..23"),
    ],
)
def test_an_impossible_yaml_date_is_one_warning_and_the_rest_is_kept(
    tmp_path: Path, value: str, why: str
) -> None:
    """YAML reads these as timestamps and raised: the whole front matter (its id) was lost."""
    path = tmp_path / "a.md"
    path.write_text(front(f"published: {value}\nid: kept\ntitle: Kept"), encoding="utf-8")
    good, bad = split(load_articles([path]))
    assert bad == [] and len(good) == 1
    (article,) = good
    assert (article.id, article.title, article.published) == ("kept", "Kept", None)
    assert article.warnings == (
        f"published {value!r} is not a date (expected YYYY-MM-DD: {why}); date unknown",
    )


def test_yaml_alias_bomb_is_refused(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    path = tmp_path / "bomb.md"
    path.write_text(front("\n".join(lines)), encoding="utf-8")
    good, bad = split(load_articles([path]))
    assert bad == [] and len(good) == 1
    assert any("aliases" in w for w in good[0].warnings)


def test_non_scalar_and_long_metadata_are_bounded(tmp_path: Path) -> None:
    path = tmp_path / "m.md"
    path.write_text(front(f"title: [1, 2]\nsource: {'x' * 5000}\nid: ok"), encoding="utf-8")
    (article,) = load_articles([path])
    assert isinstance(article, Article)
    assert article.title is None and article.id == "ok"
    assert article.source is not None and len(article.source) == MAX_META_CHARS
    assert len(article.warnings) == 2


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes(BODY.encode("utf-16"))
    (article,) = load_articles([path])
    assert isinstance(article, Article) and article.text == BODY


# --- JSONL --------------------------------------------------------------------------------------


def test_bad_lines_in_the_middle_lose_nothing_else(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "first", "text": BODY}),
        '{"id": ' + "1" * 5000 + ', "text": "x"}',  # > 4,300 digits
        "[" * 100_000 + "]" * 100_000,  # RecursionError in json
        '{"id": "s", "title": "\\ud800", "text": "A\\udc00 town."}',  # lone surrogates
        json.dumps({"id": {"nested": 1}, "text": BODY}),
        json.dumps({"id": "last", "text": BODY}),
    ]
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    good, bad = split(load_articles([path]))
    assert [a.id for a in good] == ["first", "s", "a-5", "last"]
    assert [p.origin for p in bad] == [f"{path}:2", f"{path}:3"]
    surrogate = good[1]
    assert surrogate.title == "\ufffd" and surrogate.text == "A\ufffd town."
    json.dumps([surrogate.title, surrogate.text], ensure_ascii=False).encode("utf-8")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    value=st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
        ),
        max_leaves=8,
    ),
    key=st.sampled_from(["id", "published", "title", "source", "url", "text", "file"]),
)
def test_any_json_value_in_any_field_never_raises(tmp_path: Path, value: object, key: str) -> None:
    record = {"text": BODY, key: value}
    path = tmp_path / "h.jsonl"
    path.write_text(json.dumps(record) + "\n" + json.dumps({"text": BODY}) + "\n")
    records = list(load_articles([path]))
    assert len(records) == 2 and isinstance(records[1], Article)
    for r in records:
        if isinstance(r, Article):
            for field in (r.id, r.title, r.source, r.url, r.text):
                if field is not None:
                    field.encode("utf-8")  # every output can write it


# --- directories --------------------------------------------------------------------------------


def test_one_broken_file_among_good_ones(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b.md").write_text(front("published: 2019-02-30"), encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "d.jsonl").write_text("{not json\n" + json.dumps({"text": BODY}) + "\n")
    (tmp_path / "e.txt").write_text(BODY, encoding="utf-8")
    good, bad = split(load_articles([tmp_path]))
    assert sorted(a.origin.rsplit("/", 1)[-1] for a in good) == [
        "a.txt",
        "b.md",
        "d.jsonl:2",
        "e.txt",
    ]
    assert len(bad) == 2


# --- manifests ----------------------------------------------------------------------------------


def manifest(folder: Path, name: str) -> Path:
    path = folder / "manifest.jsonl"
    lines = [json.dumps({"id": "bad", "file": name}), json.dumps({"id": "ok", "file": "ok.txt"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "ok.txt").write_text(BODY, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "name", ["/etc/hostname", "../secret.txt", "sub/../../secret.txt", "/dev/zero", ""]
)
def test_manifest_cannot_leave_its_folder(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (tmp_path / "secret.txt").write_text("SECRET outside text.\n", encoding="utf-8")
    good, bad = split(load_articles([manifest(folder, name)]))
    assert [a.id for a in good] == ["ok"]
    assert len(bad) == 1 and bad[0].origin.endswith(":1") and "'file'" in bad[0].message
    assert all("SECRET" not in a.text for a in good)


def test_manifest_symlink_out_of_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (tmp_path / "secret.txt").write_text("SECRET outside text.\n", encoding="utf-8")
    (folder / "link.txt").symlink_to(tmp_path / "secret.txt")
    good, bad = split(load_articles([manifest(folder, "link.txt")]))
    assert [a.id for a in good] == ["ok"] and "outside" in bad[0].message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_manifest_fifo_and_device_are_refused_without_blocking(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    good, bad = split(load_articles([manifest(folder, "pipe.txt")]))
    assert [a.id for a in good] == ["ok"] and "not a regular file" in bad[0].message


def test_closed_stdin_is_one_problem() -> None:
    import io

    stream = io.StringIO("x")
    stream.close()
    (problem,) = load_articles(["-"], stdin=stream)
    assert isinstance(problem, LoadProblem) and problem.origin == "<stdin>"


# --- found by the second fuzz campaign ----------------------------------------------------------


def test_utf16_jsonl_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "u16.jsonl"
    path.write_bytes((json.dumps({"text": BODY}) + "\n").encode("utf-16"))
    assert list(load_articles([path])) == [
        LoadProblem(str(path), "UTF-16 text; JSONL must be UTF-8 (re-encode it)")
    ]


def test_a_manifest_file_failing_in_a_folder_is_reported_once(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "bin.txt").write_bytes(b"\x00\x01binary")
    good, bad = split(load_articles([manifest(folder, "bin.txt").parent]))
    assert [a.id for a in good] == ["ok"]
    assert [p.origin for p in bad] == [f"{folder / 'manifest.jsonl'}:1"]


def test_a_manifest_cannot_name_a_jsonl(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    good, bad = split(load_articles([manifest(folder, "manifest.jsonl")]))
    assert [a.id for a in good] == ["ok"]
    assert len(bad) == 1 and "is a JSONL file" in bad[0].message


def test_an_ignored_published_value_is_one_warning(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(front("published: !!binary aGVsbG8="), encoding="utf-8")
    (article,) = load_articles([path], published=date(2020, 2, 8))
    assert isinstance(article, Article) and article.published is None
    assert article.warnings == ("'published' is a bytes, not a text or number; ignored",)


def test_a_file_name_that_is_not_utf8_gives_a_writable_id(tmp_path: Path) -> None:
    """Its stem held lone surrogates: hashing the event id raised and ended the whole run."""
    name = os.fsencode(tmp_path) + b"/bad\xff\xfename.txt"
    with open(name, "wb") as fh:
        fh.write(BODY.encode("utf-8"))
    (article,) = load_articles([tmp_path])
    assert isinstance(article, Article) and article.id == "bad\ufffd\ufffdname"
    article.id.encode("utf-8")
    (article.origin or "").encode("utf-8")


@pytest.mark.parametrize(
    "ring",
    [
        [[36, 95], [37, 95], [37, 96], [36, 95]],  # latitude 95: PROJ raised in the front estimate
        [[1e300, 1e300], [-1e300, 1e300], [0, -1e300], [1e300, 1e300]],  # GEOS raised
    ],
    ids=["lat95", "1e300"],
)
def test_a_baseline_polygon_off_the_earth_is_skipped(tmp_path: Path, ring: list) -> None:
    from mapper.baseline import load_baseline

    feature = {
        "type": "Feature",
        "properties": {"side": "government", "date": "2020-02-01"},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }
    good = {
        **feature,
        "geometry": {"type": "Polygon", "coordinates": [[[36, 35], [37, 35], [37, 36], [36, 35]]]},
    }
    path = tmp_path / "known.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature, good]}))
    observations, problems = load_baseline(path)
    assert problems == [f"{path}: feature 1: coordinates outside lon/lat bounds; skipped"]
    assert observations and all(-90 <= o.lat <= 90 for o in observations)


def test_a_truncated_jsonl_gz_keeps_every_whole_line_before_the_damage(tmp_path: Path) -> None:
    """The 8 kB sniff read the damaged end of a small file and lost every line of it."""
    import gzip
    import zlib

    lines = [json.dumps({"id": f"a{k}", "text": BODY}) for k in range(100)]
    data = gzip.compress(("\n".join(lines) + "\n").encode("utf-8"))[:-30]
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data)
    whole = zlib.decompressobj(wbits=31).decompress(data).count(b"\n")  # what is recoverable
    good, bad = split(load_articles([path]))
    assert whole > 10 and [a.id for a in good] == [f"a{k}" for k in range(whole)]
    assert len(bad) == 1 and bad[0].origin == str(path) and "damaged gzip" in bad[0].message


def test_a_broken_link_in_a_folder_is_reported_not_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    good, bad = split(load_articles([tmp_path]))
    assert [a.id for a in good] == ["a"]
    assert [(p.origin, p.message) for p in bad] == [
        (str(tmp_path / "gone.txt"), "cannot read: No such file or directory")
    ]


# --- gzip with trailing junk, folders with links leading out, stdin named twice --------------

GZ_LINES = [json.dumps({"id": f"g{k}", "text": f"{BODY} Line {k}."}) for k in range(300)]


@pytest.mark.parametrize("newline", ["\n", ""], ids=["newline-at-end", "no-newline-at-end"])
@pytest.mark.parametrize(
    "junk",
    [b"J", b"JUNK" * 1000, b"\x1f", b"\x1f\x8b", b"\x1f\x8b\x08\x00garbage", b"\x00\x00X"],
    ids=["one-byte", "4kB", "half-magic", "magic", "bad-member", "zeros-then-junk"],
)
def test_gzip_trailing_junk_keeps_every_line_and_names_the_file(
    tmp_path: Path, junk: bytes, newline: str
) -> None:
    """GzipFile raised at the junk and the line it was buffering was lost (the last one)."""
    import gzip

    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(gzip.compress(("\n".join(GZ_LINES) + newline).encode()) + junk)
    good, bad = split(load_articles([path]))
    assert [a.id for a in good] == [f"g{k}" for k in range(len(GZ_LINES))]
    assert len(bad) == 1 and bad[0].origin == str(path), bad


def test_gzip_zero_padding_is_no_problem(tmp_path: Path) -> None:
    import gzip

    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(gzip.compress("\n".join(GZ_LINES).encode()) + b"\x00" * 70_000)
    good, bad = split(load_articles([path]))
    assert len(good) == len(GZ_LINES) and bad == []


def test_gzip_cut_inside_a_line_drops_only_that_line_and_says_so(tmp_path: Path) -> None:
    import gzip
    import zlib

    data = gzip.compress("\n".join(GZ_LINES * 40).encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    whole = zlib.decompressobj(wbits=31).decompress(data[: len(data) // 2]).count(b"\n")
    good, bad = split(load_articles([path]))
    assert whole > 100 and len(good) == whole  # no half article, no "not JSON" line
    assert len(bad) == 1 and "incomplete last line" in bad[0].message


def test_a_link_in_a_folder_leading_outside_is_skipped_with_a_warning(tmp_path: Path) -> None:
    from mapper.articles import LoadWarning

    folder, outside = tmp_path / "in", tmp_path / "outside"
    (folder / "sub").mkdir(parents=True)
    (outside / "d").mkdir(parents=True)
    secret = "Rebels captured Secretville on Monday.\n"
    (outside / "secret.txt").write_text(secret, encoding="utf-8")
    (outside / "d" / "x.txt").write_text(secret, encoding="utf-8")
    (folder / "good.txt").write_text(BODY, encoding="utf-8")
    (folder / "leak.txt").symlink_to(outside / "secret.txt")
    (folder / "sub" / "passwd.md").symlink_to("/etc/passwd")
    (folder / "linked").symlink_to(outside / "d")
    (folder / "alias.txt").symlink_to("good.txt")  # inside the folder: read
    os.mkfifo(folder / "fifo.txt")  # would block forever
    records = list(load_articles([folder]))
    good, bad = split(records)
    assert sorted(a.id for a in good) == ["alias", "good"]
    assert all(isinstance(p, LoadWarning) for p in bad)
    assert sorted(Path(p.origin).name for p in bad) == [
        "fifo.txt",
        "leak.txt",
        "linked",
        "passwd.md",
    ]
    assert all("outside the folder" in p.message for p in bad if "fifo" not in p.origin)
    assert not any("Secretville" in a.text or "root:" in a.text for a in good)
    # named on the command line, the same link is the user's choice: read
    [article] = load_articles([folder / "leak.txt"])
    assert isinstance(article, Article) and article.text == secret


def test_stdin_named_twice_is_read_once_with_a_warning() -> None:
    import io

    from mapper.articles import LoadWarning

    stream = io.BytesIO(BODY.encode())
    records = list(load_articles(["-", "-", "-"], stdin=stream))
    assert isinstance(records[0], Article) and records[0].text == BODY
    assert len(records) == 3 and all(isinstance(r, LoadWarning) for r in records[1:])
    assert "already" in records[1].message or "once" in records[1].message


# --- wide encodings and CR-only line ends (fresh fuzz campaign) -------------------------------


def test_utf32_with_bom_is_decoded_not_read_as_utf16(tmp_path: Path) -> None:
    """FF FE 00 00 starts UTF-16 too: the text came out as UTF-16 full of NULs, no event."""
    path = tmp_path / "a.txt"
    path.write_bytes(BODY.encode("utf-32"))
    [article] = load_articles([path])
    assert isinstance(article, Article) and article.text == BODY


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_named_not_called_binary(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(BODY.encode(codec))
    [problem] = load_articles([path])
    assert isinstance(problem, LoadProblem) and "UTF-16 (no BOM)" in problem.message


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16", "utf-32"])
def test_a_wide_jsonl_is_one_problem_not_one_per_line(tmp_path: Path, codec: str) -> None:
    """Without a BOM each line was "NUL bytes in the line" (1,000 lines: 1,000 errors)."""
    import io

    text = "\n".join(json.dumps({"text": BODY}) for _ in range(50)) + "\n"
    path = tmp_path / "feed.jsonl"
    path.write_bytes(text.encode(codec))
    for records in (
        load_articles([path]),
        load_articles(["-"], stdin=io.BytesIO(path.read_bytes())),
    ):
        [problem] = records
        assert isinstance(problem, LoadProblem) and "UTF-" in problem.message


def test_a_jsonl_with_cr_only_line_ends_loads_every_line(tmp_path: Path) -> None:
    """Old Mac line ends: the whole file was one line, "not JSON (Extra data)"."""
    import io

    raw = b"\r".join(json.dumps({"id": f"cr{k}", "text": BODY}).encode() for k in range(3))
    path = tmp_path / "feed.jsonl"
    path.write_bytes(raw + b"\r")
    for records in (load_articles([path]), load_articles(["-"], stdin=io.BytesIO(raw))):
        good, bad = split(records)
        assert [a.id for a in good] == ["cr0", "cr1", "cr2"] and bad == []
    # a CR inside a line of an LF file is JSON whitespace: that line stays whole
    path.write_bytes(b'{"id": "x",\r "text": "a"}\n{"id": "y", "text": "b"}\n')
    good, bad = split(load_articles([path]))
    assert [a.id for a in good] == ["x", "y"] and bad == []


@pytest.mark.parametrize("value", [5, ["a.txt"], {"a": 1}, True])
def test_a_manifest_file_that_is_not_a_string_says_so(tmp_path: Path, value: object) -> None:
    """It said "no 'text' (or 'file') field" of a line that has a 'file' field."""
    path = tmp_path / "m.jsonl"
    path.write_text(json.dumps({"file": value}) + "\n", encoding="utf-8")
    [problem] = load_articles([path])
    assert isinstance(problem, LoadProblem) and "'file' is a" in problem.message
