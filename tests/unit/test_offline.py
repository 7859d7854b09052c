"""What keeps the build offline (rosetta.offline): OpenVINO's telemetry declined in the processes that load it."""

import os

from openvino_telemetry.utils.opt_in_checker import ConsentCheckResult, OptInChecker

from rosetta.offline import decline_openvino_telemetry


def test_a_process_that_runs_openvino_declines_its_telemetry(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "elsewhere"))
    monkeypatch.delenv("CI", raising=False)  # OpenVINO declines by itself in CI: the consent file must do it alone
    decline_openvino_telemetry(tmp_path)
    assert os.environ["HOME"] == str(tmp_path / "home")
    # What OpenVINO's model conversion asks before it sends anything (enable_opt_in_dialog=False, as it calls it).
    assert OptInChecker().check(enable_opt_in_dialog=False, disable_in_ci=True) == ConsentCheckResult.DECLINED
