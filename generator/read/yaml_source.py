"""Read one YAML file into JSON-like data, keeping the line and column of every node.

Stricter than PyYAML's safe loader: duplicate keys, anchors, aliases, merge keys and
custom tags are refused (they lose or hide a contributor's text), dates stay strings,
and size and nesting are capped so a hostile file cannot exhaust memory or the stack.
An ordinary file is read by ``yaml_fast`` without recording positions; this module's strict reader
reads anything else, and finds a record's positions again only when a problem needs one.
"""
from __future__ import annotations

import functools
import math
import re
from pathlib import Path
from typing import Any

import yaml

from ..problems import JsonPath, Problem
from .scalars import TYPED
from .yaml_fast import Unusual, load

try:  # libyaml's parser when present: several times faster on large corpora
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.reader import Reader
    from yaml.scanner import Scanner
    from yaml.parser import Parser

    class _Parser(Reader, Scanner, Parser):  # type: ignore[no-redef]
        def __init__(self, text: str) -> None:
            Reader.__init__(self, text)
            Scanner.__init__(self)
            Parser.__init__(self)

MAX_BYTES = 1_000_000
MAX_DEPTH = 40


class Document:
    """A parsed file: its data, and where each value and key starts in the text.

    The positions are found only when a problem needs one: most records have none, and recording
    a line and column for every node would cost more than reading the data.
    """

    def __init__(self, data: Any, text: str = "", positions: dict[JsonPath, tuple[int, int]] | None = None,
                 key_positions: dict[JsonPath, tuple[int, int]] | None = None) -> None:
        self.data, self.text = data, text
        self._positions, self._key_positions = positions, key_positions

    @property
    def positions(self) -> dict[JsonPath, tuple[int, int]]:
        if self._positions is None:
            self._find_positions()
        return self._positions  # type: ignore[return-value]

    @property
    def key_positions(self) -> dict[JsonPath, tuple[int, int]]:
        if self._key_positions is None:
            self._find_positions()
        return self._key_positions  # type: ignore[return-value]

    def _find_positions(self) -> None:
        located, _ = _parse_strictly(self.text, "")
        self._positions = located.positions if located else {}
        self._key_positions = located.key_positions if located else {}

    def locate(self, path: JsonPath, key: bool = False) -> tuple[int, int]:
        """Line and column of the value (or key) at ``path``, else of its nearest parent."""
        table = self.key_positions if key else self.positions
        if path in table:
            return table[path]
        while path:
            path = path[:-1]
            if path in self.positions:
                return self.positions[path]
        return self.positions.get((), (1, 1))


class _Refused(Exception):
    def __init__(self, mark: yaml.Mark | None, message: str, hint: str = "") -> None:
        self.mark, self.message, self.hint = mark, message, hint


class _EventLoader(_Parser, yaml.resolver.Resolver):  # type: ignore[misc, valid-type]
    """A parser plus resolver: we compose nodes ourselves from its events."""

    def __init__(self, text: str) -> None:
        _Parser.__init__(self, text)
        yaml.resolver.Resolver.__init__(self)


_CONSTRUCTORS = TYPED
_STRING_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"}
# The reader refuses these as raw bytes; a quoted escape ("\0", "\x1b") must not slip them in either.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
CONTROL_CHARACTER = _CONTROL
"""Characters a record may not hold; the issue form checks its answers against the same rule."""


def _pos(mark: yaml.Mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


class _Composer:
    """Builds plain Python values straight from parser events, recording positions."""

    def __init__(self, loader: _EventLoader, doc: Document) -> None:
        self.loader, self.doc = loader, doc

    def value(self, path: JsonPath, depth: int) -> Any:
        event = self.loader.get_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(event.start_mark, f"alias '*{event.anchor}' is not allowed",
                           "write the value out in full; anchors and aliases are refused")
        if getattr(event, "anchor", None):
            raise _Refused(event.start_mark, f"anchor '&{event.anchor}' is not allowed",
                           "write the value out in full; anchors and aliases are refused")
        if depth > MAX_DEPTH:
            raise _Refused(event.start_mark, f"nesting is deeper than the limit of {MAX_DEPTH} levels",
                           "a case study needs only a few levels of nesting")
        self.doc.positions[path] = _pos(event.start_mark)
        if isinstance(event, yaml.ScalarEvent):
            return self.scalar(event)
        self.check_tag(event, {"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"})
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            while not self.loader.check_event(yaml.SequenceEndEvent):
                items.append(self.value(path + (len(items),), depth + 1))
            self.loader.get_event()
            return items
        return self.mapping(path, depth)

    def mapping(self, path: JsonPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        while not self.loader.check_event(yaml.MappingEndEvent):
            key_event = self.loader.peek_event()
            if not isinstance(key_event, yaml.ScalarEvent):
                raise _Refused(key_event.start_mark, "a key must be plain text, not a list or mapping",
                               "write the key as a plain name followed by ':', e.g. 'title:'")
            self.loader.get_event()
            self.check_text(key_event)
            key = key_event.value
            if key == "<<" and key_event.implicit[0]:
                raise _Refused(key_event.start_mark, "merge keys ('<<') are not allowed",
                               "write the fields out in full")
            if key in result:
                first = self.doc.key_positions[path + (key,)]
                raise _Refused(key_event.start_mark, f"duplicate key '{key}'",
                               f"it is already set on line {first[0]}; YAML would silently keep only the last one")
            self.doc.key_positions[path + (key,)] = _pos(key_event.start_mark)
            result[key] = self.value(path + (key,), depth + 1)
        self.loader.get_event()
        return result

    def scalar(self, event: yaml.ScalarEvent) -> Any:
        self.check_tag(event, _STRING_TAGS | set(_CONSTRUCTORS))
        self.check_text(event)
        if event.tag and event.tag != "!":
            tag = event.tag
        else:
            tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag in _CONSTRUCTORS:
            return self.construct(event, tag)
        return event.value

    @staticmethod
    def construct(event: yaml.ScalarEvent, tag: str) -> Any:
        """A number, boolean or null; refuses values a tag cannot read, and NaN or infinity."""
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            value = _CONSTRUCTORS[tag](node)
        except (ValueError, KeyError, IndexError):
            raise _Refused(event.start_mark, f"YAML tag '{tag}' does not fit the value '{event.value}'",
                           "remove the tag") from None
        if isinstance(value, float) and not math.isfinite(value):
            raise _Refused(event.start_mark, f"'{event.value}' is not a number a record can hold",
                           "write an ordinary decimal number, e.g. 54.07")
        return value

    @staticmethod
    def check_text(event: yaml.ScalarEvent) -> None:
        found = _CONTROL.search(event.value)
        if found:
            raise _Refused(event.start_mark, f"control character U+{ord(found.group()):04X} is not allowed in YAML",
                           "remove the control character")

    @staticmethod
    def check_tag(event: Any, allowed: set[str]) -> None:
        tag = getattr(event, "tag", None)
        if tag and tag != "!" and tag not in allowed:
            raise _Refused(event.start_mark, f"YAML tag '{tag}' is not allowed", "remove the tag")


def parse(text: str, display_path: str) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text; return the document, or the problem that stopped it."""
    loader = _EventLoader(text)
    try:
        return Document(load(loader, text, MAX_DEPTH), text), []
    except (Unusual, yaml.YAMLError):
        pass  # the strict reader reads it again and says exactly what is wrong, if anything is
    finally:
        loader.dispose()
    return _parse_strictly(text, display_path)


def _parse_strictly(text: str, display_path: str) -> tuple[Document | None, list[Problem]]:
    """Every rule checked node by node, every position recorded; the source of every message."""
    doc = Document(None, text, {}, {})
    loader = _EventLoader(text)
    try:
        loader.get_event()  # StreamStart
        if loader.check_event(yaml.StreamEndEvent):
            return None, [Problem(display_path, 1, 1, "", "the file is empty",
                                  "start from a copy of an existing case study")]
        loader.get_event()  # DocumentStart
        doc.data = _Composer(loader, doc).value((), 0)
        loader.get_event()  # DocumentEnd
        if not loader.check_event(yaml.StreamEndEvent):
            event = loader.peek_event()
            raise _Refused(event.start_mark, "the file holds more than one YAML document",
                           "remove the '---' separator; one file holds one case study")
    except _Refused as refused:
        line, col = _pos(refused.mark) if refused.mark else (0, 0)
        return None, [Problem(display_path, line, col, "", refused.message, refused.hint)]
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(error, text, display_path)]
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        col = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        return None, [Problem(
            display_path, line, col, "",
            f"control character U+{ord(error.character) if isinstance(error.character, str) else error.character:04X} "
            "is not allowed in YAML",
            "remove the control character")]
    except yaml.YAMLError as error:
        return None, [Problem(display_path, 0, 0, "", f"not valid YAML: {error}")]
    finally:
        loader.dispose()
    return doc, []


_AT_CONTEXT = ("while scanning a simple key", "while scanning a quoted scalar",
               "while parsing a flow sequence", "while parsing a flow mapping")
_SYNTAX_HINTS = {
    "while scanning a quoted scalar": "close the quote that starts here",
    "while parsing a flow sequence": "close the '[' that starts here with ']'",
    "while parsing a flow mapping": "close the '{' that starts here with '}'",
    "mapping values are not allowed in this context": "put text containing ': ' in quotes, or check the indentation",
}


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, display_path: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    if error.context in _AT_CONTEXT and error.context_mark:
        mark = error.context_mark  # the key without ':', or the quote or bracket never closed
    line, col = _pos(mark) if mark else (0, 0)
    what = " ".join(str(part) for part in (error.context, error.problem) if part)
    hint = (_SYNTAX_HINTS.get(str(error.context)) or _SYNTAX_HINTS.get(str(error.problem))
            or "check the indentation and the ':' after each key")
    lines = text.splitlines()
    if mark and mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
        hint = "indent with spaces, not tabs"
    return Problem(display_path, line, col, "", f"YAML syntax error: {what}", hint)


def read(path: Path, display_path: str) -> tuple[Document | None, list[Problem]]:
    """Read and parse a file, refusing oversized and non-UTF-8 files before parsing."""
    text, problems = read_text(path, display_path)
    return (None, problems) if text is None else parse_once(text, display_path)


def read_text(path: Path, display_path: str) -> tuple[str | None, list[Problem]]:
    """A file's text, or the problem that stops it being read: too large, unreadable or not UTF-8."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [Problem(display_path, 0, 0, "",
                                  f"the file is {size / 1_000_000:.1f} MB; the limit is {MAX_BYTES // 1_000_000} MB",
                                  "a case study should be a few kilobytes; split or shorten it")]
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(display_path, 0, 0, "", f"cannot read the file: {error.strerror}")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [Problem(display_path, line, col, "",
                              f"byte 0x{raw[error.start]:02x} is not valid UTF-8",
                              "save the file as UTF-8")]


# A build reads each record once, but `mkdocs serve` reads them all again on every rebuild: unchanged text
# is parsed once per process.
# Callers treat a Document as read-only.
@functools.lru_cache(maxsize=8192)
def parse_once(text: str, display_path: str) -> tuple[Document | None, list[Problem]]:
    return parse(text, display_path)
