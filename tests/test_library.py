import subprocess
import sys
from pathlib import Path

import claimx
from claimx.pipeline import chunks

ROOT = Path(__file__).resolve().parent.parent


def test_extract_file_and_corpus_agree(tmp_path):
    (tmp_path / "a.txt").write_text("Title\n\nIt cost £5m in 2020, up 4%.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x00binary")
    results = list(claimx.extract_corpus([tmp_path]))
    assert [r.source.doc_id for r in results] == ["a.txt", "b.txt"]
    assert results[0].ok and not results[1].ok
    assert [r.model_dump() for r in claimx.extract_file(tmp_path / "a.txt")] == \
        [r.model_dump() for r in results[0].records]


def test_extract_defaults_doc_id_to_dash():
    assert all(r.doc_id == "-" for r in claimx.extract("Prices rose 5% in 2023."))


def test_components_load_by_name_without_importing_claimx():
    code = ("import spacy; nlp = spacy.blank('en'); nlp.add_pipe('claimx_quantities'); "
            "nlp.add_pipe('claimx_quotes'); doc = nlp('Prices rose 5% in 2023, said Jane Doe.'); "
            "print(sorted({s.label_ for s in doc.spans['claimx']}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT / "tests")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "['date', 'percentage']"


def test_chunks_cut_at_paragraph_breaks_and_cover_the_text():
    text = "\n\n".join("x" * 40 for _ in range(10))
    pieces = list(chunks(text, 100))
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= 100 for _, p in pieces)
    assert all(text[o:o + len(p)] == p for o, p in pieces)


def test_quote_ids_stay_unique_across_the_pieces_of_a_long_document():
    paragraph = "“We have built {n} new homes this year,” said Jane Doe, the housing minister.\n\n"
    text = "".join(paragraph.format(n=n) for n in range(200))
    records = claimx.Extractor(chunk_chars=500).extract(text)
    quote_ids = [r.quote_id for r in records if r.kind == "quote"]
    assert len(quote_ids) == 200 and len(set(quote_ids)) == 200


def test_quantities_alone_mirror_their_findings_as_doc_spans():
    import spacy
    nlp = spacy.blank("en")
    nlp.add_pipe("claimx_quantities")
    doc = nlp("Prices rose 5% in 2023.")
    assert [(s.text, s.label_) for s in doc.spans["claimx"]] == [("5%", "percentage"), ("2023", "date")]


def test_sentence_index_gives_the_sentence_around_a_span():
    from claimx.sentences import SentenceIndex
    text = "Intro here. Prices rose 5% in 2023. “It is good,” she said.\n\nNext paragraph."
    index = SentenceIndex(text)
    s, e = index.bounds(text.index("5%"), text.index("5%") + 2)
    assert text[s:e] == "Prices rose 5% in 2023."


def test_the_fast_path_gives_what_the_components_leave_on_a_doc(extractor):
    """The Extractor's fast path (components' ``find``, no spans) and the spaCy path (``doc``)
    agree: the records built from the doc's findings are the ones ``extract_dicts`` gives."""
    from claimx.docdate import find_published
    from claimx.pipeline import record_dicts

    for path in sorted((ROOT / "corpus").glob("*.txt"))[:8]:
        text = path.read_text(encoding="utf-8")
        doc = extractor.doc(text, published=find_published(text))
        assert record_dicts(text, doc._.claimx_found, doc_id="-", openers=extractor.change_openers) == \
            extractor.extract_dicts(text)
        assert doc.spans["claimx"]


def test_pipe_gives_each_document_what_extract_gives_it(extractor):
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))[:12]] + ["", "No claims."]
    documents = [(text, f"doc{i}", None) for i, text in enumerate(texts)]
    for form, method in (("lines", extractor.extract_lines), ("dicts", extractor.extract_dicts)):
        assert list(extractor.pipe(documents, form=form, batch_size=3)) == \
            [method(text, doc_id=doc_id) for text, doc_id, _ in documents]


def test_pipe_batches_the_pieces_of_long_documents():
    paragraph = "“Sales rose 5% to £3m in 2021,” said Jane Doe.\n\n"
    texts = [paragraph * n for n in (1, 30, 2, 45)]
    extractor = claimx.Extractor(chunk_chars=200)
    piped = list(extractor.pipe([(t, str(i), None) for i, t in enumerate(texts)], form="dicts", batch_size=4))
    assert piped == [extractor.extract_dicts(t, doc_id=str(i)) for i, t in enumerate(texts)]
    assert [len(records) for records in piped] == [4 * n for n in (1, 30, 2, 45)]


def test_pipe_reads_documents_only_as_its_batches_need_them(extractor):
    read = []

    def documents():
        for i in range(40):
            read.append(i)
            yield "It rose 5%.", str(i), None

    first = next(extractor.pipe(documents(), form="lines", batch_size=4))
    assert first and len(read) <= 5


def test_worker_tasks_keep_the_order_and_bound_documents_and_bytes(tmp_path):
    from claimx.corpus import tasks
    from claimx.reading import Source

    sizes = [10, 10, 10, 10, 10, 95, 10, 10]
    sources = []
    for i, size in enumerate(sizes):
        (tmp_path / f"{i}.txt").write_bytes(b"x" * size)
        sources.append(Source(tmp_path / f"{i}.txt", f"{i}.txt"))
    sources.append(Source(tmp_path / "gone.txt", "gone.txt"))
    cut = [[s.doc_id for s in task] for task in tasks(sources, documents=3, size=50)]
    assert cut == [["0.txt", "1.txt", "2.txt"], ["3.txt", "4.txt"], ["5.txt"], ["6.txt", "7.txt", "gone.txt"]]


def test_one_process_streams_documents_as_its_batches_finish(tmp_path):
    """-j 1 writes each document once its pipe batch is done, not a worker task (dozens) at a
    time: a run killed midway then loses little, and the progress bar moves smoothly."""
    from claimx.corpus import extract_lines
    from claimx.pipeline import BATCH_PIECES
    from claimx.reading import iter_sources

    for n in range(40):
        (tmp_path / f"{n:02}.txt").write_text(f"Release {n}\n\nIt rose {n}% in 2021.\n", encoding="utf-8")
    taken = []

    def sources():
        for source in iter_sources([tmp_path]):
            taken.append(source)
            yield source

    first = next(extract_lines(sources(), jobs=1))
    assert first.doc_id == "00.txt" and len(taken) <= BATCH_PIECES + 1
