"""Print, as a Markdown table, the CPU and package versions this page was built with."""

import platform

from build_environment import SHOWN_PACKAGES, cpu_model, package_versions

print("| What | Version |")
print("| --- | --- |")
print(f"| CPU | {cpu_model()} |")
print(f"| Python | {platform.python_version()} |")
for name, version in package_versions().items():
    print(f"| {SHOWN_PACKAGES[name]} (`{name}`) | {version} |")
