"""Layer 4, questions asked of a store: the named library, labels, names, describe, stats,
validation, status as of a day and the difference between two editions."""
