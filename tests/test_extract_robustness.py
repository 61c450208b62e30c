"""Bad and odd input: extraction never raises and says what it could not do."""

from __future__ import annotations

from datetime import date

import pytest

from gazetteer import default_gazetteer
from mapper.extract import extract_article, extract_articles
from mapper.model import Article

PUB = date(2020, 1, 29)


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


def run(gaz, text, published=PUB):
    return extract_article(Article(id="odd", text=text, published=published), gaz)


def test_empty_text_is_reported(gaz):
    res = run(gaz, "   \n ")
    assert res.mentions == [] and res.events == []
    assert any("empty text" in p for p in res.problems)


def test_no_places_is_reported(gaz):
    res = run(gaz, "Fighting continued on Monday and many people fled.")
    assert res.events == []
    assert any("no place names" in p for p in res.problems)


def test_no_date_keeps_events_undated_with_reasons(gaz):
    res = run(gaz, "Regime forces captured Saraqeb on Monday.", published=None)
    assert [e.date for e in res.events] == [None]
    assert res.events[0].date_precision == "unknown"
    assert "publication date unknown" in res.events[0].reason


def test_unbalanced_quotes(gaz):
    res = run(gaz, 'He said "regime forces captured Saraqeb on Monday. Then “silence.')
    assert [e.type for e in res.events] == ["capture"]


def test_html_entities_and_tags(gaz):
    text = "<p>Regime forces captured <b>Saraqeb</b> on Monday &amp; shelled Ariha.</p><br/>"
    res = run(gaz, text)
    assert {m.surface for m in res.mentions} >= {"Saraqeb", "Ariha"}
    assert all(text[m.start : m.end] == m.surface for m in res.mentions)
    assert any("HTML" in p for p in res.problems)


def test_arabic_script(gaz):
    res = run(gaz, "سيطرت قوات النظام على بلدة خان شيخون في ريف إدلب الجنوبي يوم الأربعاء")
    # Arabic-script names are spotted and resolved through the letter table; spans stay exact.
    resolved = {m.surface: m.place.name for m in res.mentions if m.place}
    assert resolved.get("خان شيخون") == "Khān Shaykhūn"
    assert all(res.article.text[m.start : m.end] == m.surface for m in res.mentions)


def test_mixed_languages(gaz):
    text = (
        "Les forces du régime ont pris Khan Cheikhoun. Российские войска заняли Авдеевку. "
        "Regime forces captured Saraqeb on Monday. القوات في سراقب"
    )
    res = run(gaz, text)
    assert "capture" in [e.type for e in res.events]


def test_control_characters_and_very_long_sentence(gaz):
    text = "\x00\x07 " + "and the fighting went on " * 4000 + " near Saraqeb."
    res = run(gaz, text)
    assert [(e.type, e.place.surface if e.place else None) for e in res.events] == [
        ("clash", "Saraqeb")
    ]
    assert any("name no place" in p for p in res.problems)


def test_extract_articles_streams(gaz):
    arts = (
        Article(id=f"a{i}", text="Rebels withdrew from Saraqeb.", published=PUB) for i in range(3)
    )
    it = extract_articles(arts, gazetteer=gaz)
    first = next(it)
    assert first.article.id == "a0" and first.events
    assert [r.article.id for r in it] == ["a1", "a2"]


@pytest.mark.slow
def test_five_megabyte_article(gaz):
    para = (
        "Government forces captured the town of Saraqeb on Monday after clashes near Ariha, a "
        "monitor said. Rebels withdrew from Kafr Nabl. Nothing else happened in the plain.\n\n"
    )
    text = para * (5_000_000 // len(para) + 1)
    res = run(gaz, text)
    assert len(text) >= 5_000_000
    assert res.mentions and res.mentions[-1].end > 4_900_000
    # repeats of one report are one event each
    assert sorted(e.type for e in res.events) == ["capture", "clash", "withdrawal"]


def test_event_phrases_without_a_place_are_reported(gaz):
    res = run(gaz, "Loyalist forces seized a total of 25 towns and villages. Fighting raged.")
    assert res.events == []
    note = [p for p in res.problems if "name no place" in p]
    assert note and "capture 'seized'" in note[0] and "clash 'Fighting'" in note[0]
    from mapper.extract import unplaced_phrases

    assert unplaced_phrases(note[0]) == 2  # the CLI sums these into one line
    assert sum(unplaced_phrases(p) for p in res.problems if p is not note[0]) == 0


def _facts(extraction):
    return {(e.type, " ".join(e.place.surface.split()), e.actor, e.date) for e in extraction.events}


def test_hard_wrapped_text_gives_the_events_of_the_unwrapped_text(gaz):
    """Plain-text dispatches wrapped at ~70 columns: a single line break is a space."""
    import textwrap

    from mapper.articles import demo_corpus_dir, load_articles

    arts = [a for a in load_articles([demo_corpus_dir()]) if isinstance(a, Article)]
    assert len(arts) >= 10
    total = 0
    for art in arts:
        paragraphs = art.text.split("\n\n")
        wrapped = "\n\n".join(
            "\n".join(textwrap.wrap(p, 68, break_on_hyphens=False)) for p in paragraphs
        )
        plain = _facts(extract_article(art, gaz))
        assert _facts(run_article(gaz, art, wrapped)) == plain, art.id
        total += len(plain)
    assert total >= 50


def run_article(gaz, art, text):
    return extract_article(Article(id=art.id, text=text, published=art.published), gaz)


def test_unwrap_keeps_offsets_headlines_and_paragraphs():
    from mapper.extract.sentences import split_sentences, unwrap

    text = (
        "SHORT HEADLINE\n"
        "Government forces captured the town of Kafr Nabudah on Tuesday after a\n"
        "week of fighting, a war monitor said, and moved on towards the hills.\n"
        "\n"
        "- a list item\n- another item\n"
    )
    out = unwrap(text)
    assert len(out) == len(text)
    assert out.startswith("SHORT HEADLINE\n")  # a short line keeps its break
    assert "after a week of fighting" in out
    assert "\n\n- a list item\n- another item\n" in out
    sents = [s.text for s in split_sentences(out)]
    assert any(s.startswith("Government forces") and s.endswith("hills.") for s in sents)
