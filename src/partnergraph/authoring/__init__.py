"""Layer 7, authoring: workbooks to fill in and their import as RDF, and new editions."""
