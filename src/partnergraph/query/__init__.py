"""Layer 4, questions asked of a store: the named library, labels, names, describe, stats,
validation, status as of a day, what needs action and the difference between two editions;
:class:`~partnergraph.query.knowledge.Knowledge` holds a store with these questions."""
