"""Fill a Store from real corpus files for the search tests (through the ingest pipeline),
and a small stand-in splitter (legislation: § and Stk.; other text: numbered headings and
blank-line paragraphs) for the index-stage tests that build documents by hand."""

from __future__ import annotations

import re
from pathlib import Path

from aftalegraf.ingest import ingest_paths
from aftalegraf.model import Document, Provision
from aftalegraf.store import Store

_PARA = re.compile(r"^§\s*(\d+\s*[a-z]?)\.\s", re.M)
_STK = re.compile(r"^Stk\.\s*(\d+)\.\s")
_KAP = re.compile(r"^Kapitel\s+(\d+\s*[a-z]?)\s*$")
_HEAD = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+([A-ZÆØÅ][^.]{2,80})$")


def slug(path: Path) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", path.stem.lower())[:60].strip("-")


def split_file(path: Path, doc_id: str | None = None) -> Document:
    text = path.read_text(encoding="utf-8")
    doc_id = doc_id or slug(path)
    lines = text.split("\n")
    title = lines[0].strip() if lines else doc_id
    legislation = bool(_PARA.search(text))
    provisions: list[Provision] = []
    pos = 0
    heads: list[tuple[str, str]] = []  # (label, text) of the current headings
    kap: Provision | None = None
    par: Provision | None = None
    counter = 0

    def add(kind, label, start, end, parent, pid, title_=""):
        nonlocal counter
        counter += 1
        p = Provision(id=pid, document_id=doc_id, kind=kind, text=text[start:end], start=start, end=end,
                      parent_id=parent, label=label, title=title_, path=[h for _, h in heads], ordinal=counter)
        provisions.append(p)
        return p

    para_n = 0
    pending_kap = False
    for line in lines:
        start, end = pos, pos + len(line)
        pos = end + 1
        s = line.strip()
        if not s or start == 0:
            continue
        if legislation:
            m_kap, m_par, m_stk = _KAP.match(s), _PARA.match(line), _STK.match(line)
            if m_kap:
                heads = [("kap", s)]
                kap = add("kapitel", s, start, end, None, f"{doc_id}/kap{m_kap.group(1).replace(' ', '')}")
                pending_kap = True
                continue
            if pending_kap and not m_par:
                heads = [("kap", f"{heads[0][1]} {s}")]
                pending_kap = False
                continue
            pending_kap = False
            if m_par:
                n = m_par.group(1).replace(" ", "")
                par = add("paragraf", f"§ {m_par.group(1)}", start, end, kap.id if kap else None, f"{doc_id}/p{n}")
            elif m_stk and par is not None:
                add("stk", f"Stk. {m_stk.group(1)}", start, end, par.id, f"{par.id}/stk{m_stk.group(1)}")
            else:
                para_n += 1
                add("paragraph", "", start, end, kap.id if kap else None, f"{doc_id}/t{para_n}")
        else:
            m = _HEAD.match(s)
            if m and len(s) < 90:
                depth = m.group(1).count(".") + 1
                heads = heads[: depth - 1] + [(m.group(1), s)]
                continue
            para_n += 1
            add("paragraph", "", start, end, None, f"{doc_id}/t{para_n}")
    seen: set[str] = set()
    unique = []
    for p in provisions:
        if p.id in seen:
            p.id = f"{p.id}-{p.ordinal}"
        seen.add(p.id)
        unique.append(p)
    return Document(id=doc_id, title=title, type="bekendtgørelse" if legislation else "vejledning",
                    text=text, provisions=unique, source_path=str(path))


def load_files(store: Store, paths: list[Path], derive: bool = True, embedder=None) -> list[str]:
    """Ingest the files into the store and build the index (with ``embedder`` if given)."""
    ingest_paths(store, paths, derive=[])
    if derive:
        from aftalegraf import stages
        from aftalegraf.search.stage import IndexStage

        stage = IndexStage(store, embedder=embedder)
        stage.rebuild()
        stages.mark_done(store, "index")
    return store.document_ids()
