"""Where a project keeps its records, schemas and templates."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


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

    def display(self, path: Path) -> str:
        """A path as a contributor would type it: relative to the root where possible."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


def find_root(start: Path | None = None) -> Path:
    """The nearest folder at or above ``start`` that holds ``schemas/casestudy.schema.json``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "schemas" / "casestudy.schema.json").is_file():
            return folder
    return here
