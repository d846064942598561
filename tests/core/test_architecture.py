"""The import rules of docs/architecture.md, checked on the source: data and imports flow one
way (web, cli -> compare, search, kg.api -> embedding, kg extraction -> core), and every
import of the project's own modules is at module level, where a reader sees it."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _namespace() -> dict[str, str]:
    """setup.py's NAMESPACE (folder -> package), read without running setup()."""
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "NAMESPACE":
            return ast.literal_eval(node.value)
    raise AssertionError("setup.py has no NAMESPACE")


# The part of the project a module belongs to -> the parts it may import.
CORE = "core"
ALLOWED = {
    CORE: {CORE},
    "ontology": set(),
    "embedding": {CORE},
    "ingest": {CORE},
    "kg.extraction": {CORE, "embedding", "ontology"},
    "kg": {CORE, "embedding", "ontology", "kg.extraction"},
    "search": {CORE, "embedding", "kg", "kg.extraction"},
    "compare": {CORE, "embedding", "kg", "kg.extraction"},
    "deploy": {CORE, "kg", "search"},
    "web": {CORE, "ingest", "kg", "kg.extraction", "search", "compare", "deploy"},
    "cli": {CORE, "ingest", "kg", "kg.extraction", "search", "compare", "web", "deploy"},
}
# kg's pure extraction (document -> facts), which must not reach the graph, SPARQL or the stage.
KG_EXTRACTION = {"actors", "deontic", "deontic_clauses", "deontic_passive", "deontic_present", "deontic_statement", "deontic_words", "extract", "facts", "goals", "lifecycle", "nlp", "reference", "references",
                 "temporal"}


def part_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "aftalegraf":
        return None
    if len(parts) == 1 or parts[1] not in {"ontology", "embedding", "ingest", "kg", "search", "compare", "web", "cli", "deploy",
                                           "data", "queries"}:
        return CORE
    if parts[1] == "kg" and len(parts) > 2 and parts[2] in KG_EXTRACTION:
        return "kg.extraction"
    return parts[1]


def modules():
    for folder, package in _namespace().items():
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT / folder).with_suffix("").parts
            is_pkg = rel[-1] == "__init__"
            name = ".".join((package, *(rel[:-1] if is_pkg else rel)))
            yield name, is_pkg, path


def imports(name: str, is_pkg: bool, path: Path):
    """(imported module, line, at module level?) for every import of an aftalegraf module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(n) for n in tree.body}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_pkg else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            # "from aftalegraf.kg import api" imports the module aftalegraf.kg.api
            targets = [f"{target}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        else:
            continue
        for t in targets:
            if t.startswith("aftalegraf"):
                yield t, node.lineno, id(node) in top


def test_the_namespace_covers_every_folder_of_code():
    folders = set(_namespace())
    for expected in ("core", "ingest", "kg", "ontology", "search", "web", "embedding", "compare", "cli"):
        assert expected in folders


def test_imports_go_one_way():
    wrong = []
    for name, is_pkg, path in modules():
        src = part_of(name)
        for target, line, _ in imports(name, is_pkg, path):
            dst = part_of(target)
            if dst and dst != src and dst not in ALLOWED.get(src, set()):
                wrong.append(f"{path.relative_to(ROOT)}:{line} {name} -> {target} ({src} may not import {dst})")
    assert not wrong, "\n".join(wrong)


def test_project_imports_are_at_module_level():
    hidden = [f"{path.relative_to(ROOT)}:{line} imports {target} inside a function"
              for name, is_pkg, path in modules()
              for target, line, at_top in imports(name, is_pkg, path) if not at_top]
    assert not hidden, "\n".join(hidden)


def test_the_rule_catches_a_wrong_import(tmp_path):
    """The check itself can fail: an extraction module importing the graph API is reported."""
    bad = tmp_path / "deontic.py"
    bad.write_text("from aftalegraf.kg import api\n\ndef f():\n    from aftalegraf.search import service\n")
    found = list(imports("aftalegraf.kg.deontic", False, bad))
    assert ("aftalegraf.kg.api", 1, True) in found and ("aftalegraf.search.service", 4, False) in found
    assert part_of("aftalegraf.kg.deontic") == "kg.extraction" and part_of("aftalegraf.kg.api") == "kg"
    assert "kg" not in ALLOWED["kg.extraction"]


def test_no_module_is_a_hub():
    big = [f"{path.relative_to(ROOT)}: {n} lines" for _, _, path in modules()
           if (n := len(path.read_text(encoding="utf-8").splitlines())) > 700]
    assert not big, "\n".join(big)
