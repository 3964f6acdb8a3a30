"""Docs paths and the URLs they are published at (the one home of that rule), and safe external URLs."""
from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass
from functools import partial
from typing import Callable
from urllib.parse import quote


@functools.lru_cache(maxsize=1 << 16)  # every chip and card link asks again for the same few pairs
def relative(target: str, here: str) -> str:
    """A link from the page at ``here`` to the docs path ``target`` (both docs-relative, posix)."""
    path, _, fragment = target.partition("#")
    if not path:
        link = ""
    elif path[:path.rfind("/") + 1] == here[:here.rfind("/") + 1]:  # same folder (docs paths have single slashes)
        link = path[path.rfind("/") + 1:]
    else:  # up to the docs root and down again: as valid as the shortest path, and no relpath per link
        link = "../" * here.count("/") + path
    return f"{link}#{fragment}" if fragment else link


def safe_url(url: str) -> str:
    """An http(s) URL that cannot break out of a Markdown link."""
    return quote(url, safe=":/?#[]@!$&'*+,;=%~-._")


def page_href(target: str, here: str, directory_urls: bool = True) -> str:
    """A URL for raw HTML from page ``here`` to docs path ``target`` (query and fragment kept).

    MkDocs rewrites only Markdown links, so this mirrors its layout: with ``use_directory_urls``
    ``a/b.md`` is served at ``a/b/`` and ``a/index.md`` at ``a/``; without, at ``a/b.html``.
    """
    path, rest = re.fullmatch(r"([^?#]*)(.*)", target).groups()  # type: ignore[union-attr]
    if not path:
        return rest
    to, at = page_url(path, directory_urls), page_url(here, directory_urls)
    link = posixpath.relpath(to or ".", posixpath.dirname(at) or ".")
    return (link + "/" if to.endswith("/") or not to else link) + rest


def page_url(docs_path: str, directory_urls: bool = True) -> str:
    """The URL a docs path is built at, relative to the site root, as MkDocs writes it: with
    ``use_directory_urls`` ``a/b.md`` -> ``a/b/`` and ``a/index.md`` -> ``a/``; without, ``a/b.html``.
    Anything but a Markdown page is served where it is."""
    if not docs_path.endswith(".md"):
        return docs_path
    stem = docs_path[:-3]
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


@dataclass(frozen=True)
class Publication:
    """Where and how the site is published: what permanent and raw-HTML links need to know."""

    site_url: str = ""
    """Base URL ending in "/", or "" when unknown (permanent links are then site-relative)."""
    directory_urls: bool = True
    """MkDocs ``use_directory_urls``."""

    @classmethod
    def of(cls, site_url: str | None, directory_urls: bool = True) -> Publication:
        return cls(site_url.rstrip("/") + "/" if site_url else "", directory_urls)

    def url(self, target: str) -> str:
        """The published URL of a docs path (``casestudies/bay.md#x`` -> ``{site_url}casestudies/bay/#x``)."""
        return self.site_url + page_url(target.partition("#")[0], self.directory_urls) + "".join(target.partition("#")[1:])

    def href(self, target: str, here: str) -> str:
        return page_href(target, here, self.directory_urls)

    def linker(self, here: str) -> Callable[[str], str]:
        """``href`` for many links from one page: the site root is worked out once, then each link is a join.

        Links go up to the root and down again (``../../themes/x/``), not the shortest path, which is as valid."""
        at = page_url(here, self.directory_urls)
        root = posixpath.relpath(".", posixpath.dirname(at) or ".")
        return _linker("" if root == "." else root + "/", self.directory_urls)


@functools.lru_cache(maxsize=256)  # one function per page depth, so callers can cache what it returns
def _linker(root: str, directory_urls: bool) -> Callable[[str], str]:
    url = functools.lru_cache(maxsize=1 << 14)(partial(page_url, directory_urls=directory_urls))

    def link(target: str) -> str:
        if "?" not in target and "#" not in target:  # the common case: a page and nothing after it
            return (root + url(target)) or "./" if target else ""
        cut = min((i for i in (target.find("?"), target.find("#")) if i >= 0), default=len(target))
        path, rest = target[:cut], target[cut:]
        return ((root + url(path)) or "./" if path else "") + rest
    return link
