"""Search: the questions a reader types, and the page that must come up in the first three."""

import re
import tomllib

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from rosetta.paths import REPO

SEARCH_QUESTIONS = tomllib.loads((REPO / "tests" / "site" / "search.toml").read_text(encoding="utf-8"))["questions"]


class SearchBox:
    """The search dialog of one loaded page, asked one question after another as a reader retypes."""

    def __init__(self, browser, base_url: str):
        self.page = browser.new_page()
        self.page.goto(base_url)
        self.page.wait_for_load_state("networkidle")  # the search index has arrived: keys typed before it may be dropped

    def top_results(self, question: str, count: int = 3) -> list[str]:
        page = self.page
        page.click(".md-search__input")
        page.fill(".md-search__input", "")
        page.wait_for_selector(".md-search-result__item", state="detached")  # the last question's results are gone
        page.keyboard.type(question)
        try:
            page.wait_for_selector(".md-search-result__item", timeout=15_000)
        except PlaywrightTimeout:  # a busy machine's search worker missed the keys: type the question once more
            page.fill(".md-search__input", "")
            page.keyboard.type(question)
            page.wait_for_selector(".md-search-result__item")
        page.wait_for_timeout(300)  # the list is filled as results stream in
        links = [item.get_attribute("href") for item in page.query_selector_all(".md-search-result__item > .md-search-result__link")]
        found = dict.fromkeys(re.sub(r"^.*?//[^/]+/|[?#].*$", "", link) for link in links)  # a page's sections follow it
        return list(found)[:count]

    def close(self) -> None:
        self.page.close()


def test_every_search_question_finds_its_page_in_the_first_three(site_url, browser):
    assert len(SEARCH_QUESTIONS) >= 20, "the search tests cover at least twenty questions"
    search, misses = SearchBox(browser, site_url), {}
    for entry in SEARCH_QUESTIONS:
        found = search.top_results(entry["question"])
        if entry["page"] not in found:
            misses[entry["question"]] = f"expected {entry['page']}, got {found}"
    search.close()
    assert not misses


def test_the_search_gate_fails_when_the_expected_page_is_not_found(site_url, browser):
    search = SearchBox(browser, site_url)
    assert "pitfalls/" not in search.top_results("TPUStrategy")
    search.close()
