"""Docs paths and the URLs they are published at (the one home of that rule), safe external URLs, and the
links into the project's repository (editing a record, the issue forms)."""
from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass
from functools import partial
from collections.abc import Mapping
from typing import Callable
from urllib.parse import quote, urlencode


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


def external_href(url: str | None) -> str | None:
    """The link for a source's web address, or None when it is not http(s) (the schema allows no other:
    this keeps a ``javascript:`` or ``data:`` address in a record that skipped validation from becoming a link)."""
    if not url or not re.match(r"https?://[^\s]", url, re.IGNORECASE):
        return None
    return safe_url(url)


GITHUB_REPOSITORY = re.compile(r"https://github\.com/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")


@dataclass(frozen=True)
class Repository:
    """Where the project's files and issues live: the one setting every "Suggest a change", issue-form and
    repository link follows (``extra.repository`` in mkdocs.yml, handed over by the MkDocs hook).

    The edit and issue-form addresses are GitHub's, so the address must be a GitHub repository."""

    url: str
    """https://github.com/<owner>/<name>, without a trailing slash."""
    branch: str = "main"
    """The branch the published site is built from: edit links open its files."""

    @classmethod
    def of(cls, setting: Mapping[str, object] | None) -> Repository | None:
        """The repository from the ``extra.repository`` mapping (``url`` and optional ``branch``); None when unset.

        Raises ValueError, naming the setting, when it is present but not a GitHub repository address."""
        if not setting:
            return None
        if not isinstance(setting, Mapping):
            raise ValueError("extra.repository in mkdocs.yml must be a mapping with url (and branch)")
        url = str(setting.get("url") or "").strip().rstrip("/")
        branch = str(setting.get("branch") or "main").strip()
        if not GITHUB_REPOSITORY.fullmatch(url):
            raise ValueError(f"extra.repository.url in mkdocs.yml must look like https://github.com/owner/name, not {url!r}")
        if not re.fullmatch(r"[A-Za-z0-9_./-]+", branch) or ".." in branch:
            raise ValueError(f"extra.repository.branch in mkdocs.yml is not a branch name: {branch!r}")
        return cls(url, branch)

    def edit(self, path: str) -> str:
        """GitHub's editor for a file: a contributor without write access is offered a fork and a pull request."""
        return f"{self.url}/edit/{self.branch}/{quote(path)}"

    @property
    def issues(self) -> str:
        return f"{self.url}/issues"

    def new_issue(self, template: str | None = None, **fields: str) -> str:
        """A new issue, from one of .github/ISSUE_TEMPLATE/ (``template``, its file name) when given; ``fields``
        fill in the title, labels or a form field by its id."""
        query = {**({"template": template} if template else {}), **fields}
        return f"{self.url}/issues/new" + (f"?{urlencode(query)}" if query else "")


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
    repository: Repository | None = None
    """Where contributors suggest changes and report errors; None leaves those links out (a build without mkdocs.yml)."""

    @classmethod
    def of(cls, site_url: str | None, directory_urls: bool = True, repository: Repository | None = None) -> Publication:
        return cls(site_url.rstrip("/") + "/" if site_url else "", directory_urls, repository)

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
