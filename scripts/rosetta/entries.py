"""Checks that the project's data files (TOML tables of facts, guide answers, translation rows) share."""


def checked_keys(entry: dict, required: set, optional: set, where: str, error: type[Exception]) -> None:
    """Raise `error` in one line when `entry` lacks a required key or has one that is neither required nor optional."""
    missing, unknown = required - set(entry), set(entry) - required - optional
    if missing or unknown:
        problem = f"lacks {sorted(missing)[0]!r}" if missing else f"has an unknown key {sorted(unknown)[0]!r}"
        raise error(f"{where} {problem} (keys: {', '.join(sorted(required | optional))})")
