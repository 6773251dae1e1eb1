"""Demo content as plain Python data: words, relations and symbolic keys, no database access."""
