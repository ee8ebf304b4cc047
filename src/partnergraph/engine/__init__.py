"""Layer 3, stores and SPARQL: where the triples live and how queries reach them safely.

``spec`` (the ``--store`` text) → ``factory.open_store`` → one of the stores that implement
``stores.Store``: ``memory`` (rdflib), ``oxigraph`` (in memory) and ``ondisk`` (a folder),
``remote`` (a SPARQL server, over ``connection``, reading ``answers``). ``sparql`` checks and
runs queries on any of them; ``sparql_text`` is what can be read from a query without parsing
it. Imports only from the layers below (``core``, ``rdf``, ``io``)."""
