"""What generators print: charts, Markdown tables, tables of facts, and counts of code lines."""
