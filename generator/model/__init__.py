"""Stage 3, model: frozen dataclasses built once from checked records, every cross-link resolved."""
