"""Layer 0, the foundation: errors, the message catalogue, bundled resources, the version.

Nothing here knows RDF, files or stores; every other layer may import from it."""
