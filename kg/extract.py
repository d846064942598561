"""``extract_document(doc) -> Extraction``: obligations, goals, references and actor mentions
of one document, read provision by provision (sentences inside a provision; the heading path
for bearer carry-over). Pure Python: no store, no RDF."""

from __future__ import annotations

import re

from aftalegraf.legal_time import paragraph_of
from aftalegraf.model import LEGISLATION_TYPES, Document, Provision

from . import deontic
from .actors import COMMITTEE_KEYS, find_actors, label_of
from .deontic_words import CONDITIONAL, DETERMINERS, MODALS, NOMINALISATION, PREPOSITIONS, Context, Tok, content_words
from .facts import Extraction, ObligationFact
from .goals import extract_goals
from .nlp import get_nlp
from .references import document_bekendtgoerelse, find_references
from .temporal import find_deadline, find_frequency, in_condition, same_period

_ITEM_KINDS = {"nr", "item", "goal"}
_CONDITION_LEAD = re.compile(r"\b(?:" + "|".join(sorted(CONDITIONAL)) + r")\s*:?$", re.I)
_EMPTY_ACTION = re.compile(r"^\W*(?:er|være)?\s*(?:bl\.\s*a|blandt andet|f\.eks|følgende|herunder)?\W*$", re.I)
_RULE_MAKING = re.compile(r"(?:endvidere\s+|også\s+)?fastsætte?r?\s+(?:\w+\s+){0,2}regler\b", re.I)
_RULE_MAKING_WORDS = frozenset({"fastsætte", "regel"})
# "1) at understøtte ...", "- at sikre ...", "a) udarbejde ..."
_ITEM_AT = re.compile(r"\s*(?:\d+\)|[a-z]\)|[-•–*\u2022\ufffd])?\s*at\s+(?=[a-zæøå])")


def _first_content(p: Provision) -> int:
    return p.start + (len(p.text) - len(p.text.lstrip()))


# an actor mention in the genitive ("sundhedssamarbejdsudvalgets"): named in passing
_GENITIVE = re.compile(r"(?:ets|ens|enes|ernes)$", re.I)
# Provision kinds that open a new context for bearer carry-over.
_RESET_KINDS = {"kapitel", "section", "heading", "preamble"}    # not "paragraf": consecutive §§ share actors
_TITLE_KINDS = {"kapitel", "section", "heading"}


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ".;:,"):
        b -= 1
    return a, b


# an object clause with a modal verb of its own: »kan beslutte, at der kan ske sterilisation før
# fristens udløb« — a deadline after it is that clause's, not the decision's
_MODAL_OBJECT_CLAUSE = re.compile(r"\bat\s+(?:[\wæøå]+\s+){0,4}?(?:" + "|".join(sorted(MODALS)) + r")\s+[^.;]*$", re.I)


# a relative clause that no comma has closed: »…, som senest 4 uger efter modtagelsen … yder rådgivning«
_OPEN_RELATIVE = re.compile(r",\s+(?:som|der)\s+[^,.;]*$")


def _in_actors_relative(text: str, at: int) -> bool:
    """Does ``at`` lie in a relative clause about an actor (»fremsender udkastet til
    Sundhedsstyrelsen, som senest 4 uger efter modtagelsen … yder rådgivning«)? What is
    said there is that actor's, not the duty's."""
    m = _OPEN_RELATIVE.search(text, 0, at)
    if not m:
        return False
    before = text[max(0, m.start() - 60):m.start()]
    mentions = find_actors(before)
    return bool(mentions) and mentions[-1].end == len(before)


def _duty_deadline(text: str, base: int) -> dict | None:
    """The first deadline in ``text`` that is not a condition's (see ``temporal.in_condition``),
    an object clause's with its own modal verb, or a relative clause's about another actor."""
    k = 0
    while (d := find_deadline(text[k:], base + k)) is not None:
        at = d["start"] - base
        if not in_condition(text, at) and not _MODAL_OBJECT_CLAUSE.search(text, 0, at) \
                and not _in_actors_relative(text, at):
            return d
        k = d["end"] - base
    return None


def _heading_bearers(p: Provision) -> list[str]:
    for h in reversed(p.path or []):
        ms = find_actors(h)
        if ms:
            keys = []
            for m in ms:
                if m.key not in keys:
                    keys.append(m.key)
            return keys[:1] if len(keys) > 2 else keys
    return []


def _lemma_table(nlp):
    """The lookup lemmatizer's table (a mapping with ``get`` by word), or {} without one."""
    try:
        return nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    except (KeyError, ValueError):  # spacy-lookups-data missing: the pipeline's own lemmas
        return {}


# »Befordring, for hvilken der ydes godtgørelse efter §§ 171 og 172, skal ske …«
_CITED_AFTER = re.compile(r"\befter\s+§§?\s*(\d+(?:\s?[a-z]\b)?(?:\s*(?:,|og|eller)\s*\d+(?:\s?[a-z]\b)?)*)")


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-zæøå]{5,}", text.lower()))


def _cited_paragraphs_actors(doc: Document, start: int, end: int, acts: dict[str, list]) -> list[str] | None:
    """The actors of a carried statement whose subject cites the paragraphs that give the act:
    each cited paragraph's first statement about the same thing (»befordring«), or None when
    one of them has none — then the actor in context stays. The subject lies in
    ``doc.text[start:end]``."""
    m = _CITED_AFTER.search(doc.text, start, end)
    if not m:
        return None
    subject = _words(doc.text[start:m.start()])
    bearers: list[str] = []
    for num in re.findall(r"\d+(?:\s?[a-z]\b)?", m.group(1)):
        said = [b for b, action in acts.get(f"{doc.id}/p{num.replace(' ', '')}", []) if _words(action) & subject]
        if not said:
            return None
        bearers += [b for b in said[0] if b not in bearers]
    return bearers


def extract_obligations(doc: Document, provisions: list[Provision] | None = None) -> list[ObligationFact]:
    nlp = get_nlp()
    provs = list(doc.provisions if provisions is None else provisions)
    own = _own_text_masks(doc)
    texts = [own.get(p.id, p.text) for p in provs]
    out: list[ObligationFact] = []
    ctx = Context(doc_type=doc.type, lemmas=_lemma_table(nlp))
    last_stmt: dict[str, ObligationFact] = {}     # provision id -> its last statement (a list lead-in)
    lead_ins = {p.id: t.rstrip() for p, t in zip(provs, texts)}
    conditions: set[str] = set()                  # list items that are a lead-in's conditions
    acts: dict[str, list] = {}                    # paragraph -> (bearers, action) of its own statements
    for p, sdoc in zip(provs, nlp.pipe(texts, batch_size=64)):
        if p.kind in _RESET_KINDS:
            ctx.prev_bearers = []
            ctx.prev_words = frozenset()
            ctx.prev_lead_in = False
            ctx.subject_committee = None
        ctx.heading_bearers = _heading_bearers(p)
        ctx.paragraph = paragraph_of(p.id)
        if p.kind in _TITLE_KINDS and len(p.text) < 200:
            # a heading: only its actors feed the context
            continue
        if p.kind in _ITEM_KINDS and (p.parent_id in conditions or _CONDITION_LEAD.search(lead_ins.get(p.parent_id, ""))):
            conditions.add(p.id)    # »… kan ske uden patientens samtykke, når: 1) Indhentningen foretages af
            continue                # en læge …«: the items are conditions, no one's duty
        n = 0
        for sent in sdoc.sents:
            toks = [Tok(t.text, t.lower_, t.lemma_, t.idx + p.start, t.idx + len(t.text) + p.start)
                    for t in sent if not t.is_space]
            if not toks:
                continue
            an = deontic.SentenceAnalyser(toks, doc.text, 0, ctx)
            s_start, s_end = toks[0].start, toks[-1].end
            stmts = an.analyse()
            stretch_from = s_start
            for st in stmts:
                if (st.carried and not st.anaphor) or (st.passive and not st.bearers and not st.named):
                    # (an agentless passive too: »Børn … omfattet af § 127, der modtager et særligt
                    # tandplejetilbud efter § 133, kan ikke afkræves betaling«)
                    cited = _cited_paragraphs_actors(doc, s_start, st.start, acts)
                    if cited:
                        st.bearers, st.carried = cited, True
                a0, a1 = _trim(doc.text, st.action_start, st.action_end)
                if a1 <= a0:
                    continue
                subject = st.named or ("vi" if st.bearers == ["parterne"] else "")
                if subject and doc.text[a0:a0 + len(subject)].lower() == subject.lower() \
                        and doc.text[a0 + len(subject):a0 + len(subject) + 1].isspace():
                    # the inverted subject is the bearer, not the act: »kan udvalgets medlemmer hver
                    # især afgive synspunkter«, »I aftaleperioden skal vi øge …«
                    a0, a1 = _trim(doc.text, a0 + len(subject), a1)
                    if doc.text[a0:a0 + 5].lower() == "ikke ":
                        a0, a1 = _trim(doc.text, a0 + 5, a1)     # »kan et kommunalt medlem ikke videregive …«
                action = doc.text[a0:a1]
                if _EMPTY_ACTION.match(action):
                    # a bare lead-in ("Opgaverne for udvalget er bl.a.:"): its items carry it
                    last_stmt[p.id] = ObligationFact(0, p.id, st.bearers, label_of(st.bearers), st.modality, st.cue,
                                                     "", doc.text[s_start:s_end], s_start, s_end,
                                                     carried=st.carried, passive=st.passive)
                    continue
                n += 1
                # the action first; then the statement's own stretch of the sentence ("Senest to år
                # efter … skal X indsende …, og senest et halvt år før … skal X indsende …"); then
                # anywhere in the sentence
                sentence = doc.text[s_start:s_end]
                stretch = doc.text[stretch_from:a1]
                dl = _duty_deadline(action, a0) or _duty_deadline(stretch, stretch_from) \
                    or _duty_deadline(sentence, s_start)
                if dl is not None:
                    dl = same_period(dl, sentence, s_start)
                fq = find_frequency(action, a0) or find_frequency(stretch, stretch_from) \
                    or find_frequency(sentence, s_start)
                stretch_from = a1
                out.append(ObligationFact(
                    id_index=n, provision_id=p.id, bearers=st.bearers, bearer_label=label_of(st.bearers) or st.named,
                    modality=st.modality, cue=st.cue, action=re.sub(r"\s+", " ", action),
                    text=doc.text[s_start:s_end], start=s_start, end=s_end, deadline=dl, frequency=fq,
                    carried=st.carried, passive=st.passive))
                if st.bearers and not st.carried:
                    acts.setdefault(paragraph_of(p.id), []).append((st.bearers, action))
                if st.bearers and (not st.carried or st.anaphor):
                    ctx.prev_bearers = list(st.bearers)
                    # rules about an act are not the act: after »Ministeren fastsætter regler om, hvordan
                    # patienten skal informeres«, »§ 20. … skal informeres« is no act of the minister's
                    ctx.prev_words = _RULE_MAKING_WORDS if _RULE_MAKING.match(action) else content_words(toks, ctx.lemmas)
                    tail = doc.text[max(s_start, s_end - 80):s_end].rstrip()
                    ctx.prev_lead_in = tail.endswith(":") or bool(re.search(r"\bat$", tail))
                    ctx.prev_paragraph = ctx.paragraph
                    if st.bearers[0] in COMMITTEE_KEYS and not st.passive:
                        ctx.subject_committee = st.bearers[0]
                last_stmt[p.id] = out[-1]
            # a list item without a statement of its own continues its lead-in:
            # "Opgaverne for sundhedssamarbejdsudvalget er: 1) at understøtte ..."
            if not stmts and p.kind in _ITEM_KINDS and p.parent_id in last_stmt and s_start == _first_content(p):
                lead = last_stmt[p.parent_id]
                m = _ITEM_AT.match(doc.text, s_start, s_end)
                if m:
                    a0, a1 = _trim(doc.text, m.end(), s_end)
                    if a1 > a0:
                        n += 1
                        out.append(ObligationFact(
                            id_index=n, provision_id=p.id, bearers=list(lead.bearers), bearer_label=lead.bearer_label,
                            modality=lead.modality, cue=lead.cue, action=re.sub(r"\s+", " ", doc.text[a0:a1]),
                            text=doc.text[s_start:s_end], start=s_start, end=s_end,
                            deadline=_duty_deadline(doc.text[a0:a1], a0), frequency=find_frequency(doc.text[a0:a1], a0),
                            carried=True, passive=lead.passive))
            # the last committee named feeds "Udvalget ..." anaphora; one governed by a
            # preposition ("forelægges for sundhedskoordinationsudvalget") or in the genitive
            # ("inden for sundhedssamarbejdsudvalgets emneområder") is named in passing
            for m in find_actors(doc.text[s_start:s_end], s_start):
                if m.key in COMMITTEE_KEYS and not _after_preposition(doc.text, m.start) \
                        and not _GENITIVE.search(doc.text[m.start:m.end]):
                    ctx.last_committee = m.key
                    if ctx.subject_committee != m.key:
                        # another committee brought in ("… nedsættes et patientinddragelsesudvalg"):
                        # the text now goes on about it
                        ctx.subject_committee = None
    return join_restatements(out)


# --- one duty said twice ------------------------------------------------------------------------
# "Regionsrådet indsender sundhedsaftalen … Indsendelsen skal ske senest den 1. juli" and "…
# regionsrådet, som er forpligtet til at indsende den indgåede sundhedsaftale … aftalen skal
# indsendes til Sundhedsstyrelsen senest den 1. juli": the second, agentless passive sentence
# restates the first duty (same verb, a few sentences on) and adds its deadline. It becomes part
# of the first — one duty, with its bearer and its deadline — instead of a second duty of
# "aktør ikke angivet" or of "parterne".
_RESTATE_WINDOW = 700      # characters between the duty and its restatement
_VERB_ENDINGS = ("ende", "endes", "ede", "es", "er", "e", "s")


def _verb_stem(word: str) -> str:
    """»indsender«, »indsendes«, »indsendelsen« → »indsend«: a verb or the act it names, as one stem."""
    w = word.lower()
    m = NOMINALISATION.fullmatch(w)
    if m and len(m.group(1)) >= 4:
        return m.group(1)
    for end in _VERB_ENDINGS:
        if w.endswith(end) and len(w) - len(end) >= 4:
            return w[: -len(end)]
    return w


def _main_verb(ob: ObligationFact) -> str:
    words = re.findall(r"[a-zæøå]+", ob.action.lower())
    if words[:1] == ["at"]:
        words = words[1:]
    if ob.passive and words[:1] in (["ske"], ["foregå"], ["finde"]):
        # "Indsendelsen skal ske …": the event noun is the verb
        head = re.findall(r"[a-zæøå]+", ob.text.lower())
        return _verb_stem(head[0]) if head else ""
    return _verb_stem(words[0]) if words else ""


def _restates(earlier: ObligationFact, later: ObligationFact) -> bool:
    agentless = not later.bearers or later.bearers == ["parterne"] or later.carried
    return (later.passive and agentless and not earlier.passive and bool(earlier.bearers)
            and earlier.provision_id == later.provision_id and earlier.modality == later.modality
            and 0 <= later.start - earlier.end <= _RESTATE_WINDOW
            and len(_main_verb(earlier)) >= 4 and _main_verb(earlier) == _main_verb(later))


def join_restatements(obligations: list[ObligationFact]) -> list[ObligationFact]:
    """Obligations with each agentless passive restatement folded into the duty it restates
    (its deadline and frequency carried over when the duty has none); ids renumbered."""
    out: list[ObligationFact] = []
    for ob in obligations:
        duty = next((e for e in reversed(out[-3:]) if _restates(e, ob)), None)
        if duty is None:
            out.append(ob)
            continue
        duty.deadline = duty.deadline or ob.deadline
        duty.frequency = duty.frequency or ob.frequency
    n: dict[str, int] = {}
    for ob in out:
        n[ob.provision_id] = n.get(ob.provision_id, 0) + 1
        ob.id_index = n[ob.provision_id]
    return out


def _after_preposition(text: str, start: int) -> bool:
    """Is the word before ``start`` (determiners skipped) a preposition?"""
    words = re.findall(r"[\wæøåÆØÅ.]+", text[max(0, start - 60):start].lower())
    while words and words[-1] in DETERMINERS:
        words.pop()
    return bool(words) and words[-1] in PREPOSITIONS


def extract_document(doc: Document) -> Extraction:
    ex = Extraction(document_id=doc.id)
    ex.obligations = extract_obligations(doc)
    doc_bek = None if doc.type == "bekendtgørelse" else document_bekendtgoerelse(doc.text, doc.type)
    for p in doc.provisions:
        ex.references.extend(find_references(p.text, p.id, p.start, doc_type=doc.type, doc_bek=doc_bek,
                                             doc_act=(doc.meta or {}).get("act")))
        ex.actors.extend(find_actors(p.text, p.start))
    ex.goals = extract_goals(doc)
    return ex


def _own_text_masks(doc: Document) -> dict[str, str]:
    """Text of each provision with its children's spans blanked (offsets kept), so that a
    list's lead-in is read once and its items once."""
    children: dict[str, list[Provision]] = {}
    for p in doc.provisions:
        if p.parent_id:
            children.setdefault(p.parent_id, []).append(p)
    out = {}
    for p in doc.provisions:
        kids = children.get(p.id)
        if not kids:
            continue
        chars = list(p.text)
        for c in kids:
            a, b = max(c.start, p.start) - p.start, min(c.end, p.end) - p.start
            for i in range(max(a, 0), max(b, 0)):
                if not chars[i].isspace():
                    chars[i] = " "
        out[p.id] = "".join(chars)
    return out


# --- a plain splitter, for tests and for use before the ingest provision tree exists ---------

_LEG_PARA = re.compile(r"^§\s*(\d+\s?[a-z]?)\.")
_LEG_STK = re.compile(r"^Stk\.\s*(\d+)\.")
_LEG_KAP = re.compile(r"^Kapitel\s+(\d+[a-z]?)\b")
_SECTION = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+\S.{0,110}$")


_LIST_LINE = re.compile(r"^(?:[-•–*\u2022\ufffd\u25aa\u25cf]\s|\d+\)\s|[a-z]\)\s)")


def document_from_text(doc_id: str, text: str, doc_type: str = "andet", title: str = "") -> Document:
    """A Document with a flat provision tree: §/Stk./Kapitel in legislation; numbered headings,
    paragraphs (blank-line separated blocks, wrapped lines joined) and list items elsewhere.
    Offsets index ``text``. For tests and for use before the ingest provision tree exists."""
    provs: list[Provision] = []
    path: list[str] = []
    sec_stack: list[tuple[str, str]] = []   # (number, heading)
    para_id = None
    para_label = ""
    counters: dict[str, int] = {}
    legislation = doc_type in LEGISLATION_TYPES
    block: list[tuple[int, int]] = []        # (start, end) of lines of the current paragraph

    def flush():
        nonlocal block
        if not block:
            return
        a, b = block[0][0], block[-1][1]
        key = "/".join(n for n, _ in sec_stack) or "top"
        counters[key] = counters.get(key, 0) + 1
        sid = sec_stack[-1][0] if sec_stack else "0"
        s = text[a:b]
        kind = "goal" if re.match(r"^\d+\)\s+At\b", s) else ("item" if _LIST_LINE.match(s) else "paragraph")
        provs.append(Provision(f"{doc_id}/s{sid}/p{counters[key]}-{len(provs)}", doc_id, kind, s, a, b, None, "",
                               "", list(path), len(provs)))
        block = []

    pos = 0
    for line in text.splitlines(keepends=True):
        a = pos
        pos += len(line)
        s = line.strip()
        if not s:
            flush()
            continue
        a += len(line) - len(line.lstrip())
        b = a + len(s)
        if legislation:
            m = _LEG_KAP.match(s)
            if m and len(s) < 150:
                pid = f"{doc_id}/kap{m.group(1)}"
                provs.append(Provision(pid, doc_id, "kapitel", s, a, b, None, f"Kapitel {m.group(1)}", s,
                                       [], len(provs)))
                path = [s]
                continue
            m = _LEG_PARA.match(s)
            if m:
                num = re.sub(r"\s+", "", m.group(1))
                para_id = f"{doc_id}/p{num}"
                para_label = f"§ {m.group(1)}"
                if any(p.id == para_id for p in provs):
                    para_id = f"{para_id}-{len(provs)}"
                provs.append(Provision(para_id, doc_id, "paragraf", s, a, b, None, para_label, "", list(path),
                                       len(provs)))
                continue
            m = _LEG_STK.match(s)
            if m and para_id:
                provs.append(Provision(f"{para_id}/stk{m.group(1)}-{len(provs)}", doc_id, "stk", s, a, b, para_id,
                                       f"Stk. {m.group(1)}", "", list(path) + [para_label], len(provs)))
                continue
            pid = f"{doc_id}/t{len(provs)}"
            provs.append(Provision(pid, doc_id, "paragraph" if provs else "preamble", s, a, b, None, "", "",
                                   list(path), len(provs)))
            continue
        m = _SECTION.match(s)
        if m and not s.endswith((".", ",", ";")) and not re.search(r"\t\d+$", s) and len(s.split()) <= 14:
            flush()
            num = m.group(1)
            depth = num.count(".") + 1
            sec_stack = [x for x in sec_stack if x[0].count(".") + 1 < depth] + [(num, s)]
            path = [h for _, h in sec_stack]
            provs.append(Provision(f"{doc_id}/s{num}-{len(provs)}", doc_id, "section", s, a, b, None, num, s,
                                   path[:-1], len(provs)))
            counters = {}
            continue
        if _LIST_LINE.match(s) or re.match(r"^\d+\)\s+At\b", s):
            flush()
        block.append((a, b))
    flush()
    return Document(id=doc_id, title=title or doc_id, type=doc_type, text=text, provisions=provs)


def guess_type(name: str) -> str:
    n = name.lower()
    if n.startswith("bek-"):
        return "bekendtgørelse"
    if n.startswith("lbk-") or "sundhedsloven" in n:
        return "lovbekendtgørelse"
    if n.startswith("lov-"):
        return "lov"
    if "vejledning" in n:
        return "vejledning"
    if "nyhed" in n:
        return "nyhed"
    if "side" in n:
        return "webside"
    if "dagsorden" in n:
        return "dagsorden"
    return "andet"
