"""``python -m meetings.extraction FILE [FILE...]``: one contract JSON line per file.

Bad files (missing, unreadable, not UTF-8, empty) get a one-line error on stderr and a
non-zero exit status; the other files are still processed.
"""

from __future__ import annotations

import json
import sys

from meetings.extraction.core import ExtractionInputError, extract_file


def main(argv: list[str] | None = None) -> int:
    paths = sys.argv[1:] if argv is None else argv
    if not paths:
        print("usage: python -m meetings.extraction FILE [FILE...]", file=sys.stderr)
        return 2
    # Names such as "Sánchez" must print whatever the terminal's locale says.
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    status = 0
    for path in paths:
        try:
            report = extract_file(path)
        except ExtractionInputError as exc:
            print(f"error: {exc.path}: {exc.reason}", file=sys.stderr)
            status = 1
            continue
        print(json.dumps(report.to_contract(), ensure_ascii=False))
    return status


if __name__ == "__main__":
    sys.exit(main())
