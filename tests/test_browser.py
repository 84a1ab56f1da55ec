"""The report in a real browser: headless Chromium driven by selenium.

Skips cleanly where selenium, chromium or chromedriver is missing (`.ci/run` installs the
Debian packages). Set CLAIMX_UPDATE_SCREENSHOT=1 to rewrite docs/report.png.
"""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

from claimx.review.outdir import load_run  # noqa: E402
from claimx.review.report import write_report  # noqa: E402
from claimx.review.verdicts import Verdict, import_verdicts, load_latest  # noqa: E402
from test_review_outdir import FLOOD, HOSTILE, flood_records, sample_outdir  # noqa: E402

CHROMIUM = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="chromium and chromedriver are not installed")
SCREENSHOT = Path(__file__).resolve().parent.parent / "docs" / "report.png"


@pytest.fixture(scope="module")
def downloads(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(tmp_path_factory, downloads):
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000",
                f"--user-data-dir={tmp_path_factory.mktemp('chrome-profile')}"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def outdir(tmp_path_factory) -> Path:
    return sample_outdir(tmp_path_factory.mktemp("run") / "out")


@pytest.fixture
def page(browser, outdir):
    """The report freshly loaded, with an empty browser log and no verdicts kept from before."""
    browser.get(write_report(outdir).as_uri())
    browser.execute_script("localStorage.clear()")
    browser.refresh()
    browser.get_log("browser")
    return browser


def severe(driver) -> list:
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def rows(driver) -> list[list[str]]:
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#claims-table tbody tr'), "
        "tr => Array.from(tr.cells, td => td.textContent))")


def test_the_page_loads_without_console_errors(browser, outdir):
    browser.get(write_report(outdir).as_uri())
    assert browser.title.startswith("claimx review")
    assert browser.execute_script("return typeof window.claimxReview") == "object"
    assert severe(browser) == []


def test_every_claim_has_its_highlighted_element(page, outdir):
    ids = {r.id for r in load_run(outdir).records}
    found = set(page.execute_script(
        "return Array.from(document.querySelectorAll('[data-claim-id]'), e => e.dataset.claimId)"))
    assert ids <= found


def test_a_document_holding_script_runs_nothing(page):
    assert page.execute_script("return window.__pwned === undefined")
    article = page.find_element(By.CSS_SELECTOR, "article[data-doc='1']")
    assert "<script>window.__pwned = 1;</script>" in article.text
    assert '<img src=x onerror="window.__pwned=2">' in article.text
    assert article.find_elements(By.CSS_SELECTOR, "img, b, script") == []
    assert severe(page) == []


def test_filters_narrow_the_table(page):
    page.find_element(By.CSS_SELECTOR, "[data-tab=claims]").click()
    everything = rows(page)
    assert len(everything) == 25
    page.find_element(By.ID, "f-text").send_keys("patel")
    narrowed = rows(page)
    assert 0 < len(narrowed) < len(everything) and all("Patel" in "".join(row) for row in narrowed)
    page.find_element(By.ID, "f-clear").click()
    Select(page.find_element(By.ID, "f-kind")).select_by_value("date")
    dates = rows(page)
    assert len(dates) == 7 and {row[1] for row in dates} == {"date"}
    page.find_element(By.ID, "f-doc").send_keys("hostile")
    assert [row[0] for row in rows(page)] == [HOSTILE]
    assert page.find_element(By.ID, "claim-count").text == "1 of 25 claims"


def test_speaker_filter_and_sorting(page):
    page.find_element(By.CSS_SELECTOR, "[data-tab=claims]").click()
    page.find_element(By.ID, "f-speaker").send_keys("Maya")
    assert {row[5] for row in rows(page)} == {"Maya Patel"} and len(rows(page)) == 4
    page.find_element(By.ID, "f-clear").click()
    Select(page.find_element(By.ID, "f-kind")).select_by_value("money")
    value_header = page.find_element(By.CSS_SELECTOR, "th[data-sort=v]")
    value_header.click()
    assert [row[3] for row in rows(page)][:2] == ["1,900,000 GBP", "3,000,000 GBP"]
    value_header.click()
    assert rows(page)[0][3] == "12,500,000 GBP"


def test_a_chart_bar_filters_the_table(page):
    page.find_element(By.CSS_SELECTOR, "[data-tab=charts]").click()
    page.find_element(By.CSS_SELECTOR, "button[data-filter=kind][data-value=quote]").click()
    assert {row[1] for row in rows(page)} == {"quote"}


def test_verdicts_are_kept_in_the_browser_and_import_into_the_run(page, outdir, downloads):
    first = flood_records()[0]
    page.find_element(By.CSS_SELECTOR, f"mark[data-claim-id='{first.id}']").click()
    assert page.find_element(By.ID, "detail").is_displayed()
    assert "£12.5m" in page.find_element(By.ID, "detail-fields").text
    page.find_element(By.CSS_SELECTOR, "#detail button[data-verdict=reject]").click()
    percentage = next(r for r in flood_records() if r.kind == "percentage")
    page.find_element(By.CSS_SELECTOR, f"mark[data-claim-id='{percentage.id}']").click()
    page.find_element(By.ID, "correct-open").click()
    field = page.find_element(By.ID, "correct-input")
    field.clear()
    field.send_keys("abc\n")
    assert "Not a valid number" in page.find_element(By.ID, "correct-error").text
    field.clear()
    field.send_keys("35\n")
    assert page.find_element(By.ID, "verdict-count").text == "2 verdicts in this browser"
    page.refresh()
    mark = page.find_element(By.CSS_SELECTOR, f"mark[data-claim-id='{first.id}']")
    assert mark.get_attribute("data-verdict") == "reject"

    page.find_element(By.ID, "download-verdicts").click()
    download = downloads / "reviews-browser.jsonl"
    WebDriverWait(page, 10).until(lambda _: download.is_file() and download.stat().st_size > 0)
    lines = [Verdict.model_validate_json(line) for line in download.read_text().splitlines()]
    assert {(v.id, v.verdict, v.value) for v in lines} == {(first.id, "reject", None),
                                                          (percentage.id, "correct", 35)}
    assert import_verdicts(outdir, download) == 2
    assert load_latest(outdir)[percentage.id].value == 35
    assert severe(page) == []


def test_show_in_document_pages_to_the_claim(browser, tmp_path):
    from test_review_outdir import FLOOD_TEXT, write_outdir
    texts = {f"filler-{i:02d}.txt": "Nothing here.\n" for i in range(12)}
    texts[FLOOD] = FLOOD_TEXT
    out = write_outdir(tmp_path / "out", texts, flood_records())
    browser.get(write_report(out).as_uri())
    assert not browser.find_element(By.ID, "doc-12").is_displayed()
    browser.execute_script("claimxReview.showInDocument(arguments[0])", flood_records()[4].id)
    assert browser.find_element(By.ID, "doc-12").is_displayed()
    assert "Page 2 of 2" in browser.find_element(By.ID, "doc-page-label").text
    assert severe(browser) == []


def test_screenshot_of_the_report(page, tmp_path):
    quote = next(r for r in flood_records() if r.kind == "quote")
    page.find_element(By.CSS_SELECTOR, f"mark[data-claim-id='{quote.id}']").click()
    time.sleep(0.2)
    shot = tmp_path / "report.png"
    page.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("CLAIMX_UPDATE_SCREENSHOT"):
        SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(shot, SCREENSHOT)


def test_five_thousand_documents_stay_usable(browser, tmp_path):
    from claimx.records import record_id
    from test_review_outdir import FLOOD_TEXT, write_outdir
    base = flood_records()
    texts, records = {}, []
    for n in range(5000):
        doc_id = f"release-{n:04d}.txt"
        texts[doc_id] = FLOOD_TEXT
        records += [r.model_copy(update={"doc_id": doc_id, "id": record_id(doc_id, r.kind, r.start, r.end)})
                    for r in base[:6]]
    report = write_report(write_outdir(tmp_path / "out", texts, records))
    started = time.monotonic()
    browser.get(report.as_uri())
    assert time.monotonic() - started < 30
    assert "Page 1 of 500 (5000 documents)" in browser.find_element(By.ID, "doc-page-label").text
    shown = browser.execute_script("return document.querySelectorAll('article.doc:not([hidden])').length")
    assert shown == 10
    browser.find_element(By.CSS_SELECTOR, "[data-tab=claims]").click()
    assert len(rows(browser)) == 100
    started = time.monotonic()
    browser.find_element(By.ID, "f-doc").send_keys("release-4999")
    assert len(rows(browser)) == 6 and time.monotonic() - started < 10
    assert severe(browser) == []
