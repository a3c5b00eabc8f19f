"""Benchmarks: each module here has ``main()`` printing throughput next to a named reference run."""
