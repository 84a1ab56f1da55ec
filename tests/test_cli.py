import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimx.cli import main
from claimx.records import parse_record

RELEASE = ("Council funding rises\n\nThe council will spend £2.5 million on 40 new homes by June 2025, "
           "a rise of 12% since 2019.\n\n“This is a good day for the town,” said Jane Doe.\n")


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "uk").mkdir(parents=True)
    (folder / "uk" / "a.txt").write_text(RELEASE, encoding="utf-8")
    (folder / "b.md").write_text(RELEASE.replace("Jane", "John"), encoding="utf-8")
    return folder


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_extract_writes_the_three_files(corpus, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["extract", str(corpus), "-o", str(out), "-j", "1"])
    assert result.exit_code == 0, result.output
    docs = _lines(out / "documents.jsonl")
    assert [d["doc_id"] for d in docs] == ["b.md", "uk/a.txt"]
    assert docs[0]["sha256"] and docs[0]["encoding"] == "utf-8" and docs[0]["title"] == "Council funding rises"
    assert (out / "errors.jsonl").read_text() == ""
    texts = {d["doc_id"]: d["text"] for d in docs}
    for line in (out / "claims.jsonl").read_text(encoding="utf-8").splitlines():
        rec = parse_record(line)
        assert texts[rec.doc_id][rec.start:rec.end] == rec.text
    assert not list(out.glob("*.part"))


def test_output_is_identical_whatever_the_number_of_jobs(corpus, tmp_path):
    for jobs in ("1", "2"):
        CliRunner().invoke(main, ["extract", str(corpus), "-o", str(tmp_path / jobs), "-j", jobs])
    for name in ("claims.jsonl", "documents.jsonl"):
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes()


def test_bad_file_is_logged_and_exit_code_is_1(corpus, tmp_path):
    (corpus / "broken.txt").write_bytes(b"\x00\x01binary\x00")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["extract", str(corpus), "-o", str(out), "-j", "1"])
    assert result.exit_code == 1
    errors = _lines(out / "errors.jsonl")
    assert errors[0]["doc_id"] == "broken.txt" and errors[0]["stage"] == "decode" and errors[0]["hint"]
    assert len(_lines(out / "documents.jsonl")) == 2


def test_stdout_output(corpus):
    result = CliRunner().invoke(main, ["extract", str(corpus / "b.md"), "-o", "-", "-j", "1"])
    assert result.exit_code == 0
    records = [parse_record(line) for line in result.stdout.splitlines()]
    assert all(r.doc_id == "b.md" for r in records)


def test_stdin_input_gets_doc_id_dash(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["extract", "-", "-o", str(out)], input=RELEASE)
    assert result.exit_code == 0, result.output
    assert _lines(out / "documents.jsonl")[0]["doc_id"] == "-"


def test_missing_path_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["extract", "-o", str(tmp_path)])
    assert result.exit_code == 2


def test_bad_patterns_folder_is_a_usage_error_naming_the_file(tmp_path, corpus):
    bad = tmp_path / "pats"
    bad.mkdir()
    result = CliRunner().invoke(main, ["extract", str(corpus), "--patterns", str(bad / "nope")])
    assert result.exit_code == 2


def test_schema_prints_json_schema():
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0 and "discriminator" in json.loads(result.output).__repr__()


@pytest.mark.parametrize("command", [[], *([name] for name in main.commands)])
def test_every_command_has_short_help_ending_with_an_example(command):
    result = CliRunner().invoke(main, [*command, "-h"])
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_every_command_is_documented_in_the_readme():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert f"claimx {name}" in readme, name


def test_scheduler_cannot_write_to_stdout(corpus):
    result = CliRunner().invoke(main, ["extract", str(corpus), "-o", "-", "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2 and "--scheduler" in result.output


def test_bad_shipped_or_custom_patterns_fail_before_any_worker_starts(corpus, tmp_path):
    import shutil
    from claimx.patterns import default_patterns_dir
    mine = tmp_path / "mine"
    shutil.copytree(default_patterns_dir(), mine)
    qualifiers = mine / "lexicon" / "qualifiers.json"
    qualifiers.write_text(qualifiers.read_text(encoding="utf-8")[:-3], encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(corpus), "-o", str(tmp_path / "o"), "--patterns", str(mine),
                                       "-j", "2"])
    assert result.exit_code == 2 and "qualifiers.json" in result.output
