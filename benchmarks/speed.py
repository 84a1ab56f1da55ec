"""How fast is claimx, next to spaCy's bare tokenizer and the peer tools, and how much memory?

Run by hand (never in the tests), from the repository root:

    .venv/bin/python benchmarks/speed.py                  # 1,000 documents; memory at 1k and 10k
    .venv/bin/python benchmarks/speed.py --docs 200 --memory-sizes 1000   # a quick run

It builds a corpus of ``--docs`` documents by cycling the releases in ``corpus/*.txt`` (or
the shared seed document when there are none) into a temporary folder, times each tool on
the same texts and prints markdown tables ready for benchmarks/README.md.
"""
from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Optional

import spacy

import peers
from claimx.corpus import default_jobs, load_worker, run_to_folder
from claimx.pipeline import Extractor

SEED = peers.SHARED / "eval" / "example" / "seed.txt"
WARM_UP_DOCS = 20

# Runs in a fresh interpreter, so RUSAGE_CHILDREN covers exactly one `claimx extract`
# (its ru_maxrss is the largest resident set among that run's processes, in KiB on Linux).
# Prints the command's exit code and that peak.
RSS_PROBE = ("import resource, subprocess, sys; "
             "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode; "
             "print(rc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


@dataclass
class Row:
    name: str
    documents: int
    words_per_second: Optional[float]
    note: str = ""


def parse_args(argv=None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=1000, help="documents in the timed corpus (default 1000)")
    ap.add_argument("--peer-docs", type=int, default=300,
                    help="documents given to the slow peers (NER, quantulum3); words/s is per word (default 300)")
    ap.add_argument("--repeats", type=int, default=3,
                    help="passes over the texts, in memory and by the CLI path; the best of each is kept (default 3)")
    ap.add_argument("--jobs", type=int, default=default_jobs(), help="jobs for the parallel CLI run (default: cores)")
    ap.add_argument("--memory-sizes", default="1000,10000",
                    help="comma-separated corpus sizes for the peak-memory runs; empty to skip (default 1000,10000)")
    ap.add_argument("--dask", action="store_true", help="also time claimx.dask on a local cluster of --jobs workers")
    ap.add_argument("--corpus", type=Path, default=peers.REPO / "corpus", help="folder of source .txt releases")
    return ap.parse_args(argv)


def source_texts(corpus: Path) -> list[str]:
    """The releases to cycle: corpus/*.txt, or the shared seed document when there are none."""
    files = sorted(corpus.glob("*.txt")) or [SEED]
    return [f.read_text(encoding="utf-8") for f in files]


def write_corpus(texts: list[str], n: int, folder: Path) -> list[str]:
    """Write n documents cycling through texts, 1,000 to a subfolder; returns their texts."""
    written = []
    for i in range(n):
        text = texts[i % len(texts)]
        path = folder / f"{i // 1000:04d}" / f"doc-{i:07d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(text)
    return written


def word_count(texts: Iterable[str]) -> int:
    return sum(len(text.split()) for text in texts)


def drain(results: Iterable) -> None:
    """Run through results keeping none, as a streaming run does (holding them all taxes the GC)."""
    deque(results, maxlen=0)


def timed(name: str, work: Callable[[list[str]], object], texts: list[str], *, warm_up: bool = True) -> Row:
    """Words per second of ``work`` over the texts, after a warm-up pass over a few of them.

    The warm-up fills caches (spaCy's tokenizer caches every word form it has seen) so
    that a small run does not mostly measure them; set-up such as model loading is done before.
    """
    if warm_up:
        work(texts[:WARM_UP_DOCS])
    started = time.perf_counter()
    work(texts)
    elapsed = time.perf_counter() - started
    return Row(name, len(texts), word_count(texts) / elapsed)


def in_memory_rows(texts: list[str], repeats: int) -> list[Row]:
    """The bare tokenizer and claimx in one process over the same texts."""
    nlp = spacy.blank("en")
    extractor = Extractor()
    return best_of({
        'spaCy `blank("en")` tokenizer only': lambda ts: drain(map(nlp.make_doc, ts)),
        "claimx `Extractor.pipe(form=\"lines\")`, one process, texts in memory (what the CLI's workers run)":
            lambda ts: drain(extractor.pipe(documents(ts), form="lines")),
        "claimx `Extractor.extract_lines`, one document at a time":
            lambda ts: drain(extractor.extract_lines(t, doc_id=str(i)) for i, t in enumerate(ts)),
        "claimx `Extractor.pipe()`, pydantic records":
            lambda ts: drain(extractor.pipe(documents(ts))),
    }, texts, repeats)


def documents(texts: list[str]) -> Iterable[tuple[str, str, None]]:
    """The texts as ``Extractor.pipe`` takes them: (text, doc_id, published)."""
    return ((text, str(i), None) for i, text in enumerate(texts))


def cli_rows(folder: Path, texts: list[str], jobs: int, repeats: int) -> list[Row]:
    """run_to_folder as `claimx extract -j 1` and `-j N` run it, start to end: pool start-up,
    reading, writing.

    The CLI's own pipeline is warmed up first, as ``timed`` warms up the in-memory rows, so
    that both rows start from a pipeline that knows the corpus's words (forked workers
    inherit it); otherwise the first row would pay the cold start alone.
    """
    drain(load_worker().pipe(documents(texts[:WARM_UP_DOCS]), form="lines"))
    with tempfile.TemporaryDirectory() as out:
        return best_of({f"claimx `run_to_folder` (the CLI path), {n} job{'s' if n > 1 else ''}":
                        (lambda _, n=n: run_to_folder([folder], out, jobs=n)) for n in (1, jobs)},
                       texts, repeats, warm_up=False)


def best_of(works: dict[str, Callable[[list[str]], object]], texts: list[str], repeats: int, *,
            warm_up: bool = True) -> list[Row]:
    """Each work's best words/s over ``repeats`` passes, the passes taken in turn so that a
    noisy spell on a shared machine hits them alike."""
    best = {name: 0.0 for name in works}
    for _ in range(repeats):
        for name, work in works.items():
            row = timed(name, work, texts, warm_up=warm_up)
            best[name] = max(best[name], row.words_per_second)
    return [Row(name, len(texts), words_per_second) for name, words_per_second in best.items()]


def dask_row(folder: Path, texts: list[str], workers: int) -> Row:
    """claimx.dask.run_to_folder on a LocalCluster of one-thread workers (the cluster started before timing)."""
    name = f"claimx on Dask (`claimx.dask.run_to_folder`), LocalCluster of {workers} processes"
    try:
        from distributed import LocalCluster

        from claimx.dask import run_to_folder as run_on_cluster
    except ImportError:
        return Row(name, 0, None, "dask not installed (pip install 'claimx[dask]')")
    with LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=":0") as cluster, \
            tempfile.TemporaryDirectory() as out:
        return timed(name, lambda _: run_on_cluster([folder], out, scheduler=cluster.scheduler_address),
                     texts, warm_up=False)


def ner_rows(texts: list[str]) -> list[Row]:
    rows = []
    for ner_only, name in ((True, "en_core_web_sm NER only (tok2vec + ner)"),
                           (False, "en_core_web_sm full pipeline (needed for textacy quotes)")):
        nlp, missing = peers.load_spacy_model(ner_only=ner_only)
        if nlp is None:
            rows.append(Row(name, 0, None, missing))
            continue
        rows.append(timed(name, lambda ts: drain(nlp.pipe(ts)), texts))
    return rows


def quantulum_row(texts: list[str]) -> Row:
    parse, missing = peers.load_quantulum()
    name = "quantulum3 `parser.parse`"
    if parse is None:
        return Row(name, 0, None, missing)
    return timed(name, lambda ts: drain(map(parse, ts)), texts)


def claimx_command() -> list[str]:
    script = Path(sys.executable).parent / "claimx"
    return [str(script)] if script.exists() else [sys.executable, "-c", "from claimx.cli import main; main()"]


def peak_rss_mib(sources: list[str], n: int) -> float:
    """Peak resident memory of `claimx extract -j 1` over n documents, in its own subprocess."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        write_corpus(sources, n, folder)
        command = [*claimx_command(), "extract", str(folder), "-o", str(Path(tmp) / "out"), "-j", "1"]
        result = subprocess.run([sys.executable, "-c", RSS_PROBE, *command],
                                capture_output=True, text=True, check=True)
    returncode, kib = map(int, result.stdout.split())
    if returncode not in (0, 1):  # 1 only says some documents failed
        raise RuntimeError(f"`{' '.join(command)}` exited {returncode}; run it by hand to see why")
    return kib / 1024


def speed_table(rows: list[Row], tokenizer: Row) -> str:
    lines = ["| tool | documents | words/s | time ÷ tokenizer's |", "| --- | ---: | ---: | ---: |"]
    for row in rows:
        if row.words_per_second is None:
            lines.append(f"| {row.name} | – | skipped: {row.note} | – |")
            continue
        ratio = tokenizer.words_per_second / row.words_per_second
        lines.append(f"| {row.name} | {row.documents:,} | {row.words_per_second:,.0f} | {ratio:,.1f}× |")
    return "\n".join(lines)


def memory_table(peaks: dict[int, float]) -> str:
    lines = ["| `claimx extract -j 1` over | peak RSS |", "| --- | ---: |"]
    lines += [f"| {n:,} documents | {mib:,.0f} MiB |" for n, mib in peaks.items()]
    return "\n".join(lines)


def header(sources: list[str], texts: list[str]) -> str:
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (f"Measured {when} on {os.cpu_count()} CPUs ({platform.processor() or platform.machine()}), "
            f"Python {platform.python_version()}, spaCy {spacy.__version__}. Corpus: {len(texts):,} documents "
            f"cycled from {len(sources)} releases, {word_count(texts):,} words.")


def main(argv=None) -> int:
    args = parse_args(argv)
    sources = source_texts(args.corpus)
    sizes = [int(s) for s in args.memory_sizes.split(",") if s.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        texts = write_corpus(sources, args.docs, folder)
        rows = in_memory_rows(texts, args.repeats)
        tokenizer = rows[0]
        rows += cli_rows(folder, texts, args.jobs, args.repeats)
        if args.dask:
            rows.append(dask_row(folder, texts, args.jobs))
    peer_texts = texts[:args.peer_docs]
    rows += ner_rows(peer_texts) + [quantulum_row(peer_texts)]
    print(header(sources, texts) + "\n")
    print(speed_table(rows, tokenizer) + "\n")
    if sizes:
        print(memory_table({n: peak_rss_mib(sources, n) for n in sizes}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
