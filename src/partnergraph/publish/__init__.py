"""Layer 7, publishing: pushing the graph to a SPARQL server and pulling it back."""
