"""The generator's layout is its pipeline: each stage imports only the stages before it, no module
imports another in a cycle (``TYPE_CHECKING`` imports included), the generator never imports MkDocs,
and the hooks use only the names ``generator/__init__.py`` exports."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "generator"
STAGES = ["words", "dates", "problems", "kinds", "perf", "read", "check", "model", "views", "render", "search", "contrib",
          "pipeline", "cli", "__init__", "__main__"]
"""In pipeline order: a module may import from its own stage and the stages before it."""


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module ``path`` imports, anywhere in the file, resolved to absolute dotted names."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return found


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in GENERATOR.rglob("*.py")}
    return {name: {m for m in imports(path) if m in modules and m != name} for name, path in modules.items()}


def stage(module: str) -> int:
    first = module.split(".")[1] if "." in module else "__init__"
    return STAGES.index(first)


def test_no_import_cycle() -> None:
    edges = graph()
    state: dict[str, int] = {}
    cycles = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(edges[node]):
            if state.get(target) == 1:
                cycles.append(trail[trail.index(target):] + [target] if target in trail else [node, target])
            elif target not in state:
                visit(target, [*trail, target])
        state[node] = 2

    for start in sorted(edges):
        if start not in state:
            visit(start, [start])
    assert not cycles, f"import cycles: {cycles}"


def test_stages_import_only_earlier_stages() -> None:
    wrong = [f"{module} ({STAGES[stage(module)]}) imports {target} ({STAGES[stage(target)]})"
             for module, targets in graph().items() for target in targets
             if target != "generator" and stage(target) > stage(module)]
    assert not wrong, "\n".join(wrong)


def test_generator_never_imports_mkdocs() -> None:
    users = [p.relative_to(ROOT).as_posix() for p in GENERATOR.rglob("*.py")
             if any(m == "mkdocs" or m.startswith("mkdocs.") for m in imports(p))]
    assert not users


def test_hooks_use_only_the_public_names() -> None:
    for path in (ROOT / "hooks").glob("*.py"):
        inside = {m for m in imports(path) if m.startswith("generator.")}
        public = {f"generator.{name}" for name in __import__("generator").__all__}
        assert inside <= public, f"{path.name} imports {sorted(inside - public)}"


def test_every_folder_of_the_generator_is_a_stage() -> None:
    folders = {p.name for p in GENERATOR.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders <= set(STAGES)
