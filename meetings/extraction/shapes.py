"""Sentence shapes that say which side a person heads, as named tables.

Each shape is one row: a name, the pattern, and an example sentence that is also its
test case (tests/extraction/test_shapes.py runs every example). Adding a shape is one
row here. Patterns see the sentence with honorifics blanked out.

``BEFORE_NAME`` shapes end just before the person's position or name ("The Pakistani
delegation was led by <X>"); their ``side`` group names the side. ``AFTER_NAME`` shapes
start right after the name or position ("<X> led the Russian delegation").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SIDE = r"[\w'’-]+(?:\s[\w'’-]+)?"
LED = r"(?:led|headed|represented|chaired)"
# A session under way or beginning that day: "X will lead", "will be led by".
WILL_BE = r"(?:will|would|shall)\s+be"


@dataclass(frozen=True)
class Shape:
    name: str
    pattern: str
    example: str
    side: str  # the party the example's person heads
    # The second half of a gapped list counts only after "X was led by" in the sentence.
    needs_list: bool = False


BEFORE_NAME = (
    Shape(
        "side led by",
        rf"(?P<side>{SIDE})\s+(?:delegation|side|team),?\s+"
        rf"(?:(?:was|is|were|had been|{WILL_BE})\s+)?{LED}\s+by",
        "The Pakistani delegation was led by Director General Ahmad Farooq.",
        "PAK",
    ),
    Shape(
        "on the side by",
        rf"(?:on|for)\s+the\s+(?P<side>{SIDE})\s+side\s+by",
        "The talks were led on the Russian side by Ambassador Ivan Petrov.",
        "RUS",
    ),
    Shape(
        "leader of the delegation,",
        rf"\b(?:head|leader|chief|co-?chair(?:man|person)?|chair(?:man|person)?)\s+of\s+the\s+"
        rf"(?P<side>{SIDE})\s+(?:delegation|side|team),",
        "The leader of the Australian delegation, Gary Mills, thanked the hosts.",
        "AUS",
    ),
    Shape(
        "leading the delegation,",
        rf"\bleading\s+the\s+(?P<side>{SIDE})\s+(?:delegation|side|team),",
        "Leading the Kenyan delegation, Ambassador Grace Njeri thanked the hosts.",
        "KEN",
    ),
    Shape(
        "delegation of X was led by",
        r"(?:delegation|side|team)\s+(?:of|from)\s+(?:the\s+)?"
        rf"(?P<side>[\w'’-]+(?:\s[\w'’-]+){{0,4}}?)\s+(?:was|is|were|{WILL_BE})\s+{LED}\s+by",
        "The delegation from Brazil was led by Paulo Souza.",
        "BRA",
    ),
    Shape(
        "country was represented by",
        r"(?P<side>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){0,3})\s+(?:was|is|were)\s+"
        r"(?:represented|led|headed)\s+by",
        "New Delhi was represented by Secretary Asha Rao.",
        "IND",
    ),
    Shape(
        "gapped list",
        r"(?:,|\band|\bwhile)\s+(?:the\s+)?(?P<side>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){0,2})"
        r"\s+by",
        "Brazil was led by Paulo Souza, China by Wang Lei and Russia by Ivan Petrov.",
        "CHN",
        needs_list=True,
    ),
)

AFTER_NAME = (
    Shape(
        "led the delegation of X",
        r"(?:delegation|side|team)\s+of\s+(?:the\s+)?(?P<side>[A-Z][\w'’ -]{2,40}?)"
        r"(?=\s*[,.;]|\s+(?:while|and|at|in|to)\b)",
        "Ivan Petrov led the delegation of the Russian Federation.",
        "RUS",
    ),
    Shape(
        "led the X delegation",
        r"(?P<side>[^,.;]{1,40}?)\s+(?:delegation|side|team)\b",
        "Deputy Minister Ivan Petrov led the Russian delegation.",
        "RUS",
    ),
    Shape(
        "represented X",
        r"(?P<side>[A-Z][\w'’ -]{2,40}?)(?=\s*[,.;]|\s+(?:while|and|at|in)\b)",
        "Ambassador Ivan Petrov represented Russia, and Asha Rao India.",
        "RUS",
    ),
)

LEAD_VERB_AFTER = (
    r"\A\s*,?\s*(?:who\s+)?(?:co-)?(?:led|leads|headed|heads|chaired|represented|"
    r"(?:was|is)\s+leading|(?:was|is)\s+heading|(?:will|would|shall)\s+(?:lead|head))\s+"
    r"(?:the\s+)?"
)


def compile_before(shapes: tuple[Shape, ...]) -> re.Pattern:
    """One pattern whose group ``s<k>`` is the side of shape ``k``; it ends the text."""
    parts = [
        "(?:" + s.pattern.replace("(?P<side>", f"(?P<s{k}>") + ")" for k, s in enumerate(shapes)
    ]
    return re.compile("(?:" + "|".join(parts) + r")\s+\Z", re.IGNORECASE)


def compile_after(shapes: tuple[Shape, ...]) -> re.Pattern:
    parts = [
        "(?:" + s.pattern.replace("(?P<side>", f"(?P<s{k}>") + ")" for k, s in enumerate(shapes)
    ]
    return re.compile(LEAD_VERB_AFTER + "(?:" + "|".join(parts) + ")")


BEFORE_NAME_RE = compile_before(BEFORE_NAME)
AFTER_NAME_RE = compile_after(AFTER_NAME)


def matched(m: re.Match, shapes: tuple[Shape, ...]) -> tuple[Shape, str] | None:
    """The shape that matched and the side it names."""
    for k, shape in enumerate(shapes):
        value = m.group(f"s{k}")
        if value is not None:
            return shape, value
    return None
