"""Reading documents: finding files, decoding text, extracting HTML and PDF.

A plain-text file is decoded with nothing normalised, so record offsets index the file's
own text. HTML and PDF are turned into paragraphs separated by blank lines; their record
offsets index that extracted text, which documents.jsonl stores.
"""
from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional

from .docdate import find_published

TEXT_SUFFIXES = {".txt": "text", ".md": "text", ".html": "html", ".htm": "html", ".pdf": "pdf"}
DEFAULT_MAX_BYTES = 50_000_000
_BOMS = (("utf-8-sig", b"\xef\xbb\xbf"), ("utf-16", b"\xff\xfe"), ("utf-16", b"\xfe\xff"))


class ReadError(Exception):
    """A document that cannot be read: the stage, the reason and what to do about it."""

    def __init__(self, stage: str, reason: str, hint: str):
        super().__init__(f"{stage}: {reason}")
        self.stage, self.reason, self.hint = stage, reason, hint


@dataclass(slots=True)
class Source:
    """A file to read, and the doc_id it gets: its path relative to the folder given."""
    path: Path
    doc_id: str


@dataclass(slots=True)
class Document:
    doc_id: str
    path: str
    text: str
    sha256: str
    encoding: str
    format: str
    title: Optional[str] = None
    published: Optional[str] = None
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> dict:
        """The documents.jsonl line: everything but the warnings, which go to errors."""
        return {"doc_id": self.doc_id, "path": self.path, "sha256": self.sha256,
                "encoding": self.encoding, "format": self.format, "title": self.title,
                "published": self.published, "chars": len(self.text), "text": self.text}


def iter_sources(paths: Iterable[str | Path]) -> Iterator[Source]:
    """Every readable file under the given files and folders, in a stable sorted order.

    Folders are walked recursively; links to folders already visited are skipped, so a
    symlink loop ends the walk instead of looping.
    """
    for given in paths:
        given = Path(given)
        if given.is_dir():
            yield from _walk(given)
        else:
            yield Source(given, given.name)


def _walk(root: Path) -> Iterator[Source]:
    seen: set[tuple[int, int]] = set()
    for folder, dirs, files in os.walk(root, followlinks=True):
        try:
            st = os.stat(folder)
        except OSError:
            dirs[:] = []
            continue
        if (st.st_dev, st.st_ino) in seen:
            dirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if path.suffix.lower() in TEXT_SUFFIXES:
                yield Source(path, path.relative_to(root).as_posix())


def read_document(source: Source, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read and decode one file; raises ReadError saying what went wrong and what to do."""
    data = _read_bytes(source.path, max_bytes)
    fmt = TEXT_SUFFIXES.get(source.path.suffix.lower(), "text")
    digest = hashlib.sha256(data).hexdigest()
    if fmt == "pdf":
        text, title = _pdf_text(data)
        encoding, published, warnings = "pdf", None, []
    elif fmt == "html":
        text, encoding, title, published, warnings = _html_text(data)
    else:
        text, encoding, warnings = decode_text(data)
        title = published = None
    if not text.strip():
        raise ReadError("read", "the document holds no text", "check the file; nothing to extract from it")
    return Document(doc_id=source.doc_id, path=str(source.path), text=text, sha256=digest,
                    encoding=encoding, format=fmt, title=title or first_line(text),
                    published=published or find_published(text), warnings=warnings)


def document_from_text(text: str, *, doc_id: str = "-", path: str = "-") -> Document:
    """A Document for text already in memory (stdin, a library call)."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return Document(doc_id=doc_id, path=path, text=text, sha256=digest, encoding="utf-8",
                    format="text", title=first_line(text), published=find_published(text))


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadError("read", f"file is {size:,} bytes, over the limit of {max_bytes:,}",
                            "raise the limit with --max-bytes if the file is a real document")
        with open(path, "rb") as fh:
            return fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise ReadError("read", "the file vanished before it could be read",
                        "check whether something is moving files while claimx runs") from None
    except PermissionError:
        raise ReadError("read", "permission denied", "make the file readable (chmod) and run again with --resume") from None
    except IsADirectoryError:
        raise ReadError("read", "is a directory", "pass folders as PATH, not as files") from None
    except OSError as exc:
        raise ReadError("read", exc.strerror or str(exc), "check the file system and run again with --resume") from None


def decode_text(data: bytes) -> tuple[str, str, list[str]]:
    """Decode as UTF-8, UTF-8 with BOM, UTF-16 with BOM, else Windows-1252.

    Returns the text, the encoding chosen and any warning worth a line in errors.jsonl.
    """
    for encoding, bom in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding, []
            except UnicodeDecodeError:
                raise ReadError("decode", f"invalid {encoding} after a byte-order mark",
                                "re-save the file as UTF-8") from None
    if b"\x00" in data[:8192]:
        raise ReadError("decode", "binary file (NUL bytes, no UTF-16 byte-order mark)",
                        "only text, HTML and PDF files are read; remove it from the input")
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as exc:
        warning = f"invalid UTF-8 at byte {exc.start}; decoded as windows-1252"
        return data.decode("cp1252", errors="replace"), "windows-1252", [warning]


def first_line(text: str) -> Optional[str]:
    """The title of a plain-text release: its first non-empty line."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:300]
    return None


def _html_text(data: bytes) -> tuple[str, str, Optional[str], Optional[str], list[str]]:
    import trafilatura

    html, encoding, warnings = decode_text(data)
    try:
        result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                             favor_recall=True, include_tables=True)
    except Exception as exc:  # trafilatura raises many types on broken markup
        raise ReadError("html", f"could not parse HTML ({type(exc).__name__})",
                        "check the file is HTML; save it as .txt to read it as plain text") from None
    if result is None or not (result.text or "").strip():
        raise ReadError("html", "no main content found in the HTML",
                        "check the page has body text; save it as .txt to read it as plain text")
    text = "\n\n".join(line.strip() for line in result.text.splitlines() if line.strip())
    return text, encoding, result.title, result.date, warnings


def _pdf_text(data: bytes) -> tuple[str, Optional[str]]:
    """The pages' text, a blank line between pages, and the PDF's title metadata."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError("pdf", "the PDF is encrypted", "decrypt it first (for example with qpdf --decrypt)")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = (reader.metadata or {}).get("/Title")
    except ReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ReadError("pdf", f"corrupt or unreadable PDF ({type(exc).__name__}: {exc})",
                        "check the file opens in a PDF viewer; re-export it") from None
    except Exception as exc:  # pypdf has many failure modes on broken files
        raise ReadError("pdf", f"unreadable PDF ({type(exc).__name__})", "re-export the PDF") from None
    return "\n\n".join(p.strip() for p in pages if p.strip()), (str(title) if title else None)
