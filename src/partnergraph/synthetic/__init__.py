"""Layer 7, synthetic data: many made-up municipalities to measure scale, never shown as real."""
