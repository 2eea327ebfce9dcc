"""`python -m firstline` is the `firstline` command."""

from firstline.cli import main

main()
