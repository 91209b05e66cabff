"""Benchmarks: ingest speed (``make bench``) and analysis accuracy; never run as tests' goals."""
