"""Layer 3, stores and SPARQL: the memory, Oxigraph and remote stores and query preparation.

Imports only from the layers below (``core``, ``rdf``, ``io``)."""
