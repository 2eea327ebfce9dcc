"""Firstline's benchmark suite: drives a real server over HTTP from a separate process.

Run `firstline bench --help` (or `python -m firstline.bench --help`). Results go to
bench/results/ under the current directory (the repository's, when run from its root) as JSON
and Markdown: they are data, not code, and stay out of the package. BENCHMARKS.md holds the
latest ones and how they were produced.
"""
