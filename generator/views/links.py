"""Links between docs pages and safe external URLs, shared by the page builders."""
from __future__ import annotations

import functools
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
