"""``python -m benchmarks``: measure P1-P4, print a table and write JSON (see benchmarks/README.md)."""

from benchmarks.run import main

raise SystemExit(main())
