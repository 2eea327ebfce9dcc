"""Firstline's benchmark suite: drives a real server over HTTP from a separate process.

Run `firstline bench --help` (or `python -m bench --help`). Results go to bench/results/ as JSON
and Markdown; BENCHMARKS.md holds the latest ones and how they were produced.
"""
