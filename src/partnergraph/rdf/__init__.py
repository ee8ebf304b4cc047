"""Layer 1, words and terms: namespaces, IRIs, dates as the memo writes them, kinds of things.

Pure functions over RDF terms and text; no I/O."""
