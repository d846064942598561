"""aftalegraf: a knowledge graph and semantic search over Danish health-agreement documents.

Data flows one way: files -> provisions (the store's SQLite tables) -> graph + index -> answers.
The core package holds what every subsystem shares: the data model, the store, configuration,
the plugin registry and the command line. Subsystems live in sibling packages:
``aftalegraf.ingest``, ``aftalegraf.kg``, ``aftalegraf.search``, ``aftalegraf.web``.
"""

__version__ = "0.1.0"
