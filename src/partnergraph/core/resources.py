"""Where the bundled ontology, data and query library live.

In an installed wheel they sit inside the package (``partnergraph/_bundled``); in a source
checkout (editable install, tests) the top-level ``ontology/``, ``data/`` and ``queries/`` folders
are the source of truth and are used directly, so there is never a second copy to keep in sync.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def bundled(relative: str) -> Path:
    """Path of a bundled resource such as ``"ontology"`` or ``"queries/themes.rq"``."""
    installed = _PACKAGE_DIR / "_bundled" / relative
    if installed.exists():
        return installed
    return _PACKAGE_DIR.parent.parent / relative


def ontology_dir() -> Path:
    return bundled("ontology")


def data_dir() -> Path:
    return bundled("data")


def queries_dir() -> Path:
    return bundled("queries")


ONTOLOGY_FILES = ("partnergraph.ttl", "vocabularies.ttl", "sdg.ttl")
"""Files of ``ontology/`` that are part of every graph (the shapes are kept apart)."""

SHAPES_FILE = "shapes.ttl"
TERM_LABELS_FILE = "term-labels.ttl"
"""Danish and English names of standard terms: vocabulary for people, kept out of the graph."""
CONTEXT_FILE = "context.jsonld"
