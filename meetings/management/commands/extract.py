"""Extract meeting reports from article files, one CONTRACT JSON line per file.

Why: the extractor's output is what the evaluation scores, file by file, without a
database. Bad files are reported on stderr; the others are still extracted. Only regular
files within MEETINGS_MAX_ARTICLE_BYTES are read, as for ingestion.
"""

import json
import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from meetings.extraction import extract
from meetings.ingestion.readers import UnreadableFile, read_bounded


class Command(BaseCommand):
    help = "Print one CONTRACT extract JSON object per file, in the order given."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")

    def handle(self, *args, files, **options):
        failed = 0
        for path in files:
            try:
                text = read_article_text(path, max_bytes=settings.MEETINGS_MAX_ARTICLE_BYTES)
            except UnreadableFile as exc:
                failed += 1
                self.stderr.write(f"{path}: {exc.reason}")
                continue
            report = extract(text, source=os.path.basename(path))
            self.stdout.write(json.dumps(report.to_contract(), ensure_ascii=False))
        if failed:
            raise CommandError(f"{failed} of {len(files)} file(s) could not be read")


def read_article_text(path: str, *, max_bytes: int) -> str:
    """The UTF-8 text of an article file; UnreadableFile for anything else."""
    if os.path.isdir(path):
        raise UnreadableFile("is a directory")
    if not os.path.lexists(path):
        raise UnreadableFile("no such file")
    raw = read_bounded(path, max_bytes=max_bytes)
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark is not part of the text
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"not UTF-8 (byte {exc.start})") from None
    if not text.strip():
        raise UnreadableFile("empty file")
    return text.replace("\x00", "")
