"""The top-level help as typer prints it (the console script's path before quick_help)."""

import sys

from partnergraph.cli.app import main

sys.argv[0] = "partnergraph"
main()
