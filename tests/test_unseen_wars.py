"""Wars frontline was not developed on: Myanmar, Ethiopia, DR Congo, Yemen, Gaza, Lebanon, the
Sahel, Somalia, Mozambique, Iraq, Afghanistan, Haiti, Nigeria, Syria's 2024 offensives,
India-Pakistan, Thailand-Cambodia, Colombia.

``data/unseen_wars.jsonl`` holds 38 short wire-style dispatches written for this project (not
third-party text), annotated in the devset's format; they are scored by
``../shared/eval/score.py`` as the devset is. The floors are today's figures rounded down. The
construction tests below use a sentence each, one per general failure found on that set.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from extract_evalkit import assert_well_formed, extract_gold, gold_articles, placed, write_jsonl
from test_devset import by_region, score

from gazetteer import default_gazetteer
from mapper.extract.actors import find_actors
from mapper.extract.mentions import find_mentions
from mapper.extract.sentences import split_sentences

UNSEEN = Path(__file__).parent / "data" / "unseen_wars.jsonl"

#: Today's figures (rounded down): overall and the regions with several dispatches.
MENTION_FLOOR = 0.88
MENTION_PRECISION_FLOOR = 0.99
EVENT_FLOOR = 0.81
DATE_FLOOR = 0.96
#: (Myanmar 0.837 -> 0.818 when "captured X after a siege" became a siege at X as well: this
#: set's annotator left the siege out, unseen_wars3 and unseen_wars5 annotate it.)
EVENT_REGION_FLOORS = {"myanmar": 0.81, "ethiopia": 0.84, "somalia": 0.88, "gaza": 0.82}


@pytest.fixture(scope="module")
def unseen_run(tmp_path_factory):
    gold = gold_articles(UNSEEN)
    mentions, events = extract_gold(gold, default_gazetteer())
    tmp = tmp_path_factory.mktemp("unseen")
    return write_jsonl(tmp / "m.jsonl", mentions), write_jsonl(tmp / "e.jsonl", placed(events))


def test_unseen_set_is_well_formed():
    """Every gold surface and evidence sentence is in its text; every event's place is listed."""
    gold = gold_articles(UNSEEN)
    assert len(gold) >= 30
    assert_well_formed(gold)


@pytest.mark.slow
def test_unseen_wars_mentions(unseen_run, shared_dir):
    m_path, _ = unseen_run
    out = score(shared_dir, "mentions", UNSEEN, m_path)
    acc, prec = map(
        float, re.search(r"^mention accuracy ([\d.]+).*precision ([\d.]+)", out, re.M).groups()
    )
    assert acc >= MENTION_FLOOR
    assert prec >= MENTION_PRECISION_FLOOR


@pytest.mark.slow
def test_unseen_wars_events(unseen_run, shared_dir):
    _, e_path = unseen_run
    out = score(shared_dir, "events", UNSEEN, e_path)
    f1 = float(re.search(r"^event F1 ([\d.]+)", out, re.M).group(1))
    regions = by_region(out, "event F1")
    for region, floor in EVENT_REGION_FLOORS.items():
        assert regions[region] >= floor, region
    assert f1 >= EVENT_FLOOR
    dates = float(re.search(r"date accuracy ([\d.]+)$", out.splitlines()[-1]).group(1))
    assert dates >= DATE_FLOOR


def _places(text: str) -> dict[str, tuple[str, str] | None]:
    """Surface -> (name, country) of the place each mention resolves to (None: unresolved)."""
    mentions = find_mentions("t", text, split_sentences(text), default_gazetteer())
    return {m.surface: (m.place.name, m.place.country) if m.place else None for m in mentions}


def test_theatre_of_a_war_the_article_does_not_name():
    """No country named: the theatre is where the towns are, not a namesake in Syria."""
    places = _places("Rebels took Kyauktaw and Mrauk U, then Ann, the group said.")
    assert places["Ann"] == ("Ann", "MM")
    places = _places("Chin resistance forces captured Falam on Sunday after a five-month siege.")
    assert places.get("Falam") == ("Falam", "MM")
    assert all(p is None or p[1] == "MM" for p in places.values())


def test_a_name_with_namesakes_abroad_does_not_tie_the_theatre():
    """Palma (Mallorca, Brazil, Italy) weighs less than Mocimboa da Praia, which is only in
    Mozambique: the theatre is Mozambique, and Palma, which cities500 lacks, stays unplaced."""
    places = _places("On Wednesday, insurgents attacked Palma and Mocimboa da Praia.")
    assert places["Mocimboa da Praia"] == ("Mocímboa da Praia", "MZ")
    assert places.get("Palma") is None


def test_a_group_named_like_a_village_is_no_place():
    """ "Al-Shabaab fighters": the name of fighters, not Iran's village Shabab."""
    places = _places("On Sunday, Al-Shabaab fighters attacked Balad and Afgoye, killing five.")
    assert places["Afgoye"] == ("Afgooye", "SO")
    assert "Al-Shabaab" not in places


def test_namesake_abroad_is_no_rival_to_a_far_town_of_the_theatre():
    """Towns of a sparse front lie over 100 km apart: a namesake abroad does not make a tie."""
    places = _places(
        "Somali forces captured Harardhere on Monday. "
        "Government troops took the nearby town of El Dher last week."
    )
    assert places["El Dher"] == ("Ceeldheer", "SO")


@pytest.mark.parametrize(
    ("sentence", "side"),
    [
        ("The junta's air force bombed villages near the town.", "government"),
        ("Military aircraft bombed the town overnight.", "government"),
        ("Resistance forces captured the town on Sunday.", "opposition"),
        ("Karen guerrillas overran the last battalion base.", "opposition"),
        ("Gangs attacked the town on Monday.", "opposition"),
        ("The Kachin Independence Army has laid siege to the town.", "opposition"),
        ("The Tigray People's Liberation Front said it took the town.", "opposition"),
    ],
)
def test_sides_of_a_war_frontline_has_not_seen(sentence, side):
    """An unknown war keeps its sides as written: the state's forces and those against it."""
    assert find_actors(sentence, war=None)[0].side == side


@pytest.mark.parametrize(
    ("sentence", "war", "sides"),
    [
        ("Military factions took control of the village.", "syria", ["opposition"]),
        ("The town fell, according to a military source.", None, []),
        ("Resistance forces and the Syrian army advanced.", "syria", ["government", "government"]),
    ],
)
def test_wording_whose_side_depends_on_the_war(sentence, war, sides):
    """ "military factions" are rebels; Syria's "Resistance" is the government's Iranian allies."""
    assert [a.side for a in find_actors(sentence, war=war)] == sides


@pytest.mark.parametrize(
    "sentence",
    ['"Our forces hold the town," a spokesman said.', "The Israel Defense Forces said."],
)
def test_ukrainian_wording_names_no_side_in_another_war(sentence):
    """ "our forces", "Defense Forces": Ukraine's only in a Ukraine dispatch."""
    assert [a.side for a in find_actors(sentence, war=None)] == []
    assert [a.side for a in find_actors(sentence, war="ukraine")] == ["ukraine"]


@pytest.mark.parametrize(
    ("text", "surface", "place"),
    [
        (
            "Iraqi warplanes bombed militant positions in Hawija and near Shirqat on Sunday.",
            "Shirqat",
            ("Ash Sharqāt", "IQ"),
        ),
        (
            "Somali troops entered Beledweyne on Monday and advanced towards Bulo Burde.",
            "Bulo Burde",
            ("Buulobarde", "SO"),
        ),
    ],
)
def test_press_spelling_of_a_town_in_a_sparse_theatre(text, surface, place):
    """Another vowel, the same skeleton: the only such town of the theatre, 50-110 km off."""
    assert _places(text)[surface] == place


def test_look_alike_of_another_spelling_is_no_town_of_the_theatre():
    """Laukkaing (Laukkai) shares Lakang's skeleton, but three letters differ: not placed."""
    places = _places(
        "The Kokang army captured Laukkaing; the KIA attacked Myitkyina and Hpakant in Myanmar."
    )
    assert places.get("Laukkaing") is None


def test_look_alike_village_on_a_curated_front_stays_unresolved():
    """Where the gazetteer lists the front's villages, a look-alike is another village."""
    text = "The Syrian army liberated the villages of al-Wasita and al-Raqem near Saraqeb in Idlib."
    places = _places(text)
    assert places["al-Wasita"] is None and places["al-Raqem"] is None


def test_dateline_city_of_a_named_country_beats_a_namesake_abroad():
    """Chattogram was once Islamabad and is more populous: the dateline means Pakistan's."""
    places = _places(
        "India strikes Pakistan\n\n"
        "ISLAMABAD, May 7 (Reuters) - India struck nine sites in Pakistan, including Bahawalpur."
    )
    assert places["ISLAMABAD"] == ("Islamabad", "PK")


def test_one_name_with_namesakes_makes_no_theatre():
    """ "Ariha" alone: Jericho's Arabic name and a town of Idlib; no foreign theatre is set."""
    places = _places("The town of Ariha was hit by at least ten air strikes on Sunday.")
    assert places["Ariha"] is not None and places["Ariha"][1] == "SY"
