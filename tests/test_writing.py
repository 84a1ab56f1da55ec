"""An interrupted run, resumed, gives exactly the output of an uninterrupted one."""
import json
from pathlib import Path

import pytest

from claimx.corpus import run_to_folder
from claimx.writing import OutputFolder, read_journal

DOC = "Title {n}\n\nThe agency paid £{n},000 to {n} farms in 2021, up 5%.\n"


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for n in range(1, 7):
        (folder / f"d{n}.txt").write_text(DOC.format(n=n), encoding="utf-8")
    return folder


def _files(out: Path) -> dict[str, bytes]:
    return {name: (out / f"{name}.jsonl").read_bytes() for name in ("claims", "documents", "errors")}


def _interrupt(full: Path, partial: Path, keep_docs: int, torn: bytes) -> None:
    """Leave in `partial` the .part files a run killed after `keep_docs` documents would leave."""
    partial.mkdir()
    docs = (full / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    kept = {json.loads(d)["doc_id"] for d in docs[:keep_docs]}
    claims = [c for c in (full / "claims.jsonl").read_text(encoding="utf-8").splitlines()
              if json.loads(c)["doc_id"] in kept]
    cut_doc_claims = [c for c in (full / "claims.jsonl").read_text(encoding="utf-8").splitlines()
                      if json.loads(c)["doc_id"] == json.loads(docs[keep_docs])["doc_id"]]
    (partial / "claims.jsonl.part").write_bytes(
        "".join(c + "\n" for c in claims + cut_doc_claims).encode("utf-8") + torn)
    (partial / "documents.jsonl.part").write_text("".join(d + "\n" for d in docs[:keep_docs]), encoding="utf-8")
    (partial / "errors.jsonl.part").write_text("", encoding="utf-8")


@pytest.mark.parametrize("keep_docs, torn", [(0, b""), (2, b'{"id": "abc", "doc'), (5, b"")])
def test_resume_after_a_kill_gives_the_uninterrupted_output(corpus, tmp_path, keep_docs, torn):
    full, partial = tmp_path / "full", tmp_path / "partial"
    run_to_folder([corpus], full)
    _interrupt(full, partial, keep_docs, torn)
    summary = run_to_folder([corpus], partial, resume=True)
    assert summary.skipped == keep_docs
    assert _files(partial) == _files(full)
    assert not list(partial.glob("*.part"))


def test_resume_redoes_a_document_whose_file_changed(corpus, tmp_path):
    out = tmp_path / "out"
    run_to_folder([corpus], out)
    (corpus / "d3.txt").write_text(DOC.format(n=9), encoding="utf-8")
    summary = run_to_folder([corpus], out, resume=True)
    assert summary.skipped == 5
    claims = [json.loads(c) for c in (out / "claims.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len({c["id"] for c in claims}) == len(claims)


def test_a_crash_mid_run_keeps_the_previous_final_files(tmp_path):
    out = tmp_path / "out"
    with OutputFolder(out) as folder:
        folder.write_document(['{"doc_id": "a"}'], '{"doc_id": "a", "sha256": "1"}')
    before = _files(out)
    with pytest.raises(RuntimeError):
        with OutputFolder(out) as folder:
            folder.write_document(['{"doc_id": "b"}'], None)
            raise RuntimeError("killed")
    assert _files(out) == before
    assert read_journal(out).done == set(), "a resume continues the crashed run, which finished nothing"


def test_a_document_with_many_claims_is_written_in_batches_of_whole_lines(tmp_path, monkeypatch):
    import claimx.writing
    monkeypatch.setattr(claimx.writing, "WRITE_BATCH_CHARS", 100)
    writes = []
    real_write = claimx.writing.os.write
    monkeypatch.setattr(claimx.writing.os, "write", lambda fd, data: writes.append(bytes(data)) or real_write(fd, data))
    lines = [json.dumps({"doc_id": "a", "n": n}) for n in range(50)]
    with OutputFolder(tmp_path) as folder:
        folder.write_document(lines, '{"doc_id": "a", "sha256": "1"}')
    assert (tmp_path / "claims.jsonl").read_text().splitlines() == lines
    assert len(writes) > 3 and all(w.endswith(b"\n") for w in writes)


def test_a_resumed_run_reports_every_document_done_or_skipped(corpus, tmp_path):
    """The CLI's progress bar counts both, so a resumed run's bar ends full."""
    out = tmp_path / "out"
    run_to_folder([corpus], out)
    (corpus / "d3.txt").write_text(DOC.format(n=9), encoding="utf-8")
    done, skipped = [], []
    run_to_folder([corpus], out, resume=True, on_document=done.append, on_skipped=skipped.append)
    assert [o.doc_id for o in done] == ["d3.txt"]
    assert sorted(s.doc_id for s in skipped) == ["d1.txt", "d2.txt", "d4.txt", "d5.txt", "d6.txt"]


def test_the_progress_bar_ends_full_on_a_resumed_run():
    from claimx.cli.extract import Progress
    from claimx.corpus import DocOutput

    progress = Progress(3, enabled=True)
    progress.skip(None)
    progress.skip(None)
    progress.update(DocOutput("d3.txt", "0", ["{}", "{}"], "{}", []))
    assert progress.bar.pos == 3 and progress.records == 2 and progress.extracted == 1
    progress.close()
