"""The spaCy pipeline and the step from what it found to typed records."""
from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Iterable, Iterator, Literal, Optional

import spacy
from pydantic_core import PydanticSerializationError, to_json
from spacy.language import Language
from spacy.tokens import Doc

from . import quantities, quotes  # noqa: F401  (register the claimx_ factories)
from .changes import change_records
from .docdate import find_published
from .found import Found
from .patterns import patterns_dir as resolve_patterns_dir
from .records import MODELS, RECORD_TEMPLATES, Sentence, record_id
from .sentences import SentenceIndex
from .tokenizer_cache import TokenizerPrimer

COMPONENTS = ("claimx_quantities", "claimx_quotes")
QUANTITY_KINDS = frozenset({"percentage", "money", "count", "date", "multiplier", "change"})

# spaCy refuses texts above nlp.max_length; claimx cuts long documents into pieces itself
# (see chunks), so the limit only has to exceed the largest piece.
CHUNK_CHARS = 200_000

# pieces of text a batch of ``Extractor.pipe`` takes through each component in turn
BATCH_PIECES = 8

Form = Literal["models", "dicts", "lines"]

# floats json writes without an exponent (repr's range): pydantic-core writes them alike
PLAIN_FLOATS = (1e-4, 1e16)


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


def record_dicts(text: str, found: Iterable[Found], *, doc_id: str, offset: int = 0,
                 openers: frozenset[str] = frozenset()) -> list[dict]:
    """The components' findings as record dicts (every field, in model order), in document order.

    Plain dicts, not models: building and validating a pydantic model per record would
    cost more than finding it. The components' output is held to the record models by the
    test suite instead (every record round-trips through ``parse_record``).
    """
    items = sorted(found, key=_FOUND_ORDER)
    quotes_ = [f for f in items if f.kind == "quote"]
    sentences = SentenceIndex(text)
    out = []
    for f in items:
        kind = f.kind
        start, end = f.start + offset, f.end + offset
        s, e = sentences.bounds(f.start, f.end)
        # the kind's template (every field, in model order) overlaid with the finding's fields, then its span
        data = RECORD_TEMPLATES[kind].copy()
        data.update(f.fields)
        if kind in QUANTITY_KINDS and data["claimant"] is None:
            data["claimant"] = _claimant(f, quotes_)
        if kind == "quote" and offset:
            data["quote_id"] = f"{data['quote_id']}@{offset}"
        data["id"] = record_id(doc_id, kind, start, end)
        data["doc_id"] = doc_id
        data["text"] = text[f.start:f.end]
        data["start"] = start
        data["end"] = end
        data["rule"] = f.rule
        data["sentence"] = _sentence(text, s, e, offset)
        out.append(data)
    if openers:
        changes = change_records(out, lambda a, b: text[a - offset:b - offset],
                                 lambda a, b: _sentence(text, *sentences.bounds(a - offset, b - offset), offset),
                                 openers)
        if changes:  # the findings' records are in document order already
            out.extend(changes)
            out.sort(key=_RECORD_ORDER)
    return out


# Document order: by span, then kind. The records keep the findings' (start, end, kind) order.
_FOUND_ORDER = attrgetter("start", "end", "kind")
_RECORD_ORDER = itemgetter("start", "end", "kind")


def _sentence(text: str, start: int, end: int, offset: int) -> dict:
    return {"text": text[start:end], "start": start + offset, "end": end + offset}


def as_record(data: dict):
    """A record dict as its pydantic model (trusted: built by record_dicts)."""
    fields = dict(data, sentence=Sentence.model_construct(**data["sentence"]))
    return MODELS[data["kind"]].model_construct(**fields)


def _claimant(item: Found, quote_items: list[Found]) -> Optional[str]:
    """The speaker of the first quote (in document order) holding the item.

    Quotes starting after the item cannot hold it, and all later quotes start later still.
    """
    for q in quote_items:
        if q.start > item.start:
            break
        if item.end <= q.end:
            return q.fields.get("speaker")
    return None


def _change_openers(nlp: Language) -> frozenset[str]:
    """The words that open a change or range ("from", "between"), from the quantities lexicon."""
    if "claimx_quantities" not in nlp.pipe_names:
        return frozenset()
    return frozenset(w.lower() for w in nlp.get_pipe("claimx_quantities").lex.ranges["openers"])


class Extractor:
    """Loads the pipeline once; call ``extract`` for every text."""

    def __init__(self, patterns: Optional[str | Path] = None, *, nlp: Optional[Language] = None,
                 chunk_chars: int = CHUNK_CHARS):
        self.nlp = nlp or build_nlp(patterns)
        self.chunk_chars = chunk_chars
        self.change_openers = _change_openers(self.nlp)
        self.primer = TokenizerPrimer(self.nlp.tokenizer)

    def doc(self, text: str, *, published: Optional[str] = None) -> Doc:
        """Run the pipeline on one piece of text; findings are on ``doc._.claimx_found``
        and mirrored as spans on ``doc.spans["claimx"]``."""
        doc = self._blank_doc(text, published)
        for _, proc in self.nlp.pipeline:
            doc = proc(doc)
        return doc

    def _blank_doc(self, text: str, published: Optional[str]) -> Doc:
        self.primer.prime(text)
        doc = self.nlp.make_doc(text)
        doc.user_data["claimx_text"] = text
        doc._.claimx_published = published
        return doc

    def extract(self, text: str, *, doc_id: str = "-", published: Optional[str] = None) -> list:
        """All records of one document as pydantic models, in document order."""
        return self._one(text, doc_id, published, "models")

    def extract_dicts(self, text: str, *, doc_id: str = "-", published: Optional[str] = None) -> list[dict]:
        """All records of one document as plain dicts, ready for ``json.dumps``."""
        return self._one(text, doc_id, published, "dicts")

    def extract_lines(self, text: str, *, doc_id: str = "-", published: Optional[str] = None) -> list[str]:
        """All records of one document as claims.jsonl lines."""
        return self._one(text, doc_id, published, "lines")

    def _one(self, text: str, doc_id: str, published: Optional[str], form: Form) -> list:
        return next(self.pipe([(text, doc_id, published)], form=form))

    def pipe(self, documents: Iterable[tuple[str, str, Optional[str]]], *, form: Form = "models",
             batch_size: int = BATCH_PIECES) -> Iterator[list]:
        """The records of each ``(text, doc_id, published)`` in turn, as ``extract`` (form
        "models"), ``extract_dicts`` ("dicts") or ``extract_lines`` ("lines") gives them.

        Like spaCy's ``nlp.pipe``: the pieces of several documents (up to ``batch_size``
        pieces, or one piece's worth of text) go through each component in turn, so that one
        component's code and data stay in the CPU's caches; on press releases that is about
        a tenth faster than one document at a time. Records are converted piece by piece, so
        a very long document's records never all sit in memory as dicts at once. Documents
        are read from ``documents`` only as the batches need them.
        """
        convert = RECORD_FORMS[form]
        begun: deque[_Output] = deque()  # the documents whose records are not given back yet
        batch: list[_Piece] = []
        for text, doc_id, published in documents:
            output = _Output()
            begun.append(output)
            for piece in self._pieces(text, doc_id, published, output):
                batch.append(piece)
                if len(batch) >= batch_size or sum(len(p.text) for p in batch) >= self.chunk_chars:
                    self._run_batch(batch, convert)
                    batch = []
                    yield from _finished(begun)
            output.all_read = True
        self._run_batch(batch, convert)
        yield from (output.records for output in begun)

    def _pieces(self, text: str, doc_id: str, published: Optional[str], output: _Output) -> Iterator[_Piece]:
        """A document without a stated ``published`` date gets the one its text gives, so that
        "22nd December" takes the year of the document's own dateline."""
        published = published or find_published(text)
        for offset, piece in chunks(text, self.chunk_chars):
            yield _Piece(piece, offset, doc_id, published, output)

    def _run_batch(self, batch: list[_Piece], convert) -> None:
        docs = [self._blank_doc(piece.text, piece.published) for piece in batch]
        found: list[list[Found]] = [[] for _ in batch]
        for _, proc in self.nlp.pipeline:
            for items, doc in zip(found, docs):
                items += proc.find(doc)
        for piece, items in zip(batch, found):
            dicts = record_dicts(piece.text, items, doc_id=piece.doc_id, offset=piece.offset,
                                 openers=self.change_openers)
            piece.output.records += dicts if convert is None else map(convert, dicts)


@dataclass(slots=True)
class _Output:
    """One document's records, gathered piece by piece."""
    records: list = field(default_factory=list)
    all_read: bool = False  # every piece is in a batch: done once the batch holding the last has run


@dataclass(slots=True)
class _Piece:
    """One piece of a document waiting in a batch, and where its records go."""
    text: str
    offset: int
    doc_id: str
    published: Optional[str]
    output: _Output


def _finished(begun: deque[_Output]) -> Iterator[list]:
    """The records of the documents at the front that are all read; called when no batch is
    waiting, so all their pieces have run."""
    while begun and begun[0].all_read:
        yield begun.popleft().records


def record_line(record: dict) -> str:
    """One claims.jsonl line for a record built by ``record_dicts``: compact JSON, UTF-8 kept
    as written, exactly ``json.dumps(record, ensure_ascii=False, separators=(",", ":"))``.

    pydantic-core's encoder writes it about three times faster and alike, except floats that
    json writes in exponent form or as NaN / Infinity. Records hold floats only in ``value``
    (a test keeps the models so): a record whose value is such a float goes through json.
    """
    value = record.get("value")
    if type(value) is float and not (value == 0 or PLAIN_FLOATS[0] <= abs(value) < PLAIN_FLOATS[1]):
        return _LINE_JSON(record)
    try:
        return to_json(record).decode("utf-8")
    except PydanticSerializationError:  # text json writes as it is (lone surrogates)
        return _LINE_JSON(record)


# the fallback: what record_line must equal
_LINE_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode


# what each form of ``Extractor.pipe`` makes of a record dict
RECORD_FORMS = {"models": as_record, "dicts": None, "lines": record_line}
