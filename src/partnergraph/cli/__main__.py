"""``python -m partnergraph.cli`` runs the command line."""

from partnergraph.cli.app import main

main()
