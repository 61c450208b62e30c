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
        "published: 2019-02-30",
        "published: 0000-00-00",
        "published: 2019-13-01",
        "published: 2019-01-01 25:00:00",
        "id: " + "9" * 5000,
        "published: " + "[" * 5000 + "]" * 5000,
        "title: " + "{a: " * 3000 + "1" + "}" * 3000,
    ],
    ids=["feb30", "zeros", "month13", "hour25", "long-int", "deep-list", "deep-map"],
)
def test_bad_front_matter_keeps_the_article_with_a_warning(tmp_path: Path, meta: str) -> None:
    path = tmp_path / "a.md"
    path.write_text(front(meta), encoding="utf-8")
    good, bad = split(load_articles([path]))
    assert bad == []
    assert len(good) == 1 and good[0].text == BODY and good[0].published is None
    assert good[0].warnings and "front matter" in good[0].warnings[0]


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
