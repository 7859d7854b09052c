"""The site tools' logic on made-up pages: the build diff's masks, and the command lines' bad input."""

import subprocess
import sys

import pytest

from rosetta.paths import REPO
from rosetta.tools.diff import masked_text


def test_masking_hides_timings_and_dates_only():
    text = masked_text("<p>built 2026-11-25: 12.5 ms ± 0.3 ms, 1,234 samples/s, 79% of 166 ⚠, loss 0.0042</p>")
    assert text == "built <date>: <time>, <time>, <share> of 166, loss 0.0042"
    logged = masked_text("<pre>I0000 00:00:1795920954.562913   10762 port.cc:153] oneDNN\n"
                         "/tmp/ipykernel_11131/309641550.py:2: UserWarning: export</pre>")
    assert logged == "<log> port.cc:153] oneDNN\n/tmp/ipykernel_<pid>/309641550.py:2: UserWarning: export"
    ranked = masked_text("<p>From the fastest (PyTorch, 5.1 ms) to the slowest (Keras (TensorFlow backend), 40.2 ms), it takes</p>")
    assert ranked == "From the fastest (<measured>) to the slowest (<measured>), it takes"


@pytest.mark.parametrize("tool, arguments, message", [
    ("diff_builds.py", ["nowhere-a", "nowhere-b"], "diff_builds.py: give two built sites (folders with an index.html): "),
    ("links_report.py", ["nowhere"], "links_report.py: nowhere is not a built site (no index.html)"),
    ("bench_lighthouse.py", ["nowhere"], "bench_lighthouse.py: nowhere is not a built site (run make build)"),
])
def test_a_tool_given_no_built_site_says_so_in_one_line(tool, arguments, message, tmp_path):
    run = subprocess.run([sys.executable, str(REPO / "scripts" / tool), *arguments], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 2 and run.stderr.startswith(message) and len(run.stderr.splitlines()) == 1


def test_a_missing_browser_is_named_with_the_way_to_get_one(monkeypatch, tmp_path):
    from rosetta.tools.chromium import ChromiumMissing, executable

    monkeypatch.setenv("CHROMIUM", str(tmp_path / "no-browser"))
    with pytest.raises(ChromiumMissing) as raised:
        executable()
    message = str(raised.value)
    assert message.startswith(f"no browser at {tmp_path / 'no-browser'}: install Debian's chromium (apt-get install chromium)")
    assert message.endswith("or set CHROMIUM to a Chromium or Chrome binary") and "\n" not in message
    monkeypatch.setenv("CHROMIUM", sys.executable)  # any file is taken as the browser it names
    assert str(executable()) == sys.executable
