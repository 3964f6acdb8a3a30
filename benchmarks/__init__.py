"""Performance benchmark for issue 8: ``python -m benchmarks --sizes 100,1000,3000`` (see README.md)."""
