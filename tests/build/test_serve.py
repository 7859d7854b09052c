"""make serve shows pages at once: a block not in the cache shows a placeholder, a background build runs it,
and the served page fills in; stopping the server stops that build."""

import re
import time

import psutil

from rosetta.execution import filler
from rosetta.site.blocks import PLACEHOLDER
from rosetta.tools import serve_probe


def test_pages_are_served_before_their_blocks_ran_and_fill_in(project, tmp_path):
    project.add_snippet("quick_pytorch.py", "import time\ntime.sleep(2)\nprint('the answer is', 6 * 7)\n")
    project.add_snippet("slow_pytorch.py", "import time\ntime.sleep(300)\nprint('never shown')\n")
    project.add_page("snippets/demo/quick_pytorch.py", "snippets/demo/slow_pytorch.py")
    cache, port, log = tmp_path / "cache", serve_probe.free_port(), tmp_path / "serve.log"
    server = serve_probe.start(project.root, cache, port, log)
    try:
        url = f"http://127.0.0.1:{port}/"
        serve_probe.wait_for(url, lambda text: PLACEHOLDER.split(":")[0] in text, timeout=120, server=server)
        serve_probe.wait_for(url, lambda text: "the answer is 42" in text, timeout=180, server=server)
        page = serve_probe.page(url)
        background = [process for process in psutil.process_iter(["cmdline"]) if "--site-dir" in (process.info["cmdline"] or [])
                      and any("rosetta-fill-" in part for part in process.info["cmdline"])]
        assert background, "the background build still runs the slow block"
        sleeper = [process for process in psutil.process_iter(["cmdline"]) if "slow_pytorch.py" in (process.info["cmdline"] or [])]
    finally:
        serve_probe.stop(server)
    assert PLACEHOLDER in page, "the slow block still shows its placeholder"
    served = log.read_text()
    assert "blocks not run yet: a background build runs them now" in served
    assert re.search(r"quick_pytorch\.py  \(cached\)", served), "the rebuild took the block's output from the cache"
    assert "progress [1/2]" in (cache / filler.LOG).read_text()
    assert not [process for process in [*background, *sleeper] if alive(process)], "the background build outlived the server"


def alive(process: psutil.Process) -> bool:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            if process.status() == psutil.STATUS_ZOMBIE:
                return False
        except psutil.NoSuchProcess:
            return False
        time.sleep(0.2)
    return True
