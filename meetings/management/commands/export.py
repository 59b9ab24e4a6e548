"""Export the tracker: the CONTRACT's JSON document, or one CSV row per session.

Why: the series and sessions are scored from this export, and it is the way to take the
record elsewhere.
"""

import json

from django.core.management.base import BaseCommand

from meetings.export import export_csv, export_series


class Command(BaseCommand):
    help = "Write every series with its sessions to stdout as JSON (the contract) or CSV."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, *args, format, **options):
        if format == "csv":
            self.stdout.write(export_csv(), ending="")
        else:
            self.stdout.write(json.dumps(export_series(), ensure_ascii=False, indent=1))
