"""The comparison table: facts from scripts/facts/comparison.toml, each sourced or measured here."""

from functools import partial

from rosetta.rendering.facts import print_table

READS = ("scripts/facts/comparison.toml",)  # files besides its code
MEASUREMENTS = ()  # other pages' measurements it reads
main = partial(print_table, "comparison")


if __name__ == "__main__":
    main()
