"""Benchmarks: do the lessons stay instant as the event table grows?

Run ``python -m benchmarks --help`` from the repository root; benchmarks/README.md
explains each measurement (P1 notebooks, P2 explorer, P3 loading, P4 import),
its target and how to read the results.
"""
