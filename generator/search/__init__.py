"""Stage 6, search: the search records, Pagefind run beside the build, and the offline bundle."""
