"""A real headless Chromium (Debian's chromium + chromedriver, driven by Selenium) walks the
pages as a librarian and an ontologist would, over real HTTP (gunicorn) on the real corpus.
Screenshots go to tests/artifacts/ (gitignored) for a person to look at."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

pytest_plugins = ["pagestore"]  # the shared corpus store and server
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    if not (shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER)):
        pytest.fail("chromium and chromedriver are missing: run `make browser`")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--window-size=1280,1000",
                f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(60)
    ARTIFACTS.mkdir(exist_ok=True)
    yield driver
    driver.quit()


def _wait(driver: WebDriver, css: str, timeout: float = 20) -> None:
    WebDriverWait(driver, timeout).until(ec.presence_of_element_located((By.CSS_SELECTOR, css)))


def _shot(driver: WebDriver, name: str) -> None:
    driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))


def test_home_to_entity_to_highlighted_source(site: str, browser: WebDriver) -> None:
    browser.get(site + "/")
    assert browser.find_element(By.CSS_SELECTOR, "svg.bars rect").is_displayed()
    _shot(browser, "01-home")
    browser.find_element(By.CSS_SELECTOR, 'a[href="/id/nato"]').click()
    _wait(browser, "h1")
    assert browser.find_element(By.TAG_NAME, "h1").text == "North Atlantic Treaty Organization"
    stances = browser.find_element(By.CSS_SELECTOR, ".stances")
    browser.execute_script("arguments[0].scrollIntoView();", stances)
    _shot(browser, "01b-entity-nato-stances")
    browser.get(site + "/id/japan")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Japan"
    _shot(browser, "02-entity-japan")
    link = browser.find_element(By.CSS_SELECTOR, '.claim a[href*="/source/"][href*="?hl="]')
    evidence = link.get_attribute("href").rsplit("#ev-", 1)[1]  # type: ignore[union-attr]
    link.click()
    _wait(browser, "mark.chosen")
    chosen = browser.find_element(By.CSS_SELECTOR, "mark.chosen")
    assert evidence in (chosen.get_attribute("data-evidence") or "").split()
    assert chosen.is_displayed() and chosen.text.strip()
    in_view = browser.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight;",
        chosen)
    assert in_view, "the highlighted span is not scrolled into view"
    colour = chosen.value_of_css_property("background-color")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    _shot(browser, "03-source-highlighted")


def test_query_page_runs_an_example_in_the_editor(site: str, browser: WebDriver) -> None:
    browser.get(site + "/query")
    _wait(browser, ".CodeMirror")  # the bundled editor replaced the textarea
    browser.find_element(By.PARTIAL_LINK_TEXT, "the quote and the source").click()
    _wait(browser, "#results tbody tr")
    rows = browser.find_elements(By.CSS_SELECTOR, "#results tbody tr")
    assert rows and "/source/" in (rows[0].find_element(By.CSS_SELECTOR, "a[href^='/source/']")
                                   .get_attribute("href") or "")
    _shot(browser, "04-query-example")
    browser.execute_script("window.agEditor.setValue(arguments[0]);",
                           "PREFIX ag: <https://w3id.org/alliancegraph/ontology#>\n"
                           "SELECT DISTINCT ?c WHERE { ?c a ag:Alliance } ORDER BY ?c")
    previous = browser.find_element(By.CSS_SELECTOR, "#results tbody tr")
    browser.find_element(By.ID, "run").click()
    # The example's rows are still there until the new answer replaces them: wait for that,
    # or the cells read below may go stale while being read.
    WebDriverWait(browser, 20).until(ec.staleness_of(previous))
    _wait(browser, "#results tbody tr")
    cells = [td.text for td in browser.find_elements(By.CSS_SELECTOR, "#results tbody td")]
    assert "AUKUS" in cells  # labels, not IRIs
    assert "query=" in (browser.find_element(By.ID, "share").get_attribute("href") or "")
    _shot(browser, "05-query-edited")


@pytest.mark.parametrize("words,expected", [("Senkaku", "/id/senkaku-islands"),
                                            ("Stoltenberg", "/id/jens-stoltenberg")])
def test_search_box_finds(site: str, browser: WebDriver, words: str, expected: str) -> None:
    browser.get(site + "/")
    box = browser.find_element(By.CSS_SELECTOR, "header input[type=search]")
    box.send_keys(words, Keys.ENTER)
    _wait(browser, "ol.hits li a")
    first = browser.find_element(By.CSS_SELECTOR, "ol.hits li a")
    assert (first.get_attribute("href") or "").endswith(expected)
    _shot(browser, f"06-search-{words.lower()}")


def test_graph_view_renders_nodes(site: str, browser: WebDriver) -> None:
    browser.get(site + "/id/japan")
    browser.find_element(By.LINK_TEXT, "graph view").click()
    WebDriverWait(browser, 30).until(
        lambda d: int(d.find_element(By.ID, "cy").get_attribute("data-nodes") or 0) > 3)
    assert browser.find_elements(By.CSS_SELECTOR, "#cy canvas")
    names = browser.execute_script("return window.agGraph.nodes().map(n => n.data('label'));")
    assert "Japan" in names and "North Atlantic Treaty Organization" in names
    _shot(browser, "07-graph-japan")


def test_search_box_suggests_and_opens_a_page(site: str, browser: WebDriver) -> None:
    browser.get(site + "/source/001_610a90f6e4cef161")
    box = browser.find_element(By.CSS_SELECTOR, "header input[type=search]")
    box.send_keys("Liancou")
    WebDriverWait(browser, 20).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#ag-suggestions option"))
    option = browser.find_element(By.CSS_SELECTOR, "#ag-suggestions option")
    label = option.get_attribute("value") or ""
    assert label.startswith("Liancourt")
    browser.execute_script(  # what choosing the suggestion does to the box
        "arguments[0].value = arguments[1];"
        "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", box, label)
    WebDriverWait(browser, 20).until(lambda d: "/id/liancourt-rocks" in d.current_url)
