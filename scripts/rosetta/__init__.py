"""DL Rosetta's build engine: everything the hooks, generators, workers and tools share.

- paths, vocabulary: where the project's files are; the frameworks, runtimes and routes it compares
- processes, threads, atomic: one way to run a child process, to pin threads, to write a file
- execution: running a block as a reader would, and the author cache
- site: what the MkDocs hooks delegate to, with every coupling to a third-party internal in site/adapters.py
- rendering: charts, Markdown tables, fact tables, lines of code
- measurements, environment: numbers handed between pages; what the site was built with
- digits: the shared digits classifier, its float64 reference and its runtimes and routes
- bench: the timing suite of the Benchmarks page
- tools: the logic of the command-line tools in scripts/

Nothing in it runs on import, and no snippet imports it: a snippet is what a reader copies.
"""
