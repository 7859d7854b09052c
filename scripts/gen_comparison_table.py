"""The comparison table: facts from scripts/facts/comparison.toml, each sourced or measured here."""

from fact_tables import main

main("comparison")
