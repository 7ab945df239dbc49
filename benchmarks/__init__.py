"""Performance benchmarks: `python -m benchmarks` (see benchmarks/README.md). Never timed assertions in tests."""
