"""The spaCy pipeline and the step from what it found to typed records."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator, Optional

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import quantities, quotes  # noqa: F401  (register the claimx_ factories)
from .docdate import find_published
from .found import Found
from .patterns import patterns_dir as resolve_patterns_dir
from .records import MODELS, Sentence, record_id
from .sentences import SentenceIndex

COMPONENTS = ("claimx_quantities", "claimx_quotes")
QUANTITY_KINDS = frozenset({"percentage", "money", "count", "date", "multiplier", "change"})

# spaCy refuses texts above nlp.max_length; claimx cuts long documents into pieces itself
# (see chunks), so the limit only has to exceed the largest piece.
CHUNK_CHARS = 200_000


def build_nlp(patterns: Optional[str | Path] = None) -> Language:
    """A blank English pipeline with claimx's rule components, patterns loaded and checked."""
    folder = str(resolve_patterns_dir(patterns))
    nlp = spacy.blank("en")
    for name in COMPONENTS:
        nlp.add_pipe(name, config={"patterns_dir": folder})
    nlp.max_length = CHUNK_CHARS * 2
    return nlp


def chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """Cut text at paragraph breaks into pieces of at most about ``size`` characters.

    Claims never cross a blank line, so a cut there loses nothing; a piece with no
    paragraph break in reach is cut at the last line break, else at the size.
    """
    pos = 0
    while len(text) - pos > size:
        cut = text.rfind("\n\n", pos, pos + size)
        if cut <= pos:
            cut = text.rfind("\n", pos, pos + size)
        if cut <= pos:
            cut = pos + size
        yield pos, text[pos:cut]
        pos = cut
    yield pos, text[pos:]


def records_from_found(text: str, found: Iterable[Found], *, doc_id: str, offset: int = 0) -> list:
    """Turn the components' findings into records, in document order.

    Records are built with ``model_construct``: validating every record would cost more
    than finding it. The components' output is held to the record models by the test
    suite (every record round-trips through ``parse_record``) instead.
    """
    items = sorted(found, key=lambda f: (f.start, f.end, f.kind))
    quotes_ = [f for f in items if f.kind == "quote"]
    sentences = SentenceIndex(text)
    out = []
    for f in items:
        start, end = f.start + offset, f.end + offset
        s, e = sentences.bounds(f.start, f.end)
        data = dict(f.fields)
        if f.kind in QUANTITY_KINDS and "claimant" not in data:
            data["claimant"] = _claimant(f, quotes_)
        data.update(
            id=record_id(doc_id, f.kind, start, end), doc_id=doc_id,
            text=text[f.start:f.end], start=start, end=end, rule=f.rule,
            sentence=Sentence.model_construct(text=text[s:e], start=s + offset, end=e + offset),
        )
        out.append(MODELS[f.kind].model_construct(**data))
    return out


def _claimant(item: Found, quote_items: list[Found]) -> Optional[str]:
    for q in quote_items:
        if q.start <= item.start and item.end <= q.end:
            return q.fields.get("speaker")
    return None


class Extractor:
    """Loads the pipeline once; call ``extract`` for every text."""

    def __init__(self, patterns: Optional[str | Path] = None, *, nlp: Optional[Language] = None,
                 chunk_chars: int = CHUNK_CHARS):
        self.nlp = nlp or build_nlp(patterns)
        self.chunk_chars = chunk_chars

    def doc(self, text: str, *, published: Optional[str] = None) -> Doc:
        """Run the pipeline on one piece of text; findings are on ``doc._.claimx_found``."""
        doc = self.nlp.make_doc(text)
        doc.user_data["claimx_text"] = text
        doc._.claimx_published = published
        for _, proc in self.nlp.pipeline:
            doc = proc(doc)
        return doc

    def extract(self, text: str, *, doc_id: str = "-", published: Optional[str] = None) -> list:
        """All records of one document, in document order.

        A document without a stated ``published`` date gets the one its text gives, so that
        "22nd December" takes the year of the document's own dateline.
        """
        published = published or find_published(text)
        records = []
        for offset, piece in chunks(text, self.chunk_chars):
            doc = self.doc(piece, published=published)
            records.extend(records_from_found(piece, doc._.claimx_found, doc_id=doc_id, offset=offset))
        return records
