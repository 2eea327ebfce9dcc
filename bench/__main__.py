"""`python -m bench`."""

from bench.cli import bench

bench()
