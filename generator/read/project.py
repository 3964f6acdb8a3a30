"""Where a project keeps its records, schemas and templates."""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path



@dataclass(frozen=True)
class Project:
    """The folders of one knowledge-base project."""

    root: Path
    """The project root (holds casestudies/ and schemas/)."""

    @property
    def casestudies_dir(self) -> Path:
        return self.root / "casestudies"

    @property
    def schemas_dir(self) -> Path:
        return self.root / "schemas"

    @property
    def schema_path(self) -> Path:
        return self.schemas_dir / "casestudy.schema.json"

    @property
    def themes_path(self) -> Path:
        return self.schemas_dir / "themes.yaml"

    def record_files(self) -> list[Path]:
        """Every case-study file, in a stable order."""
        return sorted(self.casestudies_dir.glob("*.yaml")) + sorted(self.casestudies_dir.glob("*.yml"))

    @cached_property
    def resolved_root(self) -> Path:
        """The root with symlinks resolved, found once: ``display`` needs it for every record."""
        return self.root.resolve()

    @cached_property
    def _resolved_folders(self) -> dict[Path, Path]:
        return {}

    def _resolve(self, path: Path) -> Path:
        """``path.resolve()``, resolving each folder once: a corpus is a thousand files in one folder."""
        if not path.is_absolute() or path.name in ("", "..") or os.path.islink(path):
            return path.resolve()
        folder = self._resolved_folders.get(path.parent)
        if folder is None:
            folder = self._resolved_folders[path.parent] = path.parent.resolve()
        return folder / path.name

    def display(self, path: Path) -> str:
        """A path as a contributor would type it: relative to the root where possible."""
        try:
            return self._resolve(path).relative_to(self.resolved_root).as_posix()
        except ValueError:
            return str(path)


def find_root(start: Path | None = None) -> Path:
    """The nearest folder at or above ``start`` that holds ``schemas/casestudy.schema.json``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "schemas" / "casestudy.schema.json").is_file():
            return folder
    return here
