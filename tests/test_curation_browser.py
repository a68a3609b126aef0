"""The curation workflow in a real browser (Debian chromium + chromedriver, headless) against
`alliancegraph serve` (gunicorn, 2 web processes): sign in, accept with the keyboard, reject
with a reason, correct, add a claim from a selected span; the statuses show on the pages, in
SPARQL and in the log; a rebuild from scratch keeps every decision. Screenshots go to
tests/artifacts/ (gitignored)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from conftest import command_serving
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from loaders.paths import TRIPLES_DIR
from loaders.rdf.catalog import load_catalog
from loaders.store import versions as st
from loaders.store.build import build
from loaders.store.decisions import log_path, read_log
from ontology import terms
from server.pages.accounts import add_user

ARTIFACTS = Path(__file__).parent / "artifacts"
PASSWORD = "correct horse battery"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


@pytest.fixture()
def browser() -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--window-size=1280,1100", "--disable-gpu"):
        options.add_argument(arg)
    if shutil.which("chromium"):
        options.binary_location = str(shutil.which("chromium"))
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(5)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(30)
    yield driver
    driver.quit()


def shot(driver: webdriver.Chrome, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / f"curation-{name}.png"))


def sparql_status(url: str, cid: str) -> list[str]:
    q = f"SELECT ?r WHERE {{ <{terms.CLAIM}{cid}> <{terms.reviewStatus.value}> ?r }}"
    answer = requests.get(url + "/sparql", params={"query": q},
                          headers={"Accept": "application/sparql-results+json"}, timeout=10).json()
    return [b["r"]["value"].rsplit("#", 1)[1] for b in answer["results"]["bindings"]]


def store_status(location: Path, cid: str) -> list[str]:
    store, _ = st.open_read_only(location)
    q = f"SELECT ?r WHERE {{ <{terms.CLAIM}{cid}> <{terms.reviewStatus.value}> ?r }}"
    return [r["r"].value.rsplit("#", 1)[1]  # type: ignore[index]
            for r in store.query(q, use_default_graph_as_union=True)]  # type: ignore[union-attr]


def wait_for(driver: webdriver.Chrome, path: str) -> None:
    WebDriverWait(driver, 10).until(lambda d: path in d.current_url)


@pytest.mark.slow
def test_curation_in_a_real_browser(tmp_path: Path, browser: webdriver.Chrome) -> None:
    triples = Path(shutil.copytree(TRIPLES_DIR, tmp_path / "triples",
                                   ignore=shutil.ignore_patterns("curation")))
    location, log = tmp_path / "store", log_path(triples)
    build(str(location), triples_dir=triples, extract=False, validate=False, progress=False)
    add_user(location, "ann", "curator", PASSWORD)
    env = {"ALLIANCEGRAPH_CURATION_LOG": str(log)}
    with command_serving(location, tmp_path / "serve.log", env=env) as url:
        b = browser
        b.get(url + "/curate")
        wait_for(b, "/login")
        b.find_element(By.ID, "name").send_keys("ann")
        b.find_element(By.ID, "password").send_keys(PASSWORD)
        shot(b, "1-login")
        b.find_element(By.ID, "signin").click()
        wait_for(b, "/curate")
        cards = b.find_elements(By.CSS_SELECTOR, "article.claim")
        assert len(cards) >= 3 and "Signed in as ann" in b.page_source
        assert b.find_elements(By.CSS_SELECTOR, "article.claim mark")  # the quote, highlighted
        shot(b, "2-queue")
        accepted = cards[0].get_attribute("data-cid") or ""
        ActionChains(b).send_keys("a").perform()  # the keyboard shortcut, on the focused card
        WebDriverWait(b, 10).until(lambda d: "is now Accepted" in d.page_source)
        card = b.find_elements(By.CSS_SELECTOR, "article.claim")[0]
        rejected = card.get_attribute("data-cid") or ""
        assert rejected != accepted
        ActionChains(b).send_keys("r").perform()  # focuses the reason field
        b.switch_to.active_element.send_keys("the speaker is misidentified" + Keys.ENTER)
        WebDriverWait(b, 10).until(lambda d: "is now Rejected" in d.page_source)
        shot(b, "3-after-reject")

        corrected = b.find_elements(By.CSS_SELECTOR, "article.claim")[0].get_attribute("data-cid")
        b.get(f"{url}/curate/claim/{corrected}")
        form = b.find_element(By.CSS_SELECTOR, "form.correct")
        obj = form.find_element(By.NAME, "o")
        old_object = obj.get_attribute("value") or ""
        new_object = terms.ID + ("australia" if not old_object.endswith("/australia") else "japan")
        obj.clear()
        obj.send_keys(new_object)
        form.find_element(By.NAME, "reason").send_keys("wrong object")
        form.find_element(By.CSS_SELECTOR, "button").click()
        WebDriverWait(b, 10).until(lambda d: "Corrected: claim" in d.page_source)
        revision = b.current_url.rsplit("/", 1)[1]
        assert revision != corrected and "Accepted" in b.find_element(By.CSS_SELECTOR, ".status").text
        shot(b, "4-corrected")

        article = next(a for a in load_catalog() if a.id == "003_1fb8b205eaf0cc35")
        start = article.text.index("Australia")
        b.get(f"{url}/curate/source/{article.id}")
        b.execute_script("""
            var pre = document.getElementById('text'), node = pre.firstChild;
            var r = document.createRange(); r.setStart(node, arguments[0]); r.setEnd(node, arguments[1]);
            var sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(r);
            pre.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));""",
                         start, start + len("Australia"))
        assert b.find_element(By.ID, "start").get_attribute("value") == str(start)
        assert b.find_element(By.ID, "selected").text == "“Australia”"
        b.find_element(By.ID, "s").send_keys("australia")
        b.find_element(By.ID, "p").send_keys("ag:partnerOf")
        b.find_element(By.ID, "o").send_keys("nato")
        shot(b, "5-add-from-span")
        b.find_element(By.ID, "add-submit").click()
        WebDriverWait(b, 10).until(lambda d: "Added claim" in d.page_source)
        added = b.current_url.rsplit("/", 1)[1]
        shot(b, "6-added")

        b.get(f"{url}/curate/claim/{rejected}")
        assert b.find_element(By.CSS_SELECTOR, ".status").text == "Rejected"
        assert "the speaker is misidentified" in b.find_element(By.CSS_SELECTOR, ".history").text
        shot(b, "7-rejected-claim-history")
        expected = {accepted: "Accepted", rejected: "Rejected", corrected: "Rejected",
                    revision: "Accepted", added: "Accepted"}
        assert {c: sparql_status(url, c) for c in expected} == {c: [s] for c, s in expected.items()}
    logged = read_log(log)
    assert [d.kind for d in logged] == ["accept", "reject", "correct", "add"]
    assert logged[1].reason == "the speaker is misidentified" and logged[0].curator == "ann"

    shutil.rmtree(location)  # rebuild from scratch: only triples/ and its log remain
    build(str(location), triples_dir=triples, extract=False, validate=False, progress=False)
    assert {c: store_status(location, c) for c in expected} == {c: [s] for c, s in expected.items()}
