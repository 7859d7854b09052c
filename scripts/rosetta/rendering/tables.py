"""Markdown tables, as every generator prints them."""


def markdown_table(headers: list[str], rows, align: str = "") -> str:
    """A Markdown table; `align` has one letter per column, l (the default) or r (right, for numbers)."""
    align = align.ljust(len(headers), "l")
    lines = ["| " + " | ".join(headers) + " |",
             "| " + " | ".join("---:" if side == "r" else "---" for side in align) + " |"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def folded(title: str, markdown: str) -> str:
    """`markdown` in a collapsed block (pymdownx.details) titled `title`: opened by a click, found by search."""
    indented = "\n".join(f"    {line}" if line else "" for line in markdown.splitlines())
    return f'??? abstract "{title}"\n\n{indented}\n'
