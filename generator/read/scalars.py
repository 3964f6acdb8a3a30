"""How a plain YAML scalar resolves: the one table both readers (fast and strict) use, so they agree."""
from __future__ import annotations

from typing import Any, Callable

import yaml

IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers
"""The resolver's own table: the first character of a plain scalar picks the patterns to try."""
_SAFE = yaml.constructor.SafeConstructor()
TYPED: dict[str, Callable[[yaml.ScalarNode], Any]] = {
    "tag:yaml.org,2002:int": _SAFE.construct_yaml_int,
    "tag:yaml.org,2002:float": _SAFE.construct_yaml_float,
    "tag:yaml.org,2002:bool": _SAFE.construct_yaml_bool,
    "tag:yaml.org,2002:null": lambda node: None,
}
"""The tags a plain scalar may resolve to that are not text, and how each is read (dates stay text)."""
