"""Transliteration-aware keys: one key for every romanisation of a name.

Two keys are derived from a name:

* the **name key** (:func:`name_key`): each word folded to ASCII, its article dropped
  (``al-``, ``el-``, ``an-``, ``ash-``...; sun-letter assimilation included, since the whole
  article token goes), French and English spellings mapped to one phonetic form
  (``ch``/``sh`` -> ``S``, ``kh`` -> ``X``, ``ou``/``oo`` -> ``u``, ``ee`` -> ``i``,
  ``ei``/``ey``/``ai`` -> ``ay``, ``q``/``c`` -> ``k`` (a soft ``c`` before e/i/y -> ``s``),
  ``gh``/``dh``/``th`` -> ``g``/``d``/``t``,
  ``y`` between vowels dropped and ``y`` before a vowel written ``i`` (``Nikolayev``/``Nikolaev``,
  ``Zaporizhzhya``/``Zaporizhzhia``),
  doubled letters single, a word-final ``eh`` written ``a`` (the Levantine spelling of the
  feminine ending: ``"Latamneh"``/``"Latamnah"``), a word-final ``h`` after a vowel dropped).
  Words are joined by one space.
  The generic terms of Arabic toponyms ("Kafer"/"Kfar"/"Kafr", "Tell"/"Tal", "Deir"/"Dayr",
  "Khirbet", "Sheikh"...) each have one fixed key.
* the **skeleton** (:func:`skeleton_key`): the consonants of the name key with the spaces removed
  (``"Kafranbel"`` and ``"Kafr Nabl"`` both give ``"kfrnbl"``). It is the looser key under
  which candidates are gathered before they are ranked by similarity.

Arabic script goes through a letter table into the same key space (its short vowels are not
written, so it meets romanisations at the skeleton), and so do Ukrainian and Russian Cyrillic.
Every per-word function is ``lru_cache``-d: extraction calls them once per word of a text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "ARTICLES",
    "GENERIC_KEYS",
    "distinct_words",
    "flat_key",
    "fold",
    "fused_article",
    "key_skeleton",
    "name_key",
    "skeleton_key",
    "somali_reading",
    "token_key",
    "token_skeleton",
    "tokenize",
    "unit_name",
    "vowel_pattern",
]

#: Arabic articles as romanised, in every assimilated form, plus French doubled forms.
_ARTICLE_TEXT = "al el il ul an ar as ash ad at az ath adh ed en es er et ez esh eth edh enn"
ARTICLES = frozenset(_ARTICLE_TEXT.split())

_MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
_APOS = "'\u2018\u2019\u201b`\u00b4\u02b9\u02bb\u02bc\u02bd\u02be\u02bf\u02c8\u02ca"
#: Letters/digits and combining marks, one or more: ``(?:[^\W_]|[marks])+`` written so that
#: runs of letters match as one class (an alternation per character is twice as slow).
_LETTERS = r"[^\W_]"
_WORD = (
    rf"(?:{_LETTERS}+(?:[{_MARKS}]+{_LETTERS}*)*"
    rf"|[{_MARKS}]+{_LETTERS}*(?:[{_MARKS}]+{_LETTERS}*)*)"
)
_TOKEN_RE = re.compile(rf"{_WORD}(?:[{_APOS}]{_WORD})*")
#: Somewhere in a text a possessive ``'s`` ends a word (tokens then need a second look).
_POSSESSIVE_RE = re.compile(rf"[{_APOS}][sS](?![^\W_]|[{_MARKS}])")
_APOS_SET = frozenset(_APOS)
#: A word ending in 's is a possessive only when longer than this ("Idlib's"; "Ra's" is not).
POSSESSIVE_MIN = 4

_ARABIC_RE = re.compile("[\u0600-\u06ff]")
_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")

_ARABIC = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ب": "b", "ت": "t", "ث": "th",
    "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s",
    "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f",
    "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w", "ي": "y",
    "ى": "a", "ة": "a", "ء": "", "ئ": "", "ؤ": "", "پ": "p", "چ": "ch", "ڤ": "v",
    "گ": "g", "ک": "k", "ی": "y", "ـ": "",
}  # fmt: skip

# Ukrainian national (2010) romanisation; Russian letters where they differ.
_CYR_COMMON = {
    "а": "a", "б": "b", "в": "v", "д": "d", "е": "e", "ж": "zh", "з": "z", "й": "y",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ь": "", "ъ": "", "ю": "yu", "я": "ya", "'": "", "ʼ": "",
}  # fmt: skip
# Cyrillic letters of other languages that GeoNames alternate names use (Bashkir, Kazakh,
# Serbian, Macedonian, Belarusian...): never dropped silently ("Һорливка" is not "Orlivka").
_CYR_COMMON.update(
    {"һ": "h", "ҳ": "h", "қ": "k", "ғ": "g", "ң": "n", "ө": "o", "ү": "u", "ұ": "u",
     "ә": "a", "ў": "u", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "ђ": "dj", "џ": "dzh",
     "ѓ": "g", "ќ": "k", "ѕ": "dz", "ӣ": "i", "ӯ": "u", "ҷ": "j"}
)  # fmt: skip
_CYR_UK = {**_CYR_COMMON, "г": "h", "ґ": "g", "и": "y", "і": "i", "ї": "yi", "є": "ye"}
_CYR_RU = {**_CYR_COMMON, "г": "g", "и": "i", "ы": "y", "э": "e", "ё": "yo", "і": "i"}
_UK_ONLY = frozenset("іїєґ")

# Letters that fold to more than their base letter: ALA-LC/DIN/ISO 9 carons and breves
# (š = sh, ḫ = kh, ž = zh, č = ch, ġ = gh, ṯ = th, ḏ = dh), Turkish and Kurdish ç = ch
# ("Çobane" is not "Kobane"), and a few ligatures.
_LATIN_SPECIAL = str.maketrans(
    {"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ß": "ss", "æ": "ae", "œ": "oe",
     "þ": "th", "ð": "d", "ŀ": "l", "ŧ": "t", "š": "sh", "ḫ": "kh", "ẖ": "kh", "ž": "zh",
     "č": "ch", "ç": "ch", "ġ": "gh", "ǧ": "j", "ṯ": "th", "ḏ": "dh", "ṣ": "s", "ṭ": "t", "ḍ": "d"}
)  # fmt: skip
# Arabizi: digits for Arabic letters inside words ("5an shay5oun", "Ma3arrat", "7ama").
_ARABIZI = str.maketrans({"2": "", "3": "", "5": "kh", "6": "t", "7": "h", "8": "gh", "9": "q"})

# Generic terms of Arabic toponyms, spelled a dozen ways, each to one key: "Kafer"/"Kfar"/
# "Kafr", "Tell"/"Tal", "Deir"/"Dayr", "Khirbet"/"Khirbat", "Sheikh"/"Cheikh"/"Shaykh"...
_GENERIC_SPELLINGS = {
    "kafr": "kafr kafar kafer kfar kefr kufr kfer kaffar kfr",
    "tal": "tal tel tell tall til",
    "dayr": "deir dayr dair deyr",
    "Xirbat": "khirbet khirbat kherbet khirbit khurbet kherbat khirba khirbeh kharbat khirbat",
    "ayn": "ain ayn ein aayn",
    "jabal": "jabal jebel jbel djebel jabel",
    "kalat": "qalaat qalat kalaat kalat qalaa qalet qalah qala",
    "marat": "maarat maaret marat maarrat maarret maret marrat maarah",
    "um": "umm um em om oum",
    "abu": "abu abou abo",
    "SayX": "sheikh shaykh shaikh cheikh sheik shekh shaik cheick sheykh cheykh",
    "bayt": "beit bayt bait beyt",
    "wadi": "wadi ouadi",
    "mazraa": "mazraa mazraah mazraat mazraet mazrat",
    # and the abbreviated words of European names ("St. Lo" for Saint-Lô, "Mt. Hermon")
    "saynt": "saint sainte st ste",
    "munt": "mount mt",
    "fort": "fort ft",
}
_GENERIC_KEYS = {
    spelling: key for key, text in _GENERIC_SPELLINGS.items() for spelling in text.split()
}
#: The keys of the generic terms ("tal", "kafr", "dayr"...): words many names share.
GENERIC_KEYS = frozenset(_GENERIC_SPELLINGS)

# Phonetic rewrites, applied in order to a folded ASCII word. Upper-case letters are
# internal one-letter symbols for digraphs (S = sh/ch, X = kh, Z = zh).
_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"shch", "S"),
        (r"tsch", "S"),
        (r"tch", "S"),
        (r"sch", "S"),
        (r"sh", "S"),
        (r"ch", "S"),
        (r"zh", "Z"),
        (r"kh", "X"),
        (r"x", "X"),
        (r"dj", "j"),
        (r"gh", "g"),
        (r"dh", "d"),
        (r"th", "t"),
        (r"ph", "f"),
        (r"ck", "k"),
        (r"q", "k"),
        (r"c(?=[eiy])", "s"),
        (r"c", "k"),
        (r"yy", "y"),
        (r"(?<=[aeiou])y(?=[aeiou])", ""),
        (r"(?<=[b-df-hj-np-tv-zSXZ])y(?=[aeiou])", "i"),
        (r"ou", "u"),
        (r"oo", "u"),
        (r"ee", "i"),
        (r"(?:ei|ey|ai|ay)(?![aeiou])", "ay"),
        (r"([a-zA-Z])\1+", r"\1"),
        (r"(?<=[^aeiou])eh$", "a"),
        (r"(?<=[aeiou])h$", ""),
        (r"(?<=[^aeiouy])e$", ""),
    )
)
# Somali orthography (the Latin script of 1972) read as the English and Italian spellings of
# the same names: "c" writes the ʿayn, which they leave out ("Cadale"/"Adale", "Laascaanood"/
# "Las Anod"), "x" the ḥ, which they write "h" ("Xuddur"/"Hudur"), a doubled vowel is long,
# written once ("Dhuusamareeb"/"Dusa Mareb", "Baardheere"/"Bardhere"), and "Ceel" ("well")
# fused to the name it opens stands apart, as the Arabic article of their "El Bur" does
# ("Ceelbuur"). Applied in order to a lower-case name that shows the orthography
# (:data:`_SOMALI_MARK`: a long vowel or an "x"; a "c" alone may be Italian: "Marca", "Merca").
_SOMALI_MARK = re.compile(r"aa|ee|ii|oo|uu|x")
_SOMALI_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"\bceel(?=[^\W\d_])", "ceel "),
        (r"c(?!h)", ""),
        (r"x", "h"),
        (r"([aeiou])\1", r"\1"),
    )
)
_SKELETON_DROP = re.compile(r"[aeiouyw ]")
_REPEAT = re.compile(r"(.)\1+")
_VOWEL_RUN = re.compile(r"[aeiouyw]+")
_NON_KEY = re.compile(r"[^a-z0-9]")


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Split ``text`` into word tokens with their character offsets.

    Hyphens and spaces separate words; apostrophes and ʿayn/hamza marks between letters stay
    inside a word (``"Ma'arrat"``); a trailing possessive ``'s`` is left out of the token
    (not after a two-letter stem: ``"Ra's al-Ayn"`` keeps its hamza).

    Parameters
    ----------
    text
        Any string.

    Returns
    -------
    list of (token, start, end)
        ``text[start:end] == token`` for every token.
    """
    out = [(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]
    if _POSSESSIVE_RE.search(text):
        for k, (token, start, end) in enumerate(out):
            # a stem of two letters is Arabic "Ra's" (head, with its hamza), not a possessive
            if token[-1] in "sS" and token[-2:-1] in _APOS_SET and len(token) > POSSESSIVE_MIN:
                out[k] = (token[:-2], start, end - 2)
    return out


def _from_arabic(word: str) -> str:
    if word.startswith("ال") and len(word) > 3:
        word = word[2:]
    return "".join(_ARABIC.get(ch, "") if _ARABIC_RE.match(ch) else ch for ch in word)


def _from_cyrillic(word: str) -> str:
    table = _CYR_UK if any(ch in _UK_ONLY for ch in word) else _CYR_RU
    return "".join(table.get(ch, ch) for ch in word)


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower-case ASCII form of one word: scripts transliterated, diacritics and marks dropped."""
    w = word.lower()
    if _ARABIC_RE.search(w):
        w = _from_arabic(w)
    if _CYRILLIC_RE.search(w):
        w = _from_cyrillic(w)
    if sum(ch.isalpha() for ch in w) >= 2 and any(ch in "2356789" for ch in w):
        w = w.translate(_ARABIZI)
    w = unicodedata.normalize("NFKD", w.translate(_LATIN_SPECIAL))
    w = "".join(ch for ch in w if not unicodedata.combining(ch))
    return _NON_KEY.sub("", w.translate(_LATIN_SPECIAL))


@lru_cache(maxsize=200_000)
def token_key(token: str) -> str:
    """The phonetic key of one word; ``""`` for an article (``al``, ``an``, ``ash``...).

    Examples
    --------
    >>> token_key("Cheikhoun"), token_key("Shaykhun"), token_key("al")
    ('Saykun', 'Saykun', '')
    """
    w = fold(token)
    if not w or w in ARTICLES:
        return ""
    generic = _GENERIC_KEYS.get(w)
    return generic if generic is not None else _phonetic(w)


@lru_cache(maxsize=50_000)
def _phonetic(w: str) -> str:
    for pattern, repl in _REWRITES:
        w = pattern.sub(repl, w)
    return w


@lru_cache(maxsize=200_000)
def token_skeleton(token: str) -> str:
    """The consonant skeleton of one word (vowels, ``y`` and ``w`` dropped, repeats single)."""
    return _REPEAT.sub(r"\1", _SKELETON_DROP.sub("", token_key(token)))


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """The key of a whole name: its non-empty token keys joined by one space.

    An article is a prefix: as the *last* word of a name it is a word like any other
    (``"Tal As"`` -> ``"tal as"``), so build keys of n-grams with this function rather than by
    joining :func:`token_key` results.
    """
    tokens = [t for t, _, _ in tokenize(name)]
    keys = [token_key(t) for t in tokens]
    if tokens and not keys[-1]:
        last = fold(tokens[-1])
        keys[-1] = _phonetic(last) if last else ""
    return " ".join(k for k in keys if k)


@lru_cache(maxsize=200_000)
def skeleton_key(name: str) -> str:
    """The looser key of a whole name: the consonants of its name key, without spaces."""
    return key_skeleton(name_key(name))


def key_skeleton(key: str) -> str:
    """The skeleton of an already computed name key (``"Xan SayXun"`` -> ``"XnSXn"``)."""
    return _REPEAT.sub(r"\1", _SKELETON_DROP.sub("", key))


@lru_cache(maxsize=200_000)
def vowel_pattern(key: str) -> str:
    """A name key without spaces and with every vowel run written ``a``.

    It keeps where the vowels are, not which: ``"huires"`` and ``"huwayrays"`` give ``"haras"``
    (``w`` and ``y`` count as vowels here).
    """
    return _VOWEL_RUN.sub("a", key.replace(" ", ""))


def distinct_words(key_a: str, key_b: str) -> tuple[str, str] | None:
    """Two name keys without the generic words they share, or None when they share none.

    ``"tal kursian"`` and ``"tal kurin"`` share ``tal``: what tells the names apart is
    ``("kursian", "kurin")``. A shared generic word is most of a short name's letters, so
    a similarity measured on the whole keys says little about the words that differ.
    """
    words_a, words_b = key_a.split(), key_b.split()
    shared = {w for w in words_a if w in GENERIC_KEYS} & set(words_b)
    if not shared:
        return None
    rest_a = " ".join(w for w in words_a if w not in shared)
    rest_b = " ".join(w for w in words_b if w not in shared)
    return rest_a, rest_b


@lru_cache(maxsize=50_000)
def somali_reading(name: str) -> str | None:
    """A name in Somali orthography as English and Italian spellings write it, or None.

    ``"Ceelbuur"`` -> ``"ceel buur"`` -> ``"el bur"`` (key ``bur``, as "El Bur"),
    ``"Xarardheere"`` -> ``"harardhere"``, ``"Caluula"`` -> ``"alula"``. None for a name
    without a long vowel or an "x" (``"Marca"`` is Italian), or when the rules change
    nothing. Only names of places where Somali is written get this reading ("Cooktown" is
    not ``"ooktown"``).
    """
    reading = name.lower()
    if not _SOMALI_MARK.search(reading):
        return None
    for pattern, repl in _SOMALI_REWRITES:
        reading = pattern.sub(repl, reading)
    return None if reading == name.lower() else reading


#: The articles a writer fuses to the name they open ("Elbur", "Elobeid", "Alhol").
FUSED_ARTICLES = frozenset({"al", "el"})
_JOINER = re.compile(r"[\s\-\u2010\u2011]+")


def fused_article(name: str) -> str | None:
    """The name with its opening article written fused to the next word, or None.

    ``"El Bur"`` -> ``"ElBur"`` (key ``elbur``, as "Elbur"), ``"Al-Hol"`` -> ``"AlHol"``.
    Only :data:`FUSED_ARTICLES` ("al", "el"; an assimilated "ash", "ar"... is not written
    fused), and only before a word joined by spaces or hyphens.
    """
    tokens = tokenize(name)
    if len(tokens) < 2 or fold(tokens[0][0]) not in FUSED_ARTICLES:
        return None
    (_, _, end), (_, start, _) = tokens[0], tokens[1]
    if not _JOINER.fullmatch(name[end:start]):
        return None
    return name[:end] + name[start:]


def flat_key(key: str) -> str:
    """A name key without its spaces (``"kafr nabl"`` -> ``"kafrnabl"``), for similarity."""
    return key.replace(" ", "")


#: Military units whose bases are named after them ("46th Regiment", "Regiment 46 Base").
_UNITS = "Regiment|Brigade|Division|Battalion"
_UNIT_FORM = re.compile(
    rf"(?:the\s+)?(?:(?P<n1>\d{{1,3}})(?:st|nd|rd|th)?\s+(?P<u1>{_UNITS})"
    rf"|(?P<u2>{_UNITS})\s+(?P<n2>\d{{1,3}}))(?:\s+(?:base|headquarters|HQ))?",
    re.IGNORECASE,
)


def _ordinal(n: int) -> str:
    if n % 100 in (11, 12, 13):
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def unit_name(name: str) -> str | None:
    """The indexed form of a unit's base name ("Regiment 46 Base" -> "46th Regiment"), or None.

    Sources list the bases of numbered units as "<ordinal> <unit>"; dispatches also write
    "the 46th Regiment base", "Regiment 46" or "Regiment 46 Base".
    """
    m = _UNIT_FORM.fullmatch(name.strip())
    if m is None:
        return None
    number = int(m.group("n1") or m.group("n2"))
    unit = (m.group("u1") or m.group("u2")).capitalize()
    return f"{_ordinal(number)} {unit}"
