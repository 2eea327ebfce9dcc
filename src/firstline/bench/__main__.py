"""`python -m firstline.bench`."""

from firstline.bench.cli import bench

bench()
