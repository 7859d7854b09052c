"""The logic of the command-line tools in scripts/ (links_report, diff_builds, bench_lighthouse, bench_cache),
and the local server the browser tests and Lighthouse read the built site from."""
