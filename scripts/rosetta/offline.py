"""What keeps the build's processes from reaching the network: it reads no data from it and sends nothing."""

import os
from pathlib import Path


def decline_openvino_telemetry(folder: Path) -> None:
    """OpenVINO sends usage data unless a consent file in the home folder says no (what its
    `opt_in_out --opt_out` writes). The build reads and sends nothing over the network: a process that
    runs OpenVINO gets a home of its own, in `folder`, holding that answer. Call before OpenVINO loads."""
    home = folder / "home"
    (home / "intel").mkdir(parents=True, exist_ok=True)
    (home / "intel" / "openvino_telemetry").write_text("0", encoding="utf-8")
    os.environ["HOME"] = str(home)
