"""The ecosystem table: facts from scripts/facts/ecosystem.toml, each sourced or measured here."""

from functools import partial

from rosetta.rendering.facts import print_table

READS = ("scripts/facts/ecosystem.toml",)  # files besides its code
MEASUREMENTS = ()  # other pages' measurements it reads
main = partial(print_table, "ecosystem")


if __name__ == "__main__":
    main()
