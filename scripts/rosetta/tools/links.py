"""Check every internal link and anchor of a built site, and list its external links in one report.

Internal links (relative, or absolute on the site's own path) must reach a file of the build,
and a #fragment must name an id on the target page. External links are not fetched (the build
machine is offline): they are listed, each with the pages that use it.
"""

from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

from bs4 import BeautifulSoup

EXTERNAL_SCHEMES = {"http", "https", "mailto"}


def built_pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*.html") if path.name != "404.html")


def target_file(site: Path, page: Path, href: str) -> Path:
    path = unquote(urlparse(href).path)
    resolved = (site / path.lstrip("/")) if path.startswith("/") else (page.parent / path if path else page)
    return resolved / "index.html" if resolved.is_dir() or path.endswith("/") else resolved


def check(site: Path) -> tuple[list[str], dict[str, set[str]]]:
    """(broken internal links, {external URL: pages that link to it})."""
    soups = {page: BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser") for page in built_pages(site)}
    ids = {page.resolve(): {tag["id"] for tag in soup.select("[id]")} for page, soup in soups.items()}
    broken, external = [], defaultdict(set)
    for page, soup in soups.items():
        name = page.relative_to(site).as_posix()
        for link in soup.select("a[href]"):
            href = link["href"]
            if urlparse(href).scheme in EXTERNAL_SCHEMES:
                external[href].add(name)
                continue
            if urlparse(href).scheme:  # data:, javascript: and the like reach no page
                continue
            target = target_file(site, page, href).resolve()
            fragment = urldefrag(href).fragment
            if not target.is_file():
                broken.append(f"{name}: link {href!r} reaches no file of the build")
            elif fragment and target.suffix == ".html" and unquote(fragment) not in ids.get(target, set()):
                broken.append(f"{name}: link {href!r}: no id {fragment!r} on {target.relative_to(site.resolve()).as_posix()}")
    return broken, external


def report(broken: list[str], external: dict[str, set[str]]) -> str:
    lines = ["# Links of the built site", "", f"Broken internal links: {len(broken)}", ""]
    lines += [f"- {problem}" for problem in broken]
    lines += ["", f"External links (not fetched): {len(external)}", "", "| Link | Used on |", "| --- | --- |"]
    lines += [f"| <{url}> | {', '.join(sorted(pages))} |" for url, pages in sorted(external.items())]
    return "\n".join(lines) + "\n"
