"""What the site was built with: the CPU, the installed versions of what it shows, the commit."""

import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path

from rosetta.vocabulary import FRAMEWORKS

# Distribution name -> the name a reader knows it by.
SHOWN_PACKAGES = {
    "torch": "PyTorch",
    "tensorflow": "TensorFlow",
    "keras": "Keras",
    "jax": "JAX",
    "flax": "Flax",
    "optax": "optax",
    "jax2onnx": "jax2onnx",
    "onnx": "ONNX",
    "onnxruntime": "ONNX Runtime",
    "onnxscript": "onnxscript",
    "tf2onnx": "tf2onnx",
    "numpy": "NumPy",
    "scikit-learn": "scikit-learn",
    "plotly": "plotly",
}


def package_versions() -> dict[str, str]:
    """Installed version of every shown package, read without importing it."""
    return {name: metadata.version(name) for name in SHOWN_PACKAGES}


def cpu_model() -> str:
    """The CPU's model name as the kernel reports it, or the platform's guess elsewhere."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def summary() -> str:
    """One line for the footer of every page: the CPU, Python, and every framework's packages."""
    versions = package_versions()
    packages = [package for framework in FRAMEWORKS.values() for package in framework.packages]
    frameworks = ", ".join(f"{SHOWN_PACKAGES[name]} {versions[name]}" for name in packages)
    return f"on {cpu_model()} ({os.cpu_count()} cores) with Python {platform.python_version()}, {frameworks}"


def git_revision(repository: Path) -> dict:
    """The commit the site is built from, and whether the working tree differs from it."""
    def git(*args: str) -> str:
        run = subprocess.run(["git", *args], cwd=repository, capture_output=True, text=True)
        return run.stdout.strip() if run.returncode == 0 else ""

    return {"commit": git("rev-parse", "HEAD"), "dirty": bool(git("status", "--porcelain"))}
