"""Print, as a Markdown table, the CPU and package versions this page was built with."""

import platform

from rosetta.environment import SHOWN_PACKAGES, cpu_model, package_versions
from rosetta.rendering.tables import markdown_table

READS = ()  # files besides its code: none; it reads the installed packages
MEASUREMENTS = ()  # other pages' measurements it reads


def main() -> None:
    rows = [["CPU", cpu_model()], ["Python", platform.python_version()]]
    rows += [[f"{SHOWN_PACKAGES[name]} (`{name}`)", version] for name, version in package_versions().items()]
    print(markdown_table(["What", "Version"], rows))


if __name__ == "__main__":
    main()
