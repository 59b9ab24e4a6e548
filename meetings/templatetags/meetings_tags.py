"""Presentation helpers: highlighted article text, the htmx script when installed,
labels and dates as the pages show them, readable fact names.

Article text is untrusted: it is only ever passed through `format_html`/`escape`.
"""

from functools import lru_cache

from django import template
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from meetings.ingestion.facts import manual_facts
from meetings.models import KINDS, TOPICS

register = template.Library()

HTMX_PATH = "htmx/htmx.min.js"


@lru_cache(maxsize=1)
def _htmx_available() -> bool:
    return bool(finders.find(HTMX_PATH))


@register.simple_tag
def htmx_script():
    """The htmx script tag when npm installed it (see package.json), else nothing: the
    pages work without it."""
    if not _htmx_available():
        return ""
    return format_html('<script src="{}" defer></script>', static(HTMX_PATH))


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_KIND_LABELS = dict(KINDS)
_TOPIC_LABELS = dict(TOPICS)


@register.filter
def kind_label(value: str) -> str:
    """The kind's display name (`get_kind_display` re-flattens the choices each call)."""
    return _KIND_LABELS.get(value, value)


@register.filter
def topic_label(value: str) -> str:
    return _TOPIC_LABELS.get(value, value)


@register.filter
def day_month_year(value) -> str:
    """12 Nov 2019: the lists' date format, without the cost of the `date` filter."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}" if value else ""


@register.filter
def month_year(value) -> str:
    """Nov 2019, without the cost of the `date` filter."""
    return f"{_MONTHS[value.month - 1]} {value.year}" if value else ""


@register.filter
def partial_date(value, precision="day"):
    """A date shown only as precisely as it is known: 12 Nov 2019, Nov 2019 or 2019."""
    if not value:
        return ""
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return f"{_MONTHS[value.month - 1]} {value.year}"
    return day_month_year(value)


@register.filter
def fact_label(fact: str) -> str:
    """ "delegation.head_title" -> "Delegation head title"."""
    return fact.replace(".", " ").replace("_", " ").strip().capitalize()


def highlight_spans(text: str, spans) -> str:
    """`text` escaped, with each (start, end, key, label) span wrapped in
    <mark id="ev-KEY">. Overlapping spans merge into one mark that carries an anchor for
    every key; spans outside the text are dropped."""
    text = text or ""
    valid = sorted(
        (max(start, 0), min(end, len(text)), key, label)
        for start, end, key, label in spans
        if start < end and start < len(text)
    )
    groups: list[list] = []
    for start, end, key, label in valid:
        if groups and start < groups[-1][1]:
            groups[-1][1] = max(groups[-1][1], end)
            groups[-1][2].append(key)
            groups[-1][3].append(label)
        else:
            groups.append([start, end, [key], [label]])
    pieces = []
    position = 0
    for start, end, keys, labels in groups:
        extra_anchors = format_html_join("", '<span id="ev-{}"></span>', ((k,) for k in keys[1:]))
        mark = format_html(
            '<mark id="ev-{}" title="{}">{}{}</mark>',
            keys[0],
            "; ".join(dict.fromkeys(labels)),
            extra_anchors,
            text[start:end],
        )
        pieces.append((text[position:start], mark))
        position = end
    return format_html("{}{}", format_html_join("", "{}{}", pieces), text[position:])


@register.simple_tag
def highlighted_text(article, evidence):
    """The article's text with the sentences behind `evidence` (those of this article)
    highlighted."""
    spans = [
        (e.start, e.end, e.pk, f"{fact_label(e.fact)}: {e.value}")
        for e in evidence
        if e.article_id == article.pk
    ]
    return highlight_spans(article.text, spans)


@register.filter
def http_url(value: str) -> str:
    """The address if it is http(s), else "": no javascript: links from stored data."""
    value = (value or "").strip()
    return value if value.lower().startswith(("http://", "https://")) else ""


@register.simple_tag
def fact_mark(session, fact: str):
    """A small mark: the fact was confirmed or corrected by a person, or machine-read."""
    if fact in session.confirmed_fields or fact in manual_facts(session):
        return mark_safe(
            '<span class="mark mark-confirmed" title="Confirmed by a person">✓ confirmed</span>'
        )
    return mark_safe(
        '<span class="mark mark-machine" title="Read by the machine">machine-read</span>'
    )


@register.filter
def review_fact(fact: str) -> str:
    """ "delegation.PAK.head" reads "Head of the PAK delegation", "start" reads "Start"."""
    parts = fact.split(".")
    if len(parts) == 3 and parts[0] == "delegation":
        return f"{parts[2].capitalize()} of the {parts[1]} delegation"
    return fact_label(fact)
