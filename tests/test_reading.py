import os
from pathlib import Path

import pytest

from claimx.reading import ReadError, Source, decode_text, first_line, iter_sources, read_document


@pytest.mark.parametrize("data, text, encoding", [
    ("Cost £5".encode("utf-8"), "Cost £5", "utf-8"),
    (b"\xef\xbb\xbfCost \xc2\xa35", "Cost £5", "utf-8-sig"),
    ("Cost £5".encode("utf-16"), "Cost £5", "utf-16"),
    (b"Cost \xa35 \x93quoted\x94", "Cost £5 “quoted”", "windows-1252"),
])
def test_decode_text_chooses_the_encoding(data, text, encoding):
    got, enc, _ = decode_text(data)
    assert (got, enc) == (text, encoding)


def test_invalid_utf8_is_decoded_by_fallback_and_flagged():
    _, enc, warnings = decode_text(b"caf\xe9 50%")
    assert enc == "windows-1252" and "invalid UTF-8" in warnings[0]


def test_binary_file_is_refused_with_a_hint():
    with pytest.raises(ReadError) as err:
        decode_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert err.value.stage == "decode" and "remove it" in err.value.hint


def test_text_offsets_index_the_undecorated_file(tmp_path):
    raw = "Title\r\n\r\nIt rose by 5%.\r\n"
    (tmp_path / "a.txt").write_bytes(raw.encode("utf-8"))
    doc = read_document(Source(tmp_path / "a.txt", "a.txt"))
    assert doc.text == raw and doc.title == "Title" and doc.format == "text"


def test_iter_sources_walks_folders_sorted_with_relative_ids(tmp_path):
    (tmp_path / "b").mkdir()
    for name in ("b/z.txt", "a.txt", "b/a.html", "skip.json"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [s.doc_id for s in iter_sources([tmp_path])] == ["a.txt", "b/a.html", "b/z.txt"]


def test_symlink_loop_ends_the_walk(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("x", encoding="utf-8")
    os.symlink(tmp_path / "d", tmp_path / "d" / "loop")
    assert [s.doc_id for s in iter_sources([tmp_path])] == ["d/a.txt"]


def test_file_over_the_limit_is_refused_with_the_flag_to_raise_it(tmp_path):
    (tmp_path / "big.txt").write_text("x" * 100, encoding="utf-8")
    with pytest.raises(ReadError) as err:
        read_document(Source(tmp_path / "big.txt", "big.txt"), max_bytes=10)
    assert "--max-bytes" in err.value.hint


def test_html_main_content_keeps_paragraphs(tmp_path):
    html = ("<html><head><title>Rates rise</title></head><body><nav>Home</nav><article>"
            "<p>The council said funding rose by 5% to £2bn in 2023 across the whole region.</p>"
            "<blockquote><p>“This is welcome news for every family,” said Jane Doe.</p></blockquote>"
            "<p>A second paragraph gives 12 schools more support over the coming years.</p>"
            "</article></body></html>")
    (tmp_path / "p.html").write_text(html, encoding="utf-8")
    doc = read_document(Source(tmp_path / "p.html", "p.html"))
    assert "\n\n“This is welcome news" in doc.text and "Home" not in doc.text
    assert doc.format == "html"


def test_empty_file_is_an_error(tmp_path):
    (tmp_path / "e.txt").write_text("  \n", encoding="utf-8")
    with pytest.raises(ReadError, match="no text"):
        read_document(Source(tmp_path / "e.txt", "e.txt"))


def test_first_line_skips_blank_lines():
    assert first_line("\n\n  Title here \nbody") == "Title here"
