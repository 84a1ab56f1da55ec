"""claimx.dask against a real two-process LocalCluster: the same files as a local run, and bags."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")
db = pytest.importorskip("dask.bag")
dask_config = pytest.importorskip("dask").config.set

from claimx import corpus  # noqa: E402
from claimx import dask as claimx_dask  # noqa: E402
from claimx.patterns import default_patterns_dir  # noqa: E402

RELEASES = {
    "a.txt": ("Council funding rises\n\nThe council will spend £2.5 million on 40 new homes by June 2025, "
              "a rise of 12% since 2019.\n\n“This is a good day for the town,” said Jane Doe.\n"),
    "b.md": ("Ports fund opens\n\nThe Commission awarded €300m to 14 ports on 3 March 2021.\n\n"
             "\"Our ports carry 75% of trade,\" the Commissioner said.\n"),
    "uk/c.txt": "Bus fares capped\n\nFares are capped at £2 until 31 December 2023, saving 2 million riders 30%.\n",
    "uk/d.txt": "Nurses\n\nThere are 50,000 more nurses, up from 9 to 58 per ward, Dr Amy Lee said on Monday.\n",
    "uk/e.html": "<html><head><title>Pay</title></head><body><p>Pay rises 3% for 300,000 staff in 2017.</p>"
                 "<p>The minister said: “This is fair.”</p></body></html>",
}
FILES = ("claims.jsonl", "documents.jsonl", "errors.jsonl")


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as cluster:
        with distributed.Client(cluster, set_as_default=False) as client:
            yield client


@pytest.fixture
def folder(tmp_path) -> Path:
    root = tmp_path / "corpus"
    for name, text in RELEASES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / "broken.txt").write_bytes(b"\x00\x01binary\x00")
    (root / "empty.txt").write_text("  \n", encoding="utf-8")
    return root


def _same_files(left: Path, right: Path) -> None:
    for name in FILES:
        assert (left / name).read_bytes() == (right / name).read_bytes(), name
    assert not list(right.glob("*.part"))


def test_cluster_run_writes_the_local_run_byte_for_byte(client, folder, tmp_path):
    local = corpus.run_to_folder([folder], tmp_path / "local", jobs=1)
    remote = claimx_dask.run_to_folder([folder], tmp_path / "remote", scheduler=client.scheduler.address,
                                       batch_size=2, in_flight=2)
    _same_files(tmp_path / "local", tmp_path / "remote")
    assert remote == local and remote.documents == 7 and remote.failed == 2


def test_cluster_resume_matches_local_resume(client, folder, tmp_path):
    corpus.run_to_folder([folder], tmp_path / "first", jobs=1)
    (folder / "b.md").write_text(RELEASES["b.md"].replace("€300m", "€400m"), encoding="utf-8")
    (folder / "uk" / "f.txt").write_text("New\n\nA new release of 5% on 1 May 2024.\n", encoding="utf-8")
    shutil.copytree(tmp_path / "first", tmp_path / "local")
    shutil.copytree(tmp_path / "first", tmp_path / "remote")
    local = corpus.run_to_folder([folder], tmp_path / "local", jobs=1, resume=True)
    remote = claimx_dask.run_to_folder([folder], tmp_path / "remote", scheduler=client, resume=True, batch_size=1)
    _same_files(tmp_path / "local", tmp_path / "remote")
    assert remote == local and remote.skipped == 4


def test_on_document_sees_every_document_in_order(client, folder, tmp_path):
    seen = []
    claimx_dask.run_to_folder([folder], tmp_path / "out", scheduler=client, on_document=seen.append)
    assert [o.doc_id for o in seen] == [s.doc_id for s in corpus.iter_sources([folder])]


def test_extract_bag_over_paths_gives_the_local_records(client, folder):
    paths = [folder / name for name in RELEASES]
    bag = db.from_sequence([str(p) for p in paths], npartitions=2)
    records = claimx_dask.extract_bag(bag).compute(scheduler=client)
    expected = [r for p in paths for r in corpus.extract_file(p)]
    assert records == expected


def test_extract_bag_over_a_folder_reads_it_like_the_cli(client, tmp_path):
    root = tmp_path / "only"
    (root / "uk").mkdir(parents=True)
    (root / "uk" / "c.txt").write_text(RELEASES["uk/c.txt"], encoding="utf-8")
    records = claimx_dask.extract_bag(db.from_sequence([root])).compute(scheduler=client)
    expected = [r for result in corpus.extract_corpus([root]) for r in result.records]
    assert records == expected


def test_extract_bag_over_texts_as_dicts(client, extractor):
    pairs = [(name, text) for name, text in RELEASES.items() if not name.endswith(".html")]
    bag = db.from_sequence(pairs, npartitions=3)
    rows = claimx_dask.extract_bag(bag, texts=True, as_dicts=True).compute(scheduler=client)
    expected = [r.model_dump() for doc_id, text in pairs
                for r in extractor.extract(text, doc_id=doc_id)]
    assert rows == expected
    assert all(isinstance(row, dict) for row in rows)


def test_unreadable_file_in_a_bag_raises_saying_which(client, folder):
    bag = db.from_sequence([str(folder / "broken.txt")])
    with pytest.raises(claimx_dask.DocumentError, match="broken.txt: decode"):
        claimx_dask.extract_bag(bag).compute(scheduler=client)


def test_one_extractor_per_worker_process(client, folder):
    bag = db.from_sequence([str(folder / name) for name in RELEASES] * 4, npartitions=8)
    claimx_dask.extract_bag(bag).compute(scheduler=client)
    counts = client.run(lambda: len(corpus._extractors))
    assert max(counts.values()) == 1


def test_extract_bag_runs_without_a_cluster(folder):
    bag = db.from_sequence([str(folder / "a.txt"), str(folder / "uk")], npartitions=2)
    records = claimx_dask.extract_bag(bag).compute(scheduler="sync")
    expected = [r for result in corpus.extract_corpus([folder / "a.txt", folder / "uk"]) for r in result.records]
    assert records == expected


def test_relative_paths_are_read_from_the_callers_folder_and_written_as_given(client, folder, tmp_path,
                                                                               monkeypatch):
    monkeypatch.chdir(folder.parent)
    local = corpus.run_to_folder(["corpus"], tmp_path / "local", jobs=1)
    remote = claimx_dask.run_to_folder(["corpus"], tmp_path / "remote", scheduler=client)
    _same_files(tmp_path / "local", tmp_path / "remote")
    assert remote == local and remote.failed == 2
    bag = db.from_sequence(["corpus/a.txt"])
    assert claimx_dask.extract_bag(bag).compute(scheduler=client) == corpus.extract_file(folder / "a.txt")


def test_unreachable_scheduler_is_a_clear_error_and_leaves_the_folder_alone(folder, tmp_path):
    with pytest.raises(claimx_dask.SchedulerError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        with dask_config({"distributed.comm.timeouts.connect": "1s"}):
            claimx_dask.run_to_folder([folder], tmp_path / "out", scheduler="tcp://127.0.0.1:9")
    assert not (tmp_path / "out").exists()


def test_a_relative_patterns_folder_is_found_from_the_callers_folder(client, folder, tmp_path, monkeypatch):
    shutil.copytree(default_patterns_dir(), tmp_path / "mine")
    monkeypatch.chdir(tmp_path)
    bag = db.from_sequence([str(folder / "a.txt")])
    records = claimx_dask.extract_bag(bag, patterns="mine").compute(scheduler=client)
    assert records == corpus.extract_file(folder / "a.txt")
