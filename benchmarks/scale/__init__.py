"""The scale benchmark (issue 9): ``make bench`` / ``make bench-quick``; see run.py."""
