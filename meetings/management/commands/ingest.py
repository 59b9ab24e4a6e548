"""Ingest article files and folders into the tracker (.txt, .html, feeds, .jsonl).

Why: this is how articles become series, sessions and people. It is idempotent (an
article already stored changes nothing), each article has its own transaction, and a
bad file is reported and skipped while the rest goes on; the exit status is non-zero
when anything was rejected.
"""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from meetings.ingestion import ingest_paths


class Command(BaseCommand):
    help = "Ingest .txt, .html/.htm, RSS/Atom and .jsonl files or folders (recursively)."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--no-progress", action="store_true", help="no progress bar even on a terminal"
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="read, extract and resolve everything, then roll it all back",
        )

    def handle(self, *args, paths, verbosity, no_progress, dry_run, **options):
        bar = None
        if not no_progress and verbosity >= 1 and sys.stderr.isatty():
            from tqdm import tqdm

            bar = tqdm(unit=" articles", file=sys.stderr)

        def progress(outcome):
            if bar is not None:
                bar.update()
            if verbosity >= 2:
                self.stdout.write(f"{outcome.origin}: {outcome.status} {outcome.reason}".rstrip())

        if dry_run:
            with transaction.atomic():
                summary = ingest_paths(paths, progress=progress)
                transaction.set_rollback(True)
        else:
            summary = ingest_paths(paths, progress=progress)
        if bar is not None:
            bar.close()
        for origin, reason in summary.rejected:
            self.stderr.write(f"{origin}: {reason}")
        if verbosity >= 1:
            self.stdout.write(
                ("dry run, nothing saved: " if dry_run else "")
                + f"new: {summary.new}, already known: {summary.known}, "
                f"not a meeting: {summary.not_meeting}, rejected: {len(summary.rejected)}, "
                f"skipped: {len(summary.skipped)}; sessions created: "
                f"{summary.sessions_created}, updated: {summary.sessions_updated}"
            )
        if summary.rejected:
            raise CommandError(f"{len(summary.rejected)} article(s) or file(s) rejected")
