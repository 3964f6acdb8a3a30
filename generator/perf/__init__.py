"""Measured speed tricks, each beside the plain version it must equal (see benchmarks/README.md)."""
