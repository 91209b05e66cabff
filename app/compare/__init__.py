"""Cross-source comparison: which claims speak about the same thing, and do they agree."""
