"""The common case of reading a record, quickly: build its data straight from parser events.

A record with no anchor, alias, tag, merge key, duplicate key, escaped control character, odd number
or over-deep nesting is read here in one tight pass, with no positions recorded. Anything else raises
``Unusual`` and the strict reader in ``yaml_source`` reads the file again from the start: it alone
decides what is refused and words every message, so taking this path never changes an error. What
this path accepts, the strict reader accepts with the same data.
"""
from __future__ import annotations

import math
from typing import Any, Callable

import yaml
from yaml.events import MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent, SequenceStartEvent
from .scalars import IMPLICIT as _IMPLICIT, TYPED

# Letters start only the boolean and null words (yes, Off, NULL...), none over five characters long, so
# longer plain text starting with a letter is text without trying the patterns (tests check this rule).
_LETTERS = frozenset(first for first in _IMPLICIT if first.isalpha())


class Unusual(Exception):
    """The file needs the strict reader (it may well be valid)."""


def load(parser: Any, text: str, max_depth: int) -> Any:
    """The data of the single document ``parser`` reads from ``text``; raises Unusual or a YAMLError."""
    # The strict reader refuses control characters in values. The parser refuses them raw, all but
    # U+0085, and without a backslash no double-quoted escape can write one: so only these need it.
    if "\\" in text or "\x85" in text:
        raise Unusual
    get = parser.get_event
    get()  # StreamStart
    if type(get()) is not yaml.DocumentStartEvent:  # an empty file
        raise Unusual
    event = get()
    data = _plain(event) if type(event) is ScalarEvent else _container(event, get, 0, max_depth)
    get()  # DocumentEnd
    if type(get()) is not yaml.StreamEndEvent:  # a second document
        raise Unusual
    return data


def _container(event: Any, get: Callable[[], Any], depth: int, max_depth: int) -> Any:
    """A mapping or list, from its start event to its end event; scalars are read inline (the hot path)."""
    kind = type(event)
    if depth > max_depth or event.anchor is not None or event.tag is not None:
        raise Unusual
    deeper = depth + 1
    if kind is MappingStartEvent:
        mapping: dict[str, Any] = {}
        while True:
            key = get()
            if type(key) is not ScalarEvent:
                if type(key) is MappingEndEvent:
                    return mapping
                raise Unusual
            name = key.value
            if key.anchor is not None or key.tag is not None or name in mapping or name == "<<":
                raise Unusual
            event = get()
            if type(event) is ScalarEvent:
                if deeper > max_depth:
                    raise Unusual
                mapping[name] = _plain(event)
            else:
                mapping[name] = _container(event, get, deeper, max_depth)
    if kind is SequenceStartEvent:
        items: list[Any] = []
        while True:
            event = get()
            if type(event) is ScalarEvent:
                if deeper > max_depth:
                    raise Unusual
                items.append(_plain(event))
            elif type(event) is SequenceEndEvent:
                return items
            else:
                items.append(_container(event, get, deeper, max_depth))
    raise Unusual  # an alias


def _plain(event: ScalarEvent) -> Any:
    """A scalar's value: text, or the number, boolean or null a plain scalar spells."""
    if event.anchor is not None or event.tag is not None:
        raise Unusual
    value = event.value
    # quoted or block text, or plain text no resolver pattern can match, is text: most values
    if event.implicit[0] and value[:1] in _IMPLICIT and (len(value) <= 5 or value[:1] not in _LETTERS):
        return _resolve(value)
    return value


def _resolve(value: str) -> Any:
    """A plain scalar's value: the number, boolean or null it spells, or the text itself."""
    for tag, pattern in _IMPLICIT.get(value[:1], ()):
        if pattern.match(value):
            if tag not in TYPED:  # dates and the resolver's other tags stay text
                return value
            try:
                typed = TYPED[tag](yaml.ScalarNode(tag, value))
            except (ValueError, KeyError, IndexError):
                raise Unusual from None
            if isinstance(typed, float) and not math.isfinite(typed):
                raise Unusual
            return typed
    return value
