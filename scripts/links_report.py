"""Check every internal link and anchor of a built site, and list its external links in one report.

    python scripts/links_report.py SITE_DIR [--output REPORT.md]

Internal links (relative, or absolute on the site's own path) must reach a file of the build,
and a #fragment must name an id on the target page. External links are not fetched (the build
machine is offline): they are listed, each with the pages that use it. Exit status 1 when an
internal link or anchor is broken, 2 on bad input; the report is written whole or not at all.
"""

import argparse
import sys
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


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site (make build writes site/)")
    parser.add_argument("--output", type=Path, help="write the report here instead of printing it")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"links_report.py: {args.site} is not a built site (no index.html)", file=sys.stderr)
        return 2
    broken, external = check(args.site)
    text = report(broken, external)
    if args.output:
        partial = args.output.with_name(args.output.name + ".partial")
        partial.write_text(text, encoding="utf-8")
        partial.replace(args.output)
    else:
        print(text, end="")
    for problem in broken:
        print(f"links_report.py: {problem}", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
