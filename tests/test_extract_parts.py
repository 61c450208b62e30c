"""Building blocks of extraction: sentences, numbers, directions, actors, casualties, cues,
filters. No gazetteer needed."""

from __future__ import annotations

import pytest

from mapper.extract.actors import find_actors, nearest_actor
from mapper.extract.casualties import find_killed
from mapper.extract.cues import find_cue_names
from mapper.extract.directions import normalise_direction
from mapper.extract.filters import dateline_spans, masked_spans
from mapper.extract.numbers import parse_distance, parse_number
from mapper.extract.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("four", 4),
        ("a dozen", 12),
        ("two and a half", 2.5),
        ("4.5", 4.5),
        ("twenty-five", 25),
        ("1,500", 1500),
        ("eleven", 11),
        ("banana", None),
    ],
)
def test_numbers(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "km"),
    [
        ("troops are now four kilometers west", 4.0),
        ("six kilometres away", 6.0),
        ("within 2km of the town", 2.0),
        ("some 4.5 km north", 4.5),
        ("three miles south", 4.828),
        ("two and a half kilometres", 2.5),
    ],
)
def test_distances(text, km):
    value, _ = parse_distance(text)
    assert value == pytest.approx(km, abs=1e-3)


def test_no_distance():
    assert parse_distance("the town fell") is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("west of", "W"),
        ("to the east", "E"),
        ("north-west of", "NW"),
        ("northwestern", "NW"),
        ("southeast of", "SE"),
        ("south-southeast", "SSE"),
        ("west-northwest", "WNW"),
        ("NNE", "NNE"),
        ("in the middle", None),
    ],
)
def test_directions(text, code):
    assert normalise_direction(text) == code


def test_sentences_keep_spans_and_handle_abbreviations_and_commas():
    text = (
        'Gen. Ali said the U.S. envoy left. "They withdrew." Troops took Kafr Ein,Mantar and '
        "Tal As.\n\nA new paragraph without a full stop"
    )
    sents = split_sentences(text)
    assert [s.text for s in sents] == [
        "Gen. Ali said the U.S. envoy left.",
        '"They withdrew."',
        "Troops took Kafr Ein,Mantar and Tal As.",
        "A new paragraph without a full stop",
    ]
    assert all(text[s.start : s.end] == s.text for s in sents)
    assert sents[3].paragraph > sents[2].paragraph


def test_sentences_with_unbalanced_quotes_and_decimals():
    sents = split_sentences('He said "the front moved 4.5 km. Then nothing.')
    assert len(sents) == 2
    assert sents[0].text.endswith("4.5 km.")


def test_a_closing_quote_with_no_space_after_it_ends_a_sentence():
    text = "Troops retook the village.”Kafr Ein, lost in May, is next. “We won.”"
    assert [s.text for s in split_sentences(text)] == [
        "Troops retook the village.”",
        "Kafr Ein, lost in May, is next.",
        "“We won.”",
    ]


@pytest.mark.parametrize(
    ("text", "side", "war"),
    [
        ("the regime's forces advanced", "government", "syria"),
        ("pro-Assad fighters", "government", "syria"),
        ("loyalist troops", "government", "syria"),
        ("the Syrian Arab Army (SAA)", "government", "syria"),
        ("Tiger Forces", "government", "syria"),
        ("rebels and jihadists", "opposition", "syria"),
        ("HTS fighters", "opposition", "syria"),
        ("Turkish-backed factions", "opposition", "syria"),
        ("terrorists", "opposition", "syria"),
        ("Russian forces", "russia", "ukraine"),
        ("the enemy is on the defensive", "russia", "ukraine"),
        ("Ukrainian troops", "ukraine", "ukraine"),
        ("Turkish troops", "turkey", "syria"),
    ],
)
def test_actor_normalisation(text, side, war):
    actors = find_actors(text, war=war)
    assert actors and actors[0].side == side


def test_the_enemy_means_nothing_outside_ukraine():
    assert find_actors("the enemy retreated", war="syria") == []


def test_subject_of_the_clause_wins_over_an_object():
    s = "Regime forces surrounded the Turkish post after capturing two villages"
    actors = find_actors(s, war="syria")
    pos = s.index("capturing")
    assert nearest_actor(actors, pos).side == "government"
    s2 = "The village was recaptured by opposition fighters"
    actors2 = find_actors(s2, war="syria")
    assert nearest_actor(actors2, s2.index("recaptured"), passive=True, sentence=s2).side == (
        "opposition"
    )


def test_casualties():
    assert find_killed(
        "On Monday 12 members of the pro-regime forces and 30 jihadists died in clashes"
    ) == {"government": 12, "opposition": 30}
    assert find_killed("air strikes killed nine civilians") == {"civilians": 9}
    assert find_killed("the town has 14 schools") == {}


def test_cue_phrases_find_names_the_gazetteer_may_lack():
    text = (
        "Troops seized the village of Umm Jalal and the towns of Abu Dali, Tell Sukkar and "
        "al-Khuwayn, then pushed near Sukayk and shelled Kafr Tab town."
    )
    names = [c.text for c in find_cue_names(text)]
    assert names == ["Umm Jalal", "Abu Dali", "Tell Sukkar", "al-Khuwayn", "Sukayk", "Kafr Tab"]


def test_cue_names_do_not_cross_lines_or_possessives():
    text = "the south of Idleb\n\nIDLEB, (ST)_ units entered Idlib's Al-Nayrab village"
    names = [c.text for c in find_cue_names(text)]
    assert "Idleb" in names and "Al-Nayrab" in names
    assert not any("\n" in n or "'s" in n for n in names)


def test_filters_mask_people_organisations_and_capitals_as_governments():
    text = (
        "Rami Abdel Rahman, head of the Syrian Observatory for Human Rights, said the Damascus "
        "regime, with Moscow's support, ignored a deal between Ankara and Moscow. Hayat Tahrir "
        "al-Sham fighters left. The road connects Damascus to Aleppo."
    )
    masked = [text[a:b] for a, b in masked_spans(text)]
    assert "Rami Abdel Rahman" in masked
    assert any(m.startswith("Syrian Observatory") for m in masked)
    assert "Hayat Tahrir al-Sham" in masked
    assert masked.count("Damascus") == 1  # the regime, not the city the road reaches
    assert any("Moscow" in m for m in masked)


def test_capital_as_the_agent_of_a_passive_is_masked():
    text = "A ceasefire announced by Moscow held until talks opened in Moscow on Tuesday."
    masked = [(a, b) for a, b in masked_spans(text)]
    agent = text.index("Moscow")
    assert (agent, agent + len("Moscow")) in masked
    venue = text.rindex("Moscow")
    assert not any(a <= venue < b for a, b in masked)  # the city where talks open stays a place
    pair = "an agreement concluded by Ankara and Moscow"
    assert [pair[a:b] for a, b in masked_spans(pair)] == ["Ankara and Moscow"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("BEIRUT (AFP) - Syrian forces", ["BEIRUT"]),
        ("IDLEB, (ST)_ Syrian army units", ["IDLEB"]),
        ("KYIV, Ukraine — Russian forces", ["KYIV", "Ukraine"]),
        ("BEIRUT, LEBANON (10:00 A.M.) – The army", ["BEIRUT", "LEBANON"]),
        ("MOSCOW: Russian troops", ["MOSCOW"]),
        ("Saraqeb (Syria) (AFP)\n\nRegime forces", ["Saraqeb"]),
    ],
)
def test_datelines(text, names):
    spans = dateline_spans(text)
    assert [text[a:b] for a, b in spans] == names


def test_not_a_dateline():
    assert dateline_spans("Bakhmut, also known as Artemivsk, is a city.") == []


def test_the_parse_prefilter_knows_every_inflection_of_the_registry():
    """Sentences without a trigger word are not parsed: an inflection missing here would
    silently never fire."""
    from mapper.extract.triggers import candidate_words

    words = (
        "liberated captured seized recaptured regained took taken retook retaken overran "
        "overrun occupied secured fell fallen cleared entered stormed broke pushed advanced "
        "approached reached encircled surrounded besieged blockaded cut clashes fighting fought "
        "battles skirmishes shelled bombarded bombed airstrikes strikes struck pounded hit "
        "withdrew withdrawn withdrawal pulled retreated fled abandoned evacuated left trapped"
    ).split()
    missing = [w for w in words if w not in candidate_words()]
    assert missing == []


def test_actor_lookahead_changes_no_match():
    from mapper.articles import demo_corpus_dir, load_articles
    from mapper.extract import actors
    from mapper.model import Article

    texts = [a.text for a in load_articles([demo_corpus_dir()]) if isinstance(a, Article)]
    texts.append(
        "Turkish-backed factions, pro-Assad militias, the army units, Hay'at Tahrir al-Sham, "
        "al-Nusra Front, Jabhat Nusra, FSA, HTS, ZSU, our troops, Ukraine's armed forces, the "
        "enemy, Wagner PMC units, Moscow's forces, Ankara, Damascus loyalists, takfiri gangs, "
        "armed groups, the Syrian Armed Forced, defence forces of Ukraine, Russians, Ukrainians, "
        "the Syrian Democratic Forces, SDF, YPG, Kurdish-led fighters"
    )
    found = 0
    for text in texts:
        fast = [(m.lastgroup, m.span()) for m in actors._RX.finditer(text)]
        assert fast == [(m.lastgroup, m.span()) for m in actors._RX_PLAIN.finditer(text)]
        found += len(fast)
    assert found > 100


def test_filter_lookahead_changes_no_match():
    import re

    from mapper.articles import demo_corpus_dir, load_articles
    from mapper.extract import filters
    from mapper.model import Article

    texts = [a.text for a in load_articles([demo_corpus_dir()]) if isinstance(a, Article)]
    texts.append(
        "Rami Abdel Rahman, head of the Syrian Observatory for Human Rights, said President "
        "Bashar al-Assad's forces and the Damascus regime, backed by Moscow, shelled Hezbollah "
        "positions; the official agency Sana and the al-Nusra Front, Vladimir Putin, Erdogan."
    )
    prefix = f"{filters.WORD_START}(?:"
    found = 0
    for rx in (filters._ORG_RX, filters._GOV_RX, filters._PERSON_RX):
        assert rx.pattern.startswith(prefix)
        plain = re.compile(rx.pattern[len(prefix) : -1])
        for text in texts:
            fast = [m.span() for m in rx.finditer(text)]
            assert fast == [m.span() for m in plain.finditer(text)]
            found += len(fast)
    assert found > 30


def test_backers_and_foes_are_not_the_side_named():
    from mapper.extract.actors import find_actors

    assert [a.side for a in find_actors("Russia-backed regime forces", war="syria")] == [
        "government"
    ]
    assert [a.side for a in find_actors("anti-Kyiv partisans")] == []
    assert [a.side for a in find_actors("anti-government rebels", war="syria")] == ["opposition"]


def test_a_dateline_of_two_cities_is_a_dateline():
    from mapper.extract.filters import dateline_spans

    text = "BAKU/YEREVAN (Reuters) - Azerbaijan said its forces took Madagiz."
    assert [text[a:b] for a, b in dateline_spans(text)] == ["BAKU/YEREVAN"]


def test_a_unit_named_after_a_place_or_compass_word_is_no_place():
    text = (
        "Troops of the Vostok group and units of the Dnepr battlegroup liberated Vuhledar, "
        "while the Azov battalion held the road to Dnipro."
    )
    masked = [text[a:b] for a, b in masked_spans(text)]
    assert {"Vostok", "Dnepr", "Azov"} <= set(masked)
    assert "Dnipro" not in masked and "Vuhledar" not in masked
