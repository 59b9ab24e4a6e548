"""Extract meeting reports from article files, one CONTRACT JSON line per file.

Why: the extractor's output is what the evaluation scores, file by file, without a
database. Bad files are reported on stderr; the others are still extracted.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from meetings.extraction import ExtractionInputError, extract_file


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
                report = extract_file(path)
            except ExtractionInputError as exc:
                failed += 1
                self.stderr.write(f"{exc.path}: {exc.reason}")
                continue
            self.stdout.write(json.dumps(report.to_contract(), ensure_ascii=False))
        if failed:
            raise CommandError(f"{failed} of {len(files)} file(s) could not be read")
