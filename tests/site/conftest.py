"""The site tier: the session's strict, fresh build of the repository's site (tests/conftest.py), served and browsed."""

import base64
import os
import shutil

import pytest

from rosetta.tools.chromium import launched
from rosetta.tools.server import serve
from support import is_foreign, why_it_failed


@pytest.fixture(scope="session")
def site(site_build):
    site_dir, build, _ = site_build
    assert build.returncode == 0, f"strict build failed:\n{why_it_failed(build)}"
    return site_dir


@pytest.fixture(scope="session")
def site_url(site):
    """The built site served on 127.0.0.1 at a free port."""
    yield from serve(site)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium (CHROMIUM overrides the path), driven by Playwright; never a downloaded one."""
    with launched() as browser:
        yield browser


@pytest.fixture
def page(browser, site_url):
    """A fresh browser context; after the test, no request may have gone to another host."""
    context = browser.new_context(base_url=site_url)
    requested = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    page.requested = requested
    yield page
    context.close()
    assert not [url for url in requested if is_foreign(url)], "requests to another host than 127.0.0.1"


@pytest.fixture(scope="module")
def broken_site(site, tmp_path_factory):
    """A copy of the site with one page broken in each way a gate must catch."""
    broken = tmp_path_factory.mktemp("broken") / "site"
    shutil.copytree(site, broken)
    jobs = (site / "jobs" / "index.html").read_text(encoding="utf-8")
    spoil = {
        "inaccessible": '<img src="digits.png"><p style="color:#c8c8c8;background:#ffffff">faint text</p>',
        "heavy": f"<script>/* {base64.b64encode(os.urandom(400_000)).decode()} */</script>",  # incompressible
        "dead-links": '<a href="../no-such-page/">gone</a> <a href="../jobs/#no-such-section">missing anchor</a>',
    }
    for name, markup in spoil.items():
        (broken / name).mkdir()
        (broken / name / "index.html").write_text(jobs.replace("<article", markup + "<article", 1), encoding="utf-8")
    return broken


@pytest.fixture(scope="module")
def broken_url(broken_site):
    yield from serve(broken_site)
