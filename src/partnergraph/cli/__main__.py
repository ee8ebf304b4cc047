"""``python -m partnergraph.cli`` runs the command line."""

from partnergraph.cli.quick_help import main

main(as_module=True)
