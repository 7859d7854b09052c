"""Links: every internal link and anchor resolves; external links are reported, not fetched."""

import subprocess
import sys

from rosetta.paths import REPO
from rosetta.tools.links import check

LINKS_REPORT = REPO / "scripts" / "links_report.py"


def test_every_internal_link_and_anchor_resolves_and_external_links_are_reported(site, tmp_path):
    broken, external = check(site)
    assert broken == []
    assert len(external) > 20 and all(url.startswith(("http://", "https://", "mailto:")) for url in external)
    tool = subprocess.run([sys.executable, str(LINKS_REPORT), str(site), "--output", str(tmp_path / "links.md")], capture_output=True, text=True)
    assert tool.returncode == 0, tool.stderr
    report = (tmp_path / "links.md").read_text(encoding="utf-8")
    assert "Broken internal links: 0" in report and f"External links (not fetched): {len(external)}" in report


def test_the_link_gate_fails_on_dead_links(broken_site):
    broken, _ = check(broken_site)
    assert broken == ["dead-links/index.html: link '../no-such-page/' reaches no file of the build",
                      "dead-links/index.html: link '../jobs/#no-such-section': no id 'no-such-section' on jobs/index.html"]
    tool = subprocess.run([sys.executable, str(LINKS_REPORT), str(broken_site)], capture_output=True, text=True)
    assert tool.returncode == 1 and "links_report.py: dead-links/index.html: link '../no-such-page/' reaches no file" in tool.stderr
