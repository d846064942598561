"""Ingestion: files -> documents with a provision tree.

    readers/    one reader per format (registered by name in aftalegraf.plugins):
                file -> Extracted (text, plus hints the format knows: title, headings)
    clean       web boilerplate, PDF page furniture, hyphenation, bullets, line joining
    split       compound files (an agenda with its appendices) -> one segment per document
    metadata    title, type, issuer, region, period, dates, legal identifiers and ELI
    structure   text -> provision tree (Kapitel/§/Stk./nr., 1./1.1./2.1.3, lists, goals, tables)
    ids         stable, readable document and provision ids
    pipeline    orchestration: hashing, unchanged files, one transaction per file, stages
"""

from .pipeline import IngestReport, ingest_paths

__all__ = ["ingest_paths", "IngestReport"]
