"""How sure ingestion is of each fact it records, and below which a person checks it.

The one place that decides: the threshold, and what a fact's confidence comes from.
Today that is what the report gives (a sentence cited for the fact, or none) and what
resolution saw (a person matched by a similar rather than the same name, another
source saying otherwise). A confidence the extractor gives a fact itself (an
``Evidence.confidence``) is taken as it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# Facts below this enter the review queue.
THRESHOLD = 0.5

SUPPORTED = 0.9  # a sentence of the article is cited for it
UNSUPPORTED = 0.4  # reported, but no sentence is cited for it
FUZZY_NAME = 0.45  # a person matched to a stored one by a similar, not the same, name
DISAGREED = 0.3  # another source says otherwise

# The evidence that supports a fact, when it is not the fact's own: the extractor cites
# the venue sentence once, as "session.city", for the city or the country it names.
CITED_AS = {"country": ("session.country", "session.city")}


@dataclass(frozen=True)
class Confidence:
    value: float
    reason: str

    @property
    def low(self) -> bool:
        return self.value < THRESHOLD


def evidence_for(fact: str, evidence: Iterable) -> list:
    """The evidence items of a report that support a fact ("city", "delegation.PAK.head")."""
    names = CITED_AS.get(fact, (fact if fact.startswith("delegation.") else f"session.{fact}",))
    return [item for item in evidence if item.fact in names]


def fact_confidence(
    fact: str, *, evidence: Iterable, fuzzy_name: str = "", disagreed: bool = False
) -> Confidence:
    """The confidence of one reported fact of an article."""
    cited = evidence_for(fact, evidence)
    given = [c for c in (getattr(item, "confidence", None) for item in cited) if c is not None]
    if disagreed:
        return Confidence(DISAGREED, "another source says otherwise")
    if fuzzy_name:
        return Confidence(FUZZY_NAME, f"matched to {fuzzy_name} by a similar name")
    if given:
        value = min(given)
        return Confidence(value, "as the extractor rated it")
    if cited:
        return Confidence(SUPPORTED, "a sentence states it")
    return Confidence(UNSUPPORTED, "no sentence of the article states it")
