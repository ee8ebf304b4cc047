"""Layer 6, what people read: the network page, figures, the static site, pages, agenda, report."""
