"""The ecosystem table: facts from scripts/facts/ecosystem.toml, each sourced or measured here."""

from fact_tables import main

main("ecosystem")
