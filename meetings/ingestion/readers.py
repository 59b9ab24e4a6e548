"""Files to article inputs: no database, no extraction, just text and metadata.

``read_paths`` walks files and folders and yields, in a stable order, one item per
article (``ArticleInput``), per rejected file or line (``Rejection``) and per file left
out of a folder because of its type (``Skipped``). It never raises for bad input: every
problem becomes a ``Rejection`` naming the file (and line) and the reason.

Formats:
- ``.txt``: the file is the article (its header line is the extractor's to read);
  source = the file's base name.
- ``.html`` / ``.htm``: a saved page; main text and metadata with trafilatura.
- ``.xml`` / ``.rss`` / ``.atom`` / ``.feed``: an RSS or Atom feed, each entry an article.
- ``.jsonl``: one article a line, ``{"url", "title", "published", "outlet", "text"}``.
Entries of feeds and JSONL dumps are named by their URL (stable across dumps), or by
file and line/entry number when they have none.
"""

from __future__ import annotations

import datetime
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
FEED_SUFFIXES = {".xml", ".rss", ".atom", ".feed"}
JSONL_SUFFIXES = {".jsonl"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | JSONL_SUFFIXES


@dataclass(frozen=True)
class ArticleInput:
    """One article as read from a file: what the extractor and the Article row need."""

    source: str
    text: str
    origin: str  # where it came from, for messages: "path" or "path:line"
    url: str = ""
    title: str | None = None
    published: datetime.date | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class Rejection:
    origin: str
    reason: str


@dataclass(frozen=True)
class Skipped:
    origin: str
    reason: str


ReadItem = ArticleInput | Rejection | Skipped


def list_files(paths: Iterable[str | os.PathLike]) -> Iterator[tuple[Path, bool] | Rejection]:
    """Each file to read, with whether it was named explicitly; folders recursively."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    yield Path(root) / name, False
        elif path.exists():
            yield path, True
        else:
            yield Rejection(str(path), "no such file or directory")


def read_paths(paths: Iterable[str | os.PathLike], *, max_bytes: int) -> Iterator[ReadItem]:
    """Articles, rejections and skipped files of ``paths``, in order. Never raises."""
    for entry in list_files(paths):
        if isinstance(entry, Rejection):
            yield entry
            continue
        path, explicit = entry
        yield from read_file(path, explicit=explicit, max_bytes=max_bytes)


def read_file(path: Path, *, explicit: bool = True, max_bytes: int) -> Iterator[ReadItem]:
    """The articles of one file. Unknown types are rejected when named, skipped in folders."""
    suffix = path.suffix.lower()
    origin = str(path)
    if suffix not in KNOWN_SUFFIXES:
        reason = f"unknown file type {suffix or '(none)'!r}"
        yield Rejection(origin, reason) if explicit else Skipped(origin, reason)
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield Rejection(origin, f"file too large ({size} bytes, limit {max_bytes})")
            return
        raw = path.read_bytes()
    except OSError as exc:
        yield Rejection(origin, f"cannot read: {exc.strerror or exc}")
        return
    if not raw.strip():
        yield Rejection(origin, "empty file")
        return
    if suffix in TEXT_SUFFIXES:
        yield from read_text(path, raw)
    elif suffix in HTML_SUFFIXES:
        yield from read_html(path, raw)
    elif suffix in FEED_SUFFIXES:
        yield from read_feed(path, raw, max_bytes=max_bytes)
    else:
        yield from read_jsonl(path, raw, max_bytes=max_bytes)


def decode(path: Path, raw: bytes) -> str | Rejection:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Rejection(str(path), f"not UTF-8 (byte {exc.start})")


def read_text(path: Path, raw: bytes) -> Iterator[ReadItem]:
    text = decode(path, raw)
    if isinstance(text, Rejection):
        yield text
        return
    yield ArticleInput(source=path.name, text=text, origin=str(path))


def read_html(path: Path, raw: bytes) -> Iterator[ReadItem]:
    import trafilatura  # slow to import: only when there is HTML to read

    try:
        document = trafilatura.bare_extraction(raw, with_metadata=True)
        doc = document.as_dict() if document is not None else {}
    except Exception as exc:  # trafilatura raises many types on broken markup
        yield Rejection(str(path), f"broken HTML: {exc}")
        return
    text = doc.get("text") or ""
    if not text.strip():
        yield Rejection(str(path), "no article text found in the HTML")
        return
    yield ArticleInput(
        source=path.name,
        text=text,
        origin=str(path),
        url=(doc.get("url") or "")[:1000],
        title=doc.get("title") or None,
        published=parse_date(doc.get("date")),
        outlet=doc.get("sitename") or None,
    )


def read_feed(path: Path, raw: bytes, *, max_bytes: int) -> Iterator[ReadItem]:
    import feedparser

    feed = feedparser.parse(raw)
    problem = feed.get("bozo_exception")
    if feed.bozo and not isinstance(problem, feedparser.CharacterEncodingOverride):
        yield Rejection(str(path), f"broken feed: {problem}")
        return
    if not feed.entries:
        yield Rejection(str(path), "feed has no entries")
        return
    outlet = (feed.feed.get("title") or "").strip() or None
    for number, entry in enumerate(feed.entries, 1):
        origin = f"{path}:entry {number}"
        body = ""
        if entry.get("content"):
            body = entry.content[0].get("value") or ""
        body = body or entry.get("summary") or ""
        text = html_to_text(body)
        if not text.strip():
            yield Rejection(origin, "entry has no text")
            continue
        if len(text.encode("utf-8")) > max_bytes:
            yield Rejection(origin, f"entry too large (limit {max_bytes} bytes)")
            continue
        url = (entry.get("link") or "").strip()
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        published = datetime.date(*parsed[:3]) if parsed else None
        yield ArticleInput(
            source=url or entry.get("id") or f"{path.name}#{number}",
            text=text,
            origin=origin,
            url=url[:1000],
            title=(entry.get("title") or "").strip() or None,
            published=published,
            outlet=outlet,
        )


def read_jsonl(path: Path, raw: bytes, *, max_bytes: int) -> Iterator[ReadItem]:
    text = decode(path, raw)
    if isinstance(text, Rejection):
        yield text
        return
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        origin = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejection(origin, f"not JSON: {exc.msg}")
            continue
        if not isinstance(record, dict):
            yield Rejection(origin, "not a JSON object")
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            yield Rejection(origin, "no text")
            continue
        if len(body.encode("utf-8")) > max_bytes:
            yield Rejection(origin, f"text too large (limit {max_bytes} bytes)")
            continue
        url = str(record.get("url") or "").strip()
        yield ArticleInput(
            source=url or f"{path.name}:{number}",
            text=body,
            origin=origin,
            url=url[:1000],
            title=str(record.get("title") or "").strip() or None,
            published=parse_date(record.get("published")),
            outlet=str(record.get("outlet") or "").strip() or None,
        )


def parse_date(value: object) -> datetime.date | None:
    """The date of an ISO date or datetime string; None for anything else."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return datetime.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


class TextCollector(HTMLParser):
    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "tr", "blockquote"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (feed entries often carry markup), one line a block."""
    if "<" not in fragment:
        return fragment.strip()
    collector = TextCollector()
    collector.feed(fragment)
    collector.close()
    lines = (" ".join(line.split()) for line in "".join(collector.parts).splitlines())
    return "\n".join(line for line in lines if line)
