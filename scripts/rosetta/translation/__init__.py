"""The translation table (docs/translate.md): what each framework calls a building block, proved equal.

table.py reads scripts/facts/translation.toml; cases.py makes each row's inputs and weights;
scripts/translation_checks/in_<process>.py computes the rows in one framework process
(scripts/workers/translation_runtime.py), registered through registry.py; installed.py checks the
names against the installed packages and reads the defaults matrix.
"""
