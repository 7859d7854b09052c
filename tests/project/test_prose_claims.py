"""Claims in prose that name a version, a date or a deprecation can drift: each points at a fact table
(whose cells are measured or quoted and dated) or at a block the build runs, or is listed as prose-only,
with the reason, in prose_claims.toml beside this file."""

import functools
import re
import tomllib
from pathlib import Path

from rosetta.paths import REPO

DOCS = REPO / "docs"
FACT_TABLES = {"comparison.md", "ecosystem.md"}
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# A version named after its product ("Keras 3.13", "TF 2.21", "`tf2onnx` 1.17", "release 2.9"; not "rate is 0.1" or an
# address), a month and year, a year after "in/since/...", or a word of deprecation.
NAMED = r"(?:[\w`.+-]*[A-Z][\w`.+-]*|torch|jax|keras|tensorflow|onnx\w*|(?i:python|version|release))[,`]?"
CLAIM = re.compile(rf"(?:{NAMED} v?\d+\.\d+(?:\.\d+)?\b(?!\.\d)|\b(?:{MONTHS}) \d{{4}}|\b(?i:in|since|from|until|before|after) (?:19|20)\d\d\b"
                   r"|(?i:\bdeprecat\w*|\barchived\b|\bend of life\b|\bwill replace\b|\breplaced by\b|\bremoved\b))")
# "checked above", "the versions below" (a block the page runs), "quoted in the table below" (on a fact table's page)
SAME_PAGE_PROOF = re.compile(r"\b(?:checked|shown|printed|run|runs|versions|table) (?:above|below)\b")
EXECUTES = 'exec="1"'


def prose_units(text: str) -> list[str]:
    """The sentences of a page's paragraphs and the rows of its tables, without code, whitespace collapsed."""
    text = re.sub(r"^(?P<indent>[ \t]*)(?P<fence>```|~~~).*?^(?P=indent)(?P=fence)[ \t]*$", "", text, flags=re.MULTILINE | re.DOTALL)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
    units = []
    for block in re.split(r"\n[ \t]*\n", text):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if lines and all(line.startswith("|") for line in lines):
            units += [line for line in lines if not re.fullmatch(r"[|:\- ]+", line)]
        else:
            units += re.split(r"(?<=[.!?])\s+(?=[A-Z\"*`(\[-])", " ".join(lines))
    return [unit for unit in units if unit]


def claims(text: str) -> list[str]:
    return [unit for unit in prose_units(text) if CLAIM.search(re.sub(r"\]\([^)]*\)", "]", unit))]  # not in link targets


@functools.cache
def pages_that_run_blocks() -> frozenset[str]:
    return frozenset(path.name for path in DOCS.glob("*.md") if EXECUTES in path.read_text(encoding="utf-8"))


def points_at_proof(claim: str, page: str) -> bool:
    """Whether a claim links a fact table or a section of a page that runs blocks, or names a block on its page."""
    runs = pages_that_run_blocks()
    for target in re.findall(r"\]\(([^)\s]+)\)", claim):
        if target.startswith(("http://", "https://")):
            continue
        linked, _, anchor = target.partition("#")
        linked = linked or page
        if linked in FACT_TABLES or (anchor and linked in runs):
            return True
    return bool(SAME_PAGE_PROOF.search(claim)) and (page in runs or page in FACT_TABLES)


def listed() -> list[dict]:
    return tomllib.loads((Path(__file__).parent / "prose_claims.toml").read_text(encoding="utf-8"))["prose_only"]


def unproved_claims() -> dict[str, list[str]]:
    found = {}
    for path in sorted(DOCS.glob("*.md")):
        found[path.name] = [claim for claim in claims(path.read_text(encoding="utf-8")) if not points_at_proof(claim, path.name)]
    return found


def test_every_dated_or_versioned_claim_in_prose_points_at_proof_or_is_listed_with_its_reason():
    unproved, entries = unproved_claims(), listed()
    assert all(entry.get("why", "").strip() for entry in entries), "a prose-only claim without its reason"
    unlisted = [f"{page}: {claim}" for page, found in unproved.items() for claim in found
                if not any(entry["page"] == page and entry["says"] in claim for entry in entries)]
    assert not unlisted, "claims that point at no fact table or executed block: link one, or list them\n" + "\n".join(unlisted)
    stale = [f"{entry['page']}: {entry['says']}" for entry in entries
             if not any(entry["says"] in claim for claim in unproved.get(entry["page"], []))]
    assert not stale, "listed as prose-only but no longer found unproved:\n" + "\n".join(stale)


def test_the_detector_finds_versions_dates_and_deprecations_and_sees_their_proof():
    text = ("Keras 3.13 added LiteRT. It is fast.\n\nTorchServe was archived in August 2025 ([x](https://a.org)).\n\n"
            "| old | new |\n| --- | --- |\n| TF Lite | deprecated since 2024 |\n\n```python\nversion = '1.2.3'\n```\n"
            "Released in 2016 ([Comparison](comparison.md)).")
    assert claims(text) == ["Keras 3.13 added LiteRT.", "TorchServe was archived in August 2025 ([x](https://a.org)).",
                            "| TF Lite | deprecated since 2024 |", "Released in 2016 ([Comparison](comparison.md))."]
    assert not points_at_proof("TorchServe was archived in August 2025 ([x](https://a.org)).", "changes.md")
    assert points_at_proof("Released in 2016 ([Comparison](comparison.md)).", "keras.md")
    assert points_at_proof("Deprecated in 2.19 ([run here](deployment.md#tensorflow-litert-formerly-tf-lite)).", "keras.md")
    assert not points_at_proof("Deprecated in 2.19 ([a page](comparison-of-nothing.md)).", "keras.md")
