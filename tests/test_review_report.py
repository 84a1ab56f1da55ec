"""The HTML report as a file: self-contained, escaped, and complete (checked without a browser)."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from claimx.cli.review import review_cmd
from claimx.review.outdir import load_run
from claimx.review.report import render, show_value, tooltip, write_report
from claimx.review.verdicts import Verdict, append_verdicts
from test_review_outdir import flood_records, sample_outdir, write_outdir


class Page(HTMLParser):
    """The elements of a page, as (tag, attributes) pairs, and its scripts' text."""

    def __init__(self, html: str):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._in_script: dict | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def claim_ids(self) -> set[str]:
        return {a["data-claim-id"] for _, a in self.elements if "data-claim-id" in a}


@pytest.fixture
def out(tmp_path):
    return sample_outdir(tmp_path / "out")


@pytest.fixture
def page(out) -> Page:
    return Page(write_report(out).read_text(encoding="utf-8"))


def test_every_claim_has_a_highlighted_element(out, page):
    assert page.claim_ids() == {r.id for r in load_run(out).records}
    marks = [a for tag, a in page.elements if tag == "mark"]
    assert all(a["class"].startswith("claim k-") for a in marks)


def test_markup_in_a_document_is_text_not_elements(out, page):
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned = " in html
    assert "&lt;img src=x onerror=" in html
    assert not [a for tag, a in page.elements if tag in ("img", "b")]
    assert [attrs.get("type") for attrs, _ in page.scripts].count(None) == 1
    assert "__pwned" not in "".join(text for attrs, text in page.scripts if "nonce" in attrs)


def test_only_the_pages_own_script_may_run(page):
    policy = next(a["content"] for tag, a in page.elements
                  if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    nonce = next(a["nonce"] for a, _ in page.scripts if "nonce" in a)
    assert f"script-src 'nonce-{nonce}'" in policy and "default-src 'none'" in policy
    assert "connect-src 'none'" in policy


def test_nothing_is_fetched_from_anywhere(out, page):
    html = (out / "report.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", html)
    assert "@import" not in html and "url(" not in html


def test_the_embedded_data_is_json_that_cannot_close_its_script(page):
    data_text = next(text for attrs, text in page.scripts if attrs.get("id") == "claimx-data")
    assert "</" not in data_text
    data = json.loads(data_text)
    assert any("<script>" in c["s"] for c in data["claims"])
    assert len(data["claims"]) == len(page.claim_ids())


def test_titles_show_value_qualifier_speaker_and_rule():
    records = flood_records()
    percentage = next(r for r in records if r.kind == "percentage")
    assert tooltip(percentage) == "percentage: 30\nqualifier: at least\nrule: test.percentage"
    quote = next(r for r in records if r.kind == "quote")
    assert "speaker: Maya Patel" in tooltip(quote) and tooltip(quote).startswith("quote\n")
    money = records[0]
    assert "money: 12,500,000\ncurrency: GBP" in tooltip(money)


@pytest.mark.parametrize("value, shown", [(12.5e6, "12,500,000"), (2.5, "2.5"), ("2012-06", "2012-06"), (None, "")])
def test_show_value(value, shown):
    assert show_value(value) == shown


def test_saved_verdicts_travel_with_the_page(out):
    record = flood_records()[0]
    append_verdicts(out, [Verdict(id=record.id, verdict="reject")])
    data_text = next(t for a, t in Page(write_report(out).read_text()).scripts if a.get("id") == "claimx-data")
    assert json.loads(data_text)["saved"][record.id]["verdict"] == "reject"


def test_documents_are_paged(tmp_path):
    out = write_outdir(tmp_path / "out", {f"d{i}.txt": f"Doc {i}\n" for i in range(25)}, [])
    page = Page(write_report(out).read_text())
    articles = [a for tag, a in page.elements if tag == "article"]
    assert len(articles) == 25 and sum("hidden" not in a for a in articles) == 10


def test_charts_count_kinds_and_documents(out):
    html = render(load_run(out), {})
    assert 'data-filter="kind" data-value="date"' in html
    assert 'data-filter="doc" data-value="riverside-council-2025-flood-fund.txt"' in html


def test_review_command_writes_the_report(out, tmp_path):
    result = CliRunner().invoke(review_cmd, [str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "report.html").is_file() and "wrote" in result.output
    target = tmp_path / "elsewhere.html"
    assert CliRunner().invoke(review_cmd, [str(out), "-o", str(target)]).exit_code == 0
    assert target.stat().st_size > 10_000


def test_review_command_explains_a_folder_without_claims(tmp_path):
    result = CliRunner().invoke(review_cmd, [str(tmp_path)])
    assert result.exit_code == 1 and "Error:" in result.output and "claimx extract" in result.output

