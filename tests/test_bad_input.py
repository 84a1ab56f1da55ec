"""A corpus of bad files, built here (no committed binaries): each is reported, none stops the run."""
import io
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfWriter

from claimx.cli import main
from claimx.corpus import process_source
from claimx.pipeline import Extractor
from claimx.reading import Source

GOOD = "Good release\n\nThe trust spent £4.5 million on 120 beds in 2022, up 8%.\n"


def _pdf(encrypt: bool = False) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if encrypt:
        writer.encrypt("secret")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


@pytest.fixture
def bad_corpus(tmp_path) -> Path:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "latin1.txt").write_bytes("Caf\xe9 prices rose 5%.\n".encode("latin-1"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "malformed.html").write_bytes(b"<html><body><p>Rates rose 5% <b>in 2020 <div></p><<<>>>&&&")
    (folder / "no-content.html").write_bytes(b"<html><head><script>var x = 1;</script></head><body> </body></html>")
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage\n%%EOF")
    (folder / "encrypted.pdf").write_bytes(_pdf(encrypt=True))
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    (folder / "loop").mkdir()
    (folder / "loop" / "again").symlink_to(folder / "loop")
    return folder


def test_every_bad_file_is_reported_and_the_good_one_kept(bad_corpus, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["extract", str(bad_corpus), "-o", str(out), "-j", "1"])
    assert result.exit_code == 1, result.output
    errors = {e["doc_id"]: e for e in map(json.loads, (out / "errors.jsonl").read_text().splitlines())}
    for name in ("binary.txt", "empty.txt", "no-content.html", "corrupt.pdf", "encrypted.pdf", "dangling.txt"):
        assert name in errors, name
        assert errors[name]["reason"] and errors[name]["hint"] and errors[name]["stage"]
    assert "latin1.txt" in errors and "windows-1252" in errors["latin1.txt"]["reason"]
    docs = [json.loads(d)["doc_id"] for d in (out / "documents.jsonl").read_text().splitlines()]
    assert docs == ["good.txt", "latin1.txt", "malformed.html"], "what a lenient parse recovers is kept"
    assert any(json.loads(c)["doc_id"] == "good.txt" for c in (out / "claims.jsonl").read_text().splitlines())


def test_encrypted_pdf_says_how_to_fix_it(bad_corpus):
    result = process_source(Extractor(), Source(bad_corpus / "encrypted.pdf", "encrypted.pdf"))
    assert result.error.stage == "pdf" and "decrypt" in result.error.hint


def test_file_that_vanished_mid_run_is_an_error_not_a_crash(tmp_path):
    result = process_source(Extractor(), Source(tmp_path / "gone.txt", "gone.txt"))
    assert "vanished" in result.error.reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_reported(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(GOOD, encoding="utf-8")
    path.chmod(0)
    result = process_source(Extractor(), Source(path, "secret.txt"))
    assert result.error.reason == "permission denied"


def test_large_file_is_refused_with_a_limit_the_user_can_raise(tmp_path):
    (tmp_path / "big.txt").write_text(GOOD * 2000, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "big.txt"), "-o", str(out), "--max-bytes", "10000"])
    assert result.exit_code == 1
    error = json.loads((out / "errors.jsonl").read_text())
    assert "--max-bytes" in error["hint"]


def test_long_documents_are_cut_into_pieces_with_the_same_records():
    text = "\n\n".join(f"Paragraph {n}: the fund paid £{n},000 to {n + 2} schools in 2021." for n in range(300))
    whole = Extractor(chunk_chars=len(text) + 1).extract(text, doc_id="d")
    pieces = Extractor(chunk_chars=1000).extract(text, doc_id="d")
    assert [r.model_dump() for r in pieces] == [r.model_dump() for r in whole]


def test_same_input_gives_byte_identical_output(bad_corpus, tmp_path):
    for run in ("a", "b"):
        CliRunner().invoke(main, ["extract", str(bad_corpus), "-o", str(tmp_path / run), "-j", "1"])
    for name in ("claims.jsonl", "documents.jsonl", "errors.jsonl"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_an_unexpected_failure_while_reading_costs_one_document(tmp_path, monkeypatch):
    import claimx.corpus
    (tmp_path / "a.html").write_text("<p>x</p>", encoding="utf-8")

    def broken_install(*args, **kwargs):
        raise ImportError("lxml.html.clean module is now a separate project")

    monkeypatch.setattr(claimx.corpus, "read_document", broken_install)
    result = process_source(Extractor(), Source(tmp_path / "a.html", "a.html"))
    assert result.error.stage == "read" and "ImportError" in result.error.reason and result.error.hint


def test_a_bug_on_one_document_costs_that_document_not_its_batch(tmp_path, monkeypatch):
    """Documents go through Extractor.pipe in batches; a component failing on one of them
    must leave the others in the batch their records, in order."""
    from claimx.corpus import extract_sources
    from claimx.quantities import QuantityFinder

    names = ["a.txt", "b.txt", "bad.txt", "c.txt", "unreadable.txt", "d.txt"]
    for name in names:
        (tmp_path / name).write_text(GOOD + ("BOOM\n" if name == "bad.txt" else ""), encoding="utf-8")
    (tmp_path / "unreadable.txt").write_bytes(b"")
    find = QuantityFinder.find

    def fails_on_boom(self, doc):
        if "BOOM" in doc.text:
            raise RuntimeError("a bug")
        return find(self, doc)

    monkeypatch.setattr(QuantityFinder, "find", fails_on_boom)
    sources = [Source(tmp_path / name, name) for name in names]
    results = list(extract_sources(Extractor(), sources, form="lines"))
    assert [r.source.doc_id for r in results] == names
    assert [r.ok for r in results] == [True, True, False, True, False, True]
    assert results[2].error.stage == "extract" and "RuntimeError: a bug" in results[2].error.reason
    assert results[4].error.stage == "read"
    assert all(len(r.records) == len(results[0].records) > 0 for r in results if r.ok)
