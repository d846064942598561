"""HTML web pages (Sundhedsstyrelsen, the regions) -> marked text.

The page's main content (``<main>``, ``[role=main]``, ``#content``, the one ``<article>``
holding the page's h1, else ``<body>``) is kept; site furniture is dropped before any text
is taken: scripts, styles, svg, nav, page-level header/footer, aside, forms, cookie
banners, skip links ("Gå til indhold"), breadcrumbs, share bars, screen-reader hints. Headings become ``#`` lines by level, list items ``- ``
lines (ordered ones keep their number: ``- 2) ...``; nested lists are indented two spaces
a level), table rows ``| a | b |`` lines; blocks are separated by blank lines.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from aftalegraf.errors import IngestError

from .base import Extracted, Reader, read_file_bytes
from .dates import PUBLISHED_RE, UPDATED_RE, parse_date

DROP_TAGS = (
    "script", "style", "noscript", "template", "svg", "math", "canvas", "iframe", "object",
    "embed", "nav", "aside", "form", "button", "select", "input", "textarea", "dialog", "link", "meta",
)
# Furniture found by attribute: consent banners, breadcrumbs, skip links, share/print bars.
DROP_SELECTORS = (
    # collapsed accordion panels are [hidden] but hold content; hidden icons and
    # screen-reader-only hints ("Åbner i nyt vindue") do not
    "span[aria-hidden=true]", "i[aria-hidden=true]", ".sr-only", ".visually-hidden", ".visuallyhidden",
    ".screen-reader-text",
    "[role=navigation]", "[role=banner]", "[role=contentinfo]", "[role=search]", "[role=dialog]",
    "[id*=cookie i]", "[class*=cookie i]", "[id*=consent i]", "[class*=consent i]",
    "[id*=CybotCookiebot]", "[class*=breadcrumb i]", "[id*=breadcrumb i]", "[aria-label*=breadcrumb i]",
    "[aria-label*=brødkrumme i]", "[class*=skip-link i]", "[class*=skiplink i]", "[class*=skip-to i]",
    # whole class words only: "share" must not take "shared-content" with it
    "[class~=share i]", "[class*=share-bar i]", "[class*=share-buttons i]", "[class*=social-share i]",
    "[class~=social i]", "[class*=social-links i]", "[class*=print-page i]",
)
# Whole elements whose only text is one of these are furniture wherever they sit.
FURNITURE_TEXT = re.compile(
    r"^(gå til (hoved)?indhold(et)?|spring til (hoved)?indhold(et)?|skip to (main )?content|"
    r"link til denne side|del (denne )?side|del på \w+|print( siden)?|udskriv( siden)?|til toppen|"
    r"tilbage til toppen|læs op|lyt til teksten)$",
    re.I,
)
BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "body", "blockquote", "pre", "figure", "figcaption",
    "address", "details", "summary", "dl", "dt", "dd", "center", "hgroup", "header", "footer", "caption",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "hr", "fieldset", "legend",
}
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_WS = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")


def decode_html(data: bytes, path: Path | str) -> str:
    """Bytes -> str by BOM, then <meta charset>, then UTF-8, then cp1252."""
    if not data.strip():
        raise IngestError(path, "the file is empty")
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError as exc:
                raise IngestError(path, f"starts with a {enc} byte-order mark but does not decode: {exc.reason}") from exc
    if b"\x00" in data[:4096]:
        raise IngestError(path, "binary content, not HTML (NUL bytes)")
    declared = _META_CHARSET.search(data[:8192])
    candidates = []
    if declared:
        try:
            name = codecs.lookup(declared.group(1).decode("ascii")).name
            # as browsers do: a page labelled latin-1 or ASCII is read as windows-1252
            candidates.append("cp1252" if name in ("iso8859-1", "latin-1", "ascii") else name)
        except LookupError:
            pass
    candidates += ["utf-8", "cp1252"]
    for enc in candidates:
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")  # every byte decodes; only reached when cp1252 failed on 0x81 etc.


def _squash(text: str) -> str:
    # One block is one line: a <br> inside a paragraph is a soft break, and a line of its
    # own could read as a heading or list item to the structure parser.
    return _WS.sub(" ", text.replace("\x00", " ").replace("\n", " ")).strip()


class _Renderer:
    """Walks the content tree and writes blocks of marked text."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.inline: list[str] = []

    # -- inline text ---------------------------------------------------------------
    def _inline_text(self, node) -> str:
        parts: list[str] = []
        self._collect(node, parts, skip_lists=False)
        return _squash("".join(parts))

    def _collect(self, node, parts: list[str], skip_lists: bool) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                parts.append(child.text(deep=False) or "")
            elif tag == "br":
                parts.append("\x00")
            elif tag in ("ul", "ol") and skip_lists:
                continue
            elif tag and not tag.startswith("-"):
                if tag in BLOCK_TAGS:
                    parts.append(" ")
                self._collect(child, parts, skip_lists)
                if tag in BLOCK_TAGS or tag in ("td", "th"):
                    parts.append(" ")

    def flush(self) -> None:
        text = _squash("".join(self.inline))
        self.inline = []
        if text:
            self.blocks.append(text)

    # -- blocks --------------------------------------------------------------------
    def walk(self, node) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                self.inline.append(child.text(deep=False) or "")
            elif tag == "br":
                self.inline.append("\x00")
            elif not tag or tag.startswith("-"):
                continue
            elif tag in HEADINGS:
                self.flush()
                text = self._inline_text(child).replace("\n", " ")
                if text:
                    self.blocks.append("#" * HEADINGS[tag] + " " + text)
            elif tag in ("ul", "ol"):
                self.flush()
                lines: list[str] = []
                self.list(child, 0, lines)
                if lines:
                    self.blocks.append("\n".join(lines))
            elif tag == "table" and not self._layout_table(child):
                self.flush()
                self.table(child)
            elif tag in BLOCK_TAGS:
                self.flush()
                self.walk(child)
                self.flush()
            else:
                self.walk(child)  # inline element: its text joins the current paragraph

    def list(self, node, depth: int, lines: list[str]) -> None:
        ordered = node.tag == "ol"
        try:
            n = int(node.attributes.get("start") or 1)
        except ValueError:
            n = 1
        for li in node.iter():
            if li.tag != "li":
                if li.tag in ("ul", "ol"):  # invalid but common: a list directly in a list
                    self.list(li, depth + 1, lines)
                continue
            parts: list[str] = []
            self._collect(li, parts, skip_lists=True)
            text = _squash("".join(parts)).replace("\n", " ")
            if text:
                number = f"{n}) " if ordered and not re.match(r"^\(?\w{1,3}[.)]\s", text) else ""
                lines.append("  " * depth + "- " + number + text)
            n += 1
            for sub in li.css("ul, ol"):
                # only the lists directly in this item; deeper ones recurse themselves
                parent = sub.parent
                while parent is not None and parent.tag not in ("ul", "ol", "li"):
                    parent = parent.parent
                if parent is not None and parent.mem_id == li.mem_id:
                    self.list(sub, depth + 1, lines)

    @staticmethod
    def _layout_table(node) -> bool:
        """A table used for page layout (old CMS pages): it holds headings or tables of its
        own. Its cells are read as blocks, not squashed into rows."""
        return any(inner.mem_id != node.mem_id for inner in node.css("h1, h2, h3, h4, h5, h6, table"))

    def table(self, node) -> None:
        caption = node.css_first("caption")
        if caption is not None:
            text = self._inline_text(caption)
            if text:
                self.blocks.append(text)
        rows: list[str] = []
        for tr in node.css("tr"):
            # rows of a nested table belong to that table, not to this one
            owner = tr.parent
            while owner is not None and owner.tag != "table":
                owner = owner.parent
            if owner is None or owner.mem_id != node.mem_id:
                continue
            cells = [
                self._inline_text(td).replace("\n", " ").replace("|", "/")
                for td in tr.iter()
                if td.tag in ("td", "th")
            ]
            if any(cells):
                rows.append("| " + " | ".join(cells) + " |")
        if rows:
            self.blocks.append("\n".join(rows))


def _content_root(tree):
    for selector in ("main", "[role=main]", "#main-content", ".main-content", "#content"):
        node = tree.css_first(selector)
        if node is not None:
            return node
    # one <article> is the content when the page's title is in it; several are teasers
    articles = tree.css("article")
    h1 = tree.css_first("h1")
    if len(articles) == 1 and (h1 is None or _has_ancestor(h1, "article")):
        return articles[0]
    return tree.css_first("body") or tree.root


def _has_ancestor(node, tag: str) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag == tag:
            return True
        parent = parent.parent
    return False


def _accordion_trigger(node) -> bool:
    attrs = node.attributes
    return "aria-controls" in attrs or "aria-expanded" in attrs or any(
        _has_ancestor(node, h) for h in HEADINGS
    )


def _meta_content(tree, *keys: str) -> str:
    for key in keys:
        for attr in ("property", "name", "itemprop"):
            node = tree.css_first(f'meta[{attr}="{key}"]')
            if node is not None and (node.attributes.get("content") or "").strip():
                return node.attributes["content"].strip()
    return ""


class HtmlReader(Reader):
    name = "html"
    suffixes = (".html", ".htm", ".xhtml")

    def read(self, path: Path) -> Extracted:
        from selectolax.lexbor import LexborHTMLParser

        path = Path(path)
        data = read_file_bytes(path)
        html = decode_html(data, path)
        if not re.search(r"<\s*(html|head|body|p|div|h[1-6]|main|article|table|ul|title)\b", html[:65536], re.I):
            raise IngestError(path, "no HTML markup in the file (binary or plain text with an .html suffix?)")
        controls = sum(1 for c in html[:65536] if (ord(c) < 32 and c not in "\n\r\t\f") or 0x7F <= ord(c) < 0xA0)
        if controls > 0.01 * min(len(html), 65536):
            raise IngestError(path, "binary content, not HTML (control characters)")
        tree = LexborHTMLParser(html)
        meta = self._meta_hints(tree)

        # <title> and <meta> live in <head>; read them before the content root is chosen.
        page_title = tree.css_first("title")
        page_title = _squash(page_title.text()) if page_title is not None else ""
        og_title = _meta_content(tree, "og:title", "twitter:title", "dc.title", "DC.title")
        # The site's name (og:site_name, or the "Page | Site" suffix of <title>) is the
        # authority that publishes the page. "site" is always set: metadata tells web pages
        # from other documents by it.
        site = _meta_content(tree, "og:site_name", "application-name") or (
            re.split(r"\s+[|–—-]\s+", page_title)[-1].strip() if re.search(r"\s[|–—-]\s", page_title) else ""
        )
        meta["site"] = site or "web"
        if site and len(site) < 80:
            meta["issuer"] = site

        # Furniture first, so that a <main> inside a page header cannot be picked.
        for tag in DROP_TAGS:
            for node in tree.css(tag):
                if tag == "button" and _accordion_trigger(node):
                    continue  # an accordion's button is the heading of its panel
                node.remove()
        root = _content_root(tree)
        for selector in DROP_SELECTORS:
            for node in root.css(selector):
                if node.mem_id != root.mem_id and node.tag not in ("html", "body", "main", "article"):
                    node.remove()
        if root.tag in ("body", "html"):
            # no content element: page-level header/footer are site furniture; those inside
            # an <article> hold its own title, date and notes
            for node in root.css("header, footer"):
                if not (_has_ancestor(node, "main") or _has_ancestor(node, "article")):
                    node.remove()
        for node in root.css("a, p, div, span, li"):
            if FURNITURE_TEXT.match(_squash(node.text()).strip(" .:>›»")):
                node.remove()

        h1 = root.css_first("h1")
        h1_text = _squash(h1.text()).replace("\n", " ") if h1 is not None else ""
        title = h1_text or og_title or re.split(r"\s+[|–—-]\s+", page_title)[0].strip()
        if page_title:
            meta["page_title"] = page_title

        renderer = _Renderer()
        try:
            renderer.walk(root)
            renderer.flush()
        except RecursionError:
            # markup nested deeper than Python's stack (a hostile or broken page): keep its
            # text, one block per line, without the headings and lists the walk would find
            renderer = _Renderer()
            renderer.blocks = [ln.strip() for ln in root.text(separator="\n").splitlines() if ln.strip()]
            meta["flattened"] = "markup nested too deeply; read as plain text"
        text = "\n\n".join(renderer.blocks)
        # "Opdateret 12 DEC 2022" printed in the page: a date hint. The line stays in the
        # text (metadata reads it there, and the cleaning step drops it as furniture).
        for key, pattern in (("modified", UPDATED_RE), ("published", PUBLISHED_RE)):
            for block in renderer.blocks[:40]:
                m = pattern.match(block)
                if key not in meta and m and (d := parse_date(m.group("date"))):
                    meta[key] = d
        if meta.get("modified") or meta.get("published"):
            meta["date"] = meta.get("modified") or meta.get("published")
        if not text.strip():
            raise IngestError(path, "no readable text in the page's content")
        return Extracted(text=text + "\n", format=self.name, title=title, meta=meta, layout="marked")

    @staticmethod
    def _meta_hints(tree) -> dict[str, str]:
        meta: dict[str, str] = {}
        modified = _meta_content(
            tree, "article:modified_time", "og:updated_time", "dcterms.modified", "DC.date.modified", "last-modified", "dateModified"
        )
        published = _meta_content(
            tree, "article:published_time", "dcterms.created", "dcterms.date", "DC.date", "date", "datePublished"
        )
        if not modified:
            # <time datetime> inside an "updated" line is common in CMS templates
            for node in tree.css("time[datetime]"):
                context = (node.parent.text() if node.parent is not None else "").lower()
                if "opdater" in context:
                    modified = node.attributes.get("datetime") or ""
                    break
        if d := parse_date(modified):
            meta["modified"] = d
        if d := parse_date(published):
            meta["published"] = d
        description = _meta_content(tree, "description", "og:description")
        if description:
            meta["description"] = description
        lang = tree.css_first("html")
        if lang is not None and lang.attributes.get("lang"):
            meta["language"] = lang.attributes["lang"]
        return meta
