"""A minimal stock-Wagtail project: the baseline `make bench` measures this project against.

One page type with the same blocks as plain Wagtail blocks, served by Wagtail's stock API v2
router. Nothing from this project's apps is installed. Run its commands with
`python -m django <command> --settings bench.stock.settings` from the repository root.
"""
