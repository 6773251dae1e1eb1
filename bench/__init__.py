"""Benchmarks (`make bench`, `make load`): scripts and the stock-Wagtail baseline project."""
