"""Layer 7, synthetic data: many made-up municipalities to measure scale, never shown as real.

The entry is :func:`partnergraph.synthetic.generate.generate`. The words it invents with are
data files in ``tables/``; one builder module per kind of thing writes the triples.
"""
