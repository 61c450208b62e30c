"""The article's theatre and the regions it names (issue 8, names part).

A region the text names by its own name ("Nagorno-Karabakh", "the West Bank") names its
country as a country's name would, votes for the theatre, and its point (its main town) backs
the namesake inside it over a distant one; "X in R", "X, R" and "R's X" put X inside R (a
region or a country) whatever the theatre. Every sentence here is written for this file.
"""

from __future__ import annotations

import pytest

from gazetteer import default_gazetteer
from gazetteer.place import Place, Resolution
from gazetteer.resolve import haversine_km
from mapper.extract.mentions import _sole_name_nearby, _theatre_by_votes, find_mentions
from mapper.extract.sentences import split_sentences

#: Martuni of Nagorno-Karabakh (Khojavend), and the Armenian town of the same name.
KARABAKH_MARTUNI = (39.795, 47.112)
ARMENIAN_MARTUNI = (40.140, 45.302)


def _places(text: str) -> dict[str, Place | None]:
    """Surface -> the place its (last) mention resolves to (None: unresolved)."""
    mentions = find_mentions("t", text, split_sentences(text), default_gazetteer())
    return {m.surface: m.place for m in mentions}


def _at(place: Place | None, point: tuple[float, float], km: float = 5.0) -> bool:
    return place is not None and haversine_km(place.lat, place.lon, *point) <= km


@pytest.mark.parametrize(
    "text",
    [
        "Azerbaijani artillery shelled Martuni in Nagorno-Karabakh overnight, officials said.",
        # the article's other places are Armenian: the region still wins for the name inside it
        "Armenian units from Goris and Kapan were on alert as Azerbaijani guns shelled Martuni"
        " in Nagorno-Karabakh.",
        "Reinforcements from Goris and Kapan reached Nagorno-Karabakh's Martuni on Friday.",
        "Armenian troops held Martuni, Nagorno-Karabakh, on Sunday.",
        # the region elsewhere in the sentence: its point and its country still count
        "Shells fell on the Martuni town and nearby hamlets in Nagorno-Karabakh, Armenian"
        " officials said.",
    ],
)
def test_a_named_region_anchors_the_namesake_inside_it(text: str) -> None:
    places = _places(text)
    assert places["Nagorno-Karabakh"] is not None
    assert places["Nagorno-Karabakh"].kind == "region"
    assert _at(places["Martuni"], KARABAKH_MARTUNI)


def test_without_the_region_the_armenian_town_stays() -> None:
    places = _places("Armenian units from Goris and Kapan were on alert near Martuni on Friday.")
    assert _at(places["Martuni"], ARMENIAN_MARTUNI)


def test_a_named_territory_adds_its_country_to_the_theatre() -> None:
    """The text names Jordan and Egypt (both with places) and the West Bank (PS): the towns of
    the West Bank are the war's, not 'outside the article's countries'."""
    places = _places(
        "Israeli forces took Jordan's West Bank territory, entering Nablus and Jenin, while"
        " Egyptian troops held El Arish."
    )
    west_bank = places["West Bank"]
    assert west_bank is not None
    assert (west_bank.kind, west_bank.country) == ("region", "PS")
    for town in ("Nablus", "Jenin"):
        assert places[town] is not None
        assert places[town].country == "PS", town
    assert places["El Arish"] is not None
    assert places["El Arish"].country == "EG"


@pytest.mark.parametrize(("name", "admin1"), [("West Bank", "WE"), ("Gaza Strip", "GZ")])
def test_palestinian_regions_beat_look_alike_villages(name: str, admin1: str) -> None:
    """A region's own name, letter for letter, is the region (not the village 'Westbank')."""
    res = default_gazetteer().resolve(name)
    assert res.place is not None
    assert (res.place.kind, res.place.country, res.place.admin1) == ("region", "PS", admin1)


def test_a_town_the_text_puts_in_a_named_country_is_kept() -> None:
    """A Syrian dispatch: "Hermel in Lebanon" is a place of the story; bare, it is too, as the
    only town of its name, 120 km away (a village abroad would not be: see below)."""
    placed = _places(
        "Syrian guns shelled Kafr Nabl on Monday, while rockets hit Hermel in Lebanon."
    )
    assert placed["Hermel"] is not None
    assert placed["Hermel"].country == "LB"
    bare = _places("Syrian guns shelled Kafr Nabl on Monday, while rockets hit Hermel.")
    assert bare["Hermel"] is not None and bare["Hermel"].country == "LB"


def test_a_town_put_in_a_country_that_has_none_of_its_name_stays_unresolved() -> None:
    """GeoNames' cities500 has no Palma in Mozambique: the Palma of Spain is not the one named,
    and the mention says why."""
    text = "Insurgents seized the town of Palma in northern Mozambique on Wednesday."
    mentions = find_mentions("t", text, split_sentences(text), default_gazetteer())
    palma = next(m for m in mentions if m.surface == "Palma")
    assert palma.place is None
    assert "named in Mozambique" in palma.reason
    assert _places("Rebels shelled Palma, the capital of Majorca, in Spain.")["Palma"] is not None


def test_a_town_placed_by_its_distance_from_another_is_read_there() -> None:
    """ "X, N km east of Y": X's namesake near Y, not a bigger one far away."""
    placed = _places("Japanese troops entered Tungchow, about 20 km east of Beijing.")
    assert placed["Tungchow"] is not None and placed["Tungchow"].name == "Tongzhou"
    assert _at(placed["Tungchow"], (39.904, 116.662))
    # a town where the text puts it stays; one that no place of its name fits stays unresolved
    assert _places("Troops took Saraqib, 15 km east of Idlib.")["Saraqib"] is not None
    assert _places("Rebels took Palma, 30 km south of Maputo.").get("Palma") is None


def test_a_country_that_speaks_after_a_comma_contains_nothing() -> None:
    """ "took Robotyne, Russia said": Russia is the speaker, not Robotyne's country."""
    places = _places("Ukrainian troops took Robotyne, Russia said.")
    assert places["Robotyne"] is not None
    assert places["Robotyne"].country == "UA"


def test_a_region_point_never_places_its_own_name() -> None:
    """Kursk Oblast's point is the city of Kursk: "retreated from Kursk" (the region) is not
    placed at the city by the region's own point."""
    places = _places(
        "Ukraine's forces pushed deeper into Russia's Kursk region on Wednesday. Moscow said"
        " they had retreated from Kursk."
    )
    kursk = places["Kursk"]
    assert kursk is None or haversine_km(kursk.lat, kursk.lon, 51.73, 36.19) > 5


def test_a_named_region_votes_for_the_theatre() -> None:
    """A region scores below the anchors' bar (the ranking prefers towns for bare names) but
    votes for its country as a confidently placed town does."""

    def res(country: str, kind: str, score: float) -> Resolution:
        place = Place(
            id=f"p-{country}-{kind}", name="P", lat=0.0, lon=0.0, country=country, admin1=None,
            kind=kind, population=9000, alt_names=(), source="test",
        )  # fmt: skip
        return Resolution("P", place, score, "exact key", ())

    votes = [res("AM", "town", 0.93), res("AZ", "region", 0.6)]
    assert _theatre_by_votes(votes, frozenset({"AZ", "AM"})) == ("AM", "AZ")


def test_an_unnamed_country_whose_towns_the_text_names_joins_the_theatre() -> None:
    """A war told from next door: the text names only the neighbour (a Kinshasa dateline,
    Kinshasa's country by name) and the towns of the Congo Republic, which it never names."""
    text = (
        "KINSHASA (AFP) - Militiamen loyal to the former Congolese president seized Dolisie on"
        " Tuesday and were advancing on Nkayi, witnesses said from across the river in Kinshasa."
    )
    places = _places(text)
    assert places["Dolisie"] is not None and places["Dolisie"].country == "CG"
    assert places["Nkayi"] is not None and places["Nkayi"].country == "CG"


def test_a_name_the_theatre_only_matches_loosely_counts_for_a_neighbour() -> None:
    """The text names Turkey; its Macedonian towns are one exact name and one old exonym that
    Turkey matches only by its skeleton (Konuralp): both are Macedonia's, which joins."""
    text = (
        "SOFIA, Oct. 24 - The Turkish army is falling back from Adrianople. In the west, the"
        " Servians defeated a Turkish army at Kumanovo and are advancing on Uskub."
    )
    places = _places(text)
    assert places["Uskub"] is not None and places["Uskub"].name == "Skopje"
    assert places["Kumanovo"] is not None and places["Kumanovo"].country == "MK"


def test_scattered_namesakes_abroad_do_not_join_the_theatre() -> None:
    """Two names lost to the theatre that resolve to one country far apart (namesakes, not a
    front) leave the theatre alone."""
    from mapper.extract.mentions import _clustered

    assert _clustered([(-4.2, 12.7), (-4.16, 13.55)]) == 2  # Dolisie and Nkayi: 95 km
    assert _clustered([(41.0, 29.0), (37.6, 43.7)]) == 0  # Istanbul and Hakkari


def test_one_bare_province_name_does_not_set_the_theatre() -> None:
    """ "Homs" is a Syrian province and a Libyan town: the Libyan places around it decide."""
    places = _places(
        "The landing at Benghazi was completed on the 20th. Italian troops also landed at Homs"
        " on Saturday. Derna was occupied on the 18th."
    )
    assert places["Benghazi"] is not None and places["Benghazi"].country == "LY"
    assert places["Derna"] is not None and places["Derna"].country == "LY"
    # two names of one country's provinces still set it ("Idlib", "Hama")
    places = _places("Warplanes struck Idlib and Hama on Monday, and shelled Kafr Nabl.")
    assert {p.country for p in places.values() if p is not None} == {"SY"}


@pytest.mark.parametrize(
    "word", ["Outside", "Beyond", "Inside", "Towards", "Across", "Within", "At", "As"]
)
def test_a_sentence_initial_preposition_is_no_part_of_the_name(word: str) -> None:
    places = _places(f"{word} Kafranbel, rebels clashed with government troops on Monday.")
    assert list(places) == ["Kafranbel"]
    assert places["Kafranbel"] is not None and places["Kafranbel"].country == "SY"


def test_an_arabic_article_joined_by_a_hyphen_stays_in_the_name() -> None:
    assert "at-Tall" in _places("Government troops entered at-Tall on Monday.")


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        (
            "Ethiopian rebels advanced on Addis Ababa on Saturday after taking Ambo. In the north,"
            " Eritrean guerrillas entered Asmara, the Eritrean capital, on Friday.",
            "Asmara",
            "ER",
        ),
        (
            "Somali militants attacked Beledweyne on Monday, and Kenyan troops struck back at"
            " Garissa.",
            "Garissa",
            "KE",
        ),
        (
            "Ethiopian troops pushed north from Adigrat on Monday as Eritrean units withdrew to"
            " Keren.",
            "Keren",
            "ER",
        ),
    ],
)
def test_a_nations_adjective_names_its_country(text: str, name: str, country: str) -> None:
    """A populous town abroad is kept in a country the text names by its adjective alone."""
    place = _places(text)[name]
    assert place is not None and place.country == country


def test_a_town_of_one_name_near_the_theatre_is_kept_abroad() -> None:
    """A town no other place is named after, a few hundred km over the border, is the war's."""
    text = (
        "ULAN BATOR, Aug. 25 - Mongolian and Soviet troops have surrounded the Japanese on the"
        " Khalkhin Gol, the Mongol command said. Japanese reinforcements are being rushed up"
        " from Hailar."
    )
    places = _places(text)
    assert places["Khalkhin Gol"] is not None and places["Khalkhin Gol"].country == "MN"
    assert places["Hailar"] is not None and places["Hailar"].country == "CN"


def test_a_town_just_abroad_is_not_lost_to_a_look_alike_at_home() -> None:
    """The theatre turns a look-alike at home down; the very spelling of a town abroad stands."""
    places = _places("Finnish troops at Kuopio and Turku said Soviet guns had shelled Viipuri.")
    assert places["Viipuri"] is not None and places["Viipuri"].name == "Vyborg"


@pytest.mark.parametrize(
    ("text", "feature"),
    [
        ("The Americans were thrown back across the Niagara to Buffalo.", "Niagara"),
        ("Soviet troops crossed the Berezina at Borisov.", "Berezina"),
    ],
)
def test_a_name_standing_alone_after_the_is_a_feature_not_a_town(text: str, feature: str) -> None:
    """English writes rivers with the article and towns bare: "the Marne" is no town."""
    places = _places(text)
    assert places.get(feature) is None, places
    assert sum(place is not None for place in places.values()) == 1  # Buffalo, Borisov


def test_a_village_abroad_is_no_town_of_the_war() -> None:
    """A village across the border is not kept for its name alone (a namesake's look-alike)."""
    gaz = default_gazetteer()
    kars = (43.1, 40.6)  # (lon, lat), as the theatre's anchors are kept: a war near Kars
    dashbashi = gaz.resolve("Dashbashi")  # a Turkish village's other spelling, 270 km away
    assert dashbashi.place is not None and dashbashi.place.population < 5_000
    assert not _sole_name_nearby(dashbashi, [kars])
    hailar = gaz.resolve("Hailar")
    assert _sole_name_nearby(hailar, [(114.9, 48.183)])  # beside Khalkhin Gol
    minsk = (27.567, 53.9)
    kishinev = gaz.resolve("Kishinev")  # a city 950 km away is still the war's; 1900 km is not
    assert kishinev.place is not None and kishinev.place.country == "MD"
    assert _sole_name_nearby(kishinev, [minsk])
    assert not _sole_name_nearby(kishinev, [(kishinev.place.lon + 25.0, kishinev.place.lat)])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two towns a hyphen joins are two names, not one unknown
        ("Troops advanced along the Damascus-Aleppo highway near Saraqeb.", "Aleppo"),
        # an adjective of control before a listed name is not part of it
        ("Shelling hit the Russian-held town of Horlivka and Russian-occupied Donetsk.", "Donetsk"),
    ],
)
def test_a_name_inside_a_hyphenated_phrase_is_still_placed(text: str, expected: str) -> None:
    places = _places(text)
    assert places.get(expected) is not None, places
