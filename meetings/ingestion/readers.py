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

Only regular files are read (a link to a device or a named pipe is rejected, never
opened for reading), and never more than ``max_bytes`` of them. NUL characters are removed
from everything read, on every database alike; only http and https addresses are kept
as URLs.
"""

from __future__ import annotations

import datetime
import errno
import json
import os
import stat
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

    def __post_init__(self) -> None:
        # PostgreSQL cannot store NUL in text, SQLite can: remove it for both.
        for name in ("source", "text", "origin", "url", "title", "outlet"):
            value = getattr(self, name)
            if value and "\x00" in value:
                object.__setattr__(self, name, value.replace("\x00", ""))


@dataclass(frozen=True)
class Rejection:
    origin: str
    reason: str


@dataclass(frozen=True)
class Skipped:
    origin: str
    reason: str


ReadItem = ArticleInput | Rejection | Skipped


class UnreadableFile(Exception):
    """A path that is not a readable regular file within the limit; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


FILE_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
)


def describe_os_error(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno == errno.ENOENT:
        return "no such file or directory"
    return exc.strerror or str(exc)


def describe_missing(path: Path) -> str:
    """Why a path that does not resolve is missing: absent, a dangling link or a loop."""
    if not path.is_symlink():
        return "no such file or directory"
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
    return f"broken symbolic link (to {os.readlink(path)})"


def read_bounded(path: str | os.PathLike, *, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; raise UnreadableFile else.

    The file is opened without blocking (a named pipe would wait for a writer for ever)
    and checked on the open descriptor, so a link swapped meanwhile cannot slip through;
    the read stops at the limit even if the file grows.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise UnreadableFile(f"cannot read: {describe_os_error(exc)}") from None
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in FILE_KINDS if test(mode)), "a special file")
            raise UnreadableFile(f"not a regular file ({kind})")
        size = os.fstat(fd).st_size
        if size > max_bytes:
            raise UnreadableFile(f"file too large ({size} bytes, limit {max_bytes})")
        os.set_blocking(fd, True)
        try:
            raw = handle.read(max_bytes + 1)
        except OSError as exc:
            raise UnreadableFile(f"cannot read: {describe_os_error(exc)}") from None
    if len(raw) > max_bytes:
        raise UnreadableFile(f"file too large (over the limit of {max_bytes} bytes)")
    return raw


def list_files(paths: Iterable[str | os.PathLike]) -> Iterator[tuple[Path, bool] | Rejection]:
    """Each file to read, with whether it was named explicitly; folders recursively.

    A folder that cannot be listed is a rejection, like a file that cannot be read.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            problems: list[OSError] = []
            for root, dirs, files in os.walk(path, onerror=problems.append):
                yield from folder_rejections(problems)
                dirs.sort()
                for name in sorted(files):
                    yield Path(root) / name, False
            yield from folder_rejections(problems)
        elif path.exists():
            yield path, True
        else:
            yield Rejection(str(path), describe_missing(path))


def folder_rejections(problems: list[OSError]) -> Iterator[Rejection]:
    while problems:
        exc = problems.pop(0)
        yield Rejection(str(exc.filename), f"cannot read folder: {describe_os_error(exc)}")


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
        raw = read_bounded(path, max_bytes=max_bytes)
    except UnreadableFile as exc:
        yield Rejection(origin, exc.reason)
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


def looks_binary(raw: bytes) -> bool:
    """Whether bytes are binary data rather than text in any encoding: text has almost no
    control characters besides tabs and line breaks."""
    sample = raw[:65536]
    controls = sum(sample.count(bytes([c])) for c in CONTROL_BYTES)
    return controls > len(sample) // 50


CONTROL_BYTES = bytes(c for c in [*range(32), 127] if c not in b"\t\n\r\f")


def web_url(value: object) -> str:
    """An http or https address, else "" (a ``javascript:`` or ``data:`` link is no URL)."""
    url = str(value or "").strip()
    scheme, _, rest = url.partition(":")
    if scheme.lower() not in {"http", "https"} or not rest.startswith("//"):
        return ""
    return url[:1000]


def read_html(path: Path, raw: bytes) -> Iterator[ReadItem]:
    import trafilatura  # slow to import: only when there is HTML to read

    if looks_binary(raw):
        yield Rejection(str(path), "binary data, not an HTML page")
        return

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
        url=web_url(doc.get("url")),
        title=doc.get("title") or None,
        published=parse_date(doc.get("date")),
        outlet=doc.get("sitename") or None,
    )


def read_feed(path: Path, raw: bytes, *, max_bytes: int) -> Iterator[ReadItem]:
    import feedparser

    feed = feedparser.parse(raw)
    problem = feed.get("bozo_exception")
    broken = feed.bozo and not isinstance(problem, feedparser.CharacterEncodingOverride)
    if not broken and not feed.entries:
        yield Rejection(str(path), "feed has no entries")
        return
    items = list(read_entries(path, feed, max_bytes=max_bytes))
    if broken:
        # The entries read before the damage are kept, like the good lines of a JSONL
        # dump; an entry left without text is where the damage is, not a second fault.
        items = [i for i in items if not (isinstance(i, Rejection) and i.reason == NO_TEXT)]
        kept = sum(isinstance(i, ArticleInput) for i in items)
        recovered = f"; the {kept} complete entries before it were read" if kept else ""
        yield Rejection(str(path), f"broken feed: {problem}{recovered}")
    yield from items


NO_TEXT = "entry has no text"


def read_entries(path: Path, feed, *, max_bytes: int) -> Iterator[ReadItem]:
    outlet = (feed.feed.get("title") or "").strip() or None
    for number, entry in enumerate(feed.entries, 1):
        origin = f"{path}:entry {number}"
        body = ""
        if entry.get("content"):
            body = entry.content[0].get("value") or ""
        body = body or entry.get("summary") or ""
        text = html_to_text(body)
        if not text.strip():
            yield Rejection(origin, NO_TEXT)
            continue
        if len(text.encode("utf-8")) > max_bytes:
            yield Rejection(origin, f"entry too large (limit {max_bytes} bytes)")
            continue
        url = web_url(entry.get("link"))
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        published = datetime.date(*parsed[:3]) if parsed else None
        yield ArticleInput(
            source=url or web_url(entry.get("id")) or f"{path.name}#{number}",
            text=text,
            origin=origin,
            url=url,
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
        try:
            json.dumps(record, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:  # "\ud800" is valid JSON, not valid text
            yield Rejection(origin, "not valid Unicode (an unpaired surrogate escape)")
            continue
        size = len(body.encode("utf-8"))
        if size > max_bytes:
            yield Rejection(origin, f"text too large (limit {max_bytes} bytes)")
            continue
        url = web_url(record.get("url"))
        yield ArticleInput(
            source=url or f"{path.name}:{number}",
            text=body,
            origin=origin,
            url=url,
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
