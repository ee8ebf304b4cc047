"""Layer 5, networks: the graph of who works with whom, its projections, measures and exports."""
