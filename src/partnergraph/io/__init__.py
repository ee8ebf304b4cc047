"""Layer 2, files and formats: loading RDF, the format registry, results, atomic output files.

Imports only from ``core`` and ``rdf``."""
