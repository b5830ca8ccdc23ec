"""Run summarylens from a checkout without installing it: `python cli.py --help`."""

from summarylens.cli import main

main()
