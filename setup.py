"""Package discovery for setuptools (metadata lives in pyproject.toml).

Each top-level folder is one part of the ``aftalegraf`` namespace; this mapping is the one
place that says which. Sub-packages (folders with ``__init__.py``) are found, not listed.
"""

from pathlib import Path

from setuptools import setup

NAMESPACE = {
    "core": "aftalegraf",
    "embedding": "aftalegraf.embedding",
    "ingest": "aftalegraf.ingest",
    "kg": "aftalegraf.kg",
    "search": "aftalegraf.search",
    "compare": "aftalegraf.compare",
    "web": "aftalegraf.web",
    "deploy": "aftalegraf.deploy",
    "cli": "aftalegraf.cli",
    "ontology": "aftalegraf.ontology",
    "data": "aftalegraf.data",
    "docs/queries": "aftalegraf.queries",   # example analyst queries, documented and tested
}


def discover() -> list[str]:
    packages = []
    for folder, name in NAMESPACE.items():
        root = Path(__file__).parent / folder
        for init in sorted(root.rglob("__init__.py")):
            sub = init.parent.relative_to(root).parts
            if "__pycache__" not in sub:
                packages.append(".".join((name, *sub)))
    return packages


setup(packages=discover(), package_dir={name: folder for folder, name in NAMESPACE.items()})
