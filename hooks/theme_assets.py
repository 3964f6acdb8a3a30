"""Leave out the theme files no reader loads: Material's Lunr search and its source maps.

Material copies its whole asset folder into every site. Search here is Pagefind (``hooks/search.py``),
so Lunr, its language files and its web worker are never requested, and the source maps of Material's
script and style sheets are read only by browser developer tools. Together they are 2.2 MB, about 44%
of the seed site and of the offline bundle a reader downloads.
"""
from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

UNUSED_PREFIXES = ("assets/javascripts/lunr/", "assets/javascripts/workers/")
UNUSED_SUFFIXES = (".map",)  # source maps of its script and style sheets


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for file in list(files):
        if file.inclusion.is_included() and file.abs_src_path and _is_unused_theme_file(file.src_uri, file.abs_src_path, config):
            files.remove(file)
    return files


def _is_unused_theme_file(uri: str, source: str, config: MkDocsConfig) -> bool:
    from_theme = not source.startswith(config.docs_dir)  # a docs file of the same name is someone's own, kept
    return from_theme and (uri.startswith(UNUSED_PREFIXES) or uri.endswith(UNUSED_SUFFIXES))
