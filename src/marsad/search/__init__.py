"""Arabic-aware full-text search: search keys of words, an index kept in the store, BM25."""
