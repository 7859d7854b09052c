"""Provenance: every page says when, with what and on what it was built, and which files it ran."""

import re
from datetime import datetime

from bs4 import BeautifulSoup

from rosetta.paths import REPO
from rosetta.rendering.facts import dates_checked
from support import pages, parse

# The repository comes from ROSETTA_REPO_URL (set by the workflows) or mkdocs.yml; the commit is the one built.
SOURCE_LINK = re.compile(r"https://github\.com/[\w.-]+/[\w.-]+/blob/[0-9a-f]{40}/(snippets|scripts|docs)/\S+\.py")


def provenance_problems(page_html: str) -> list[str]:
    soup = BeautifulSoup(page_html, "html.parser")
    footer = soup.select_one(".md-copyright")
    problems = []
    if not footer or not re.search(r"built \d{4}-\d\d-\d\d on .+ \(\d+ cores\) with Python 3\.11", footer.get_text(" ")):
        problems.append("no build date, CPU and versions in the footer")
    executed = soup.select(".rosetta-exec, .jp-CodeCell")
    links = [a["href"] for a in soup.select(".rosetta-provenance a[href]")]
    if executed and not links:
        problems.append("runs files but links none of them")
    problems += [f"bad source link {href}" for href in links if not SOURCE_LINK.fullmatch(href)]
    return problems


def test_every_page_links_the_exact_files_it_ran(site):
    problems = {page.relative_to(site).as_posix(): provenance_problems(page.read_text(encoding="utf-8")) for page in pages(site)}
    assert not {page: found for page, found in problems.items() if found}
    deployment = parse(site / "deployment" / "index.html")
    linked = {a.get_text() for a in deployment.select(".rosetta-provenance a")}
    shown = {block["data-source"] for block in deployment.select(".rosetta-exec")}
    assert linked == shown and all((REPO / path).is_file() for path in linked)


def test_every_page_says_when_it_was_last_verified(site):
    build_date = parse(site / "index.html").select_one(".md-copyright").get_text(" ")
    built = datetime.strptime(re.search(r"built (\d{4}-\d\d-\d\d)", build_date)[1], "%Y-%m-%d").date()
    for page in pages(site):
        soup = parse(page)
        stamp = soup.select_one(".rosetta-verified")
        assert stamp, f"{page}: no last-verified stamp"
        text = " ".join(stamp.get_text(" ").split())
        checked = dates_checked(str(soup.select_one("article")))
        if checked:  # the newest and oldest of the dates its quotes were read, which are never after the build
            assert text.startswith(f"Last verified {max(checked):%-d %B %Y}: ") and f"{len(checked)} quoted, the oldest read {min(checked):%-d %B %Y}" in text, page
            assert max(checked) <= built
        else:
            assert text == f"Last verified {built:%-d %B %Y}: everything on this page was run or measured by this build; it quotes no source.", page
    comparison = " ".join(parse(site / "comparison" / "index.html").select_one(".rosetta-verified").get_text(" ").split())
    assert re.search(r"\((\d+) quoted", comparison) and int(re.search(r"\((\d+) quoted", comparison)[1]) > 20


def test_the_provenance_gate_fails_on_a_page_without_it(site):
    page = (site / "jobs" / "index.html").read_text(encoding="utf-8")
    stripped = re.sub(r'<details class="rosetta-provenance">.*?</details>', "", page, flags=re.DOTALL)
    stripped = re.sub(r'<div class="md-copyright">.*?</div>', "", stripped, flags=re.DOTALL)
    assert provenance_problems(stripped) == [
        "no build date, CPU and versions in the footer", "runs files but links none of them"]
