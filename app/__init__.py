"""Cotejo: compare what different news outlets claim about the same event."""
