"""The rows the API returns, as plain dictionaries built from a few bulk queries: a page
of fifty sessions needs its delegations, sources and evidence in one query each, never
one per row, so the number of queries is the same whatever the page size.

Addresses are absolute: `base` is the scheme and host of the request.
"""

import datetime
from operator import itemgetter
from urllib.parse import urlencode

from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from meetings import timeline
from meetings.models import (
    Article,
    Country,
    Delegation,
    Evidence,
    format_partial_date,
    page_url_maker,
    venue_label,
)
from meetings.querysets import (
    DELEGATION_ORDER_IN_SESSION,
    SESSION_ROW_COLUMNS,
    OneOf,
    attach_party_briefs,
    attach_session_briefs,
)


def http_url(value: str) -> str:
    """The address if it is http(s), else "": no javascript: links from stored data."""
    value = (value or "").strip()
    return value if value.lower().startswith(("http://", "https://")) else ""


def list_url(base: str, route: str, **filters) -> str:
    return f"{base}{reverse(route)}?{urlencode(filters)}"


def addresses(base: str, route: str):
    """`key -> base + page_url(route, key)`, with the route split once."""
    return page_url_maker(route, base=base)


def _iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


class Links:
    """The references rows make to sessions, series, countries, officials and articles,
    with their API and page addresses; each route is split once, for a whole answer
    (a page of sessions has some two thousand addresses)."""

    def __init__(self, base: str):
        self.api_session = addresses(base, "api:session")
        self.session_page = addresses(base, "meetings:session")
        self.api_series = addresses(base, "api:series")
        self.series_page = addresses(base, "meetings:series")
        self.api_country = addresses(base, "api:country")
        self.country_page = addresses(base, "meetings:country")
        self.api_official = addresses(base, "api:official")
        self.official_page = addresses(base, "meetings:official")
        self.api_article = addresses(base, "api:article")
        self.article_page = addresses(base, "meetings:article")

    def series(self, slug: str, name: str) -> dict:
        return {
            "slug": slug,
            "name": name,
            "url": self.api_series(slug),
            "page": self.series_page(slug),
        }

    def country(self, code: str | None, name: str | None) -> dict | None:
        if not code:
            return None
        return {
            "code": code,
            "name": name or code,
            "url": self.api_country(code),
            "page": self.country_page(code),
        }

    def official(self, pk: int | None, name: str | None) -> dict | None:
        if pk is None:
            return None
        return {
            "id": pk,
            "name": name,
            "url": self.api_official(pk),
            "page": self.official_page(pk),
        }

    def session(self, session) -> dict | None:
        """A session as a series links it: number, date, status, venue label."""
        if session is None:
            return None
        return {
            "id": session.pk,
            "number": session.number,
            "status": session.status,
            "start": format_partial_date(session.start_date, session.start_precision),
            "venue": session.venue or None,
            "url": self.api_session(session.pk),
            "page": self.session_page(session.pk),
        }


# ---- sessions ----------------------------------------------------------------------------


def _party(country_id, country_name, organization, organization_name) -> dict:
    if country_id:
        return {"type": "country", "code": country_id, "name": country_name}
    return {"type": "organization", "code": organization, "name": organization_name or organization}


# What a session row shows of the session, its series and its host, read with
# `.values(*SESSION_COLUMNS)` (or from a loaded session by `session_values`): the list
# page's columns and those only the API shows.
SESSION_COLUMNS = (
    "pk",
    "series__slug",
    "series__name",
    *(name for name in SESSION_ROW_COLUMNS if name != "id"),
    "conflicts",
    "updated_at",
)


def session_values(session) -> dict:
    """A session loaded with its series and host, as a `.values(*SESSION_COLUMNS)` row."""
    row = {
        "pk": session.pk,
        "series__slug": session.series.slug,
        "series__name": session.series.name,
        "country__name": session.country.name if session.country_id else None,
    }
    row.update({name: getattr(session, name) for name in SESSION_COLUMNS if name not in row})
    return row


def session_rows(sessions, *, base: str) -> list[dict]:
    """Sessions as `.values(*SESSION_COLUMNS)` rows, made API rows with their
    delegations, sources and evidence: three queries whatever their number."""
    sessions = list(sessions)
    ids = [s["pk"] for s in sessions]
    links = Links(base)
    delegations = {pk: [] for pk in ids}
    sources = {pk: [] for pk in ids}
    evidence = {pk: [] for pk in ids}
    if ids:
        delegation_owner = _add_delegations(delegations, ids, links)
        facts = _facts_of(ids, delegation_owner)
        texts = _add_sources(sources, ids, {row[6] for row in facts}, links)
        _add_evidence(evidence, facts, texts, delegation_owner)
    return [_session_row(s, links, delegations, sources, evidence) for s in sessions]


def _add_delegations(delegations: dict, ids: list[int], links) -> dict:
    """Fills in the sessions' delegations; returns each delegation's session and party,
    for the evidence of its facts."""
    delegation_owner = {}
    for pk, session_id, *values in (
        Delegation.objects.filter(OneOf(F("session_id"), ids))
        .order_by(*DELEGATION_ORDER_IN_SESSION)
        .values_list(
            "pk",
            "session_id",
            "country_id",
            "country__name",
            "organization__short_name",
            "organization__full_name",
            "head_id",
            "head__name",
            "head_title",
        )
    ):
        *party, head_id, head_name, head_title = values
        delegation_owner[pk] = (session_id, party[0] or party[2])
        delegations[session_id].append(
            {
                "party": _party(*party),
                "head": links.official(head_id, head_name),
                "head_title": head_title,
            }
        )
    return delegation_owner


FACT_COLUMNS = ("session_id", "delegation_id", "fact", "value", "start", "end", "article_id")
_ARTICLE_START_FACT = itemgetter(6, 4, 2)


def _facts_of(ids: list[int], delegation_owner: dict) -> list[tuple]:
    """The sessions' evidence rows (FACT_COLUMNS), in article and text order: their own,
    and their delegations' facts that name no session. Read on the evidence's own
    indexed keys, without joins; two halves of a UNION rather than one OR, which made
    the database recheck every row against both lists."""
    facts = Evidence.objects.filter(OneOf(F("session_id"), ids)).order_by()
    facts = facts.values_list(*FACT_COLUMNS)
    if delegation_owner:
        unowned = Evidence.objects.filter(
            OneOf(F("delegation_id"), list(delegation_owner)), session_id=None
        )
        facts = facts.union(unowned.order_by().values_list(*FACT_COLUMNS), all=True)
    return sorted(facts, key=_ARTICLE_START_FACT)


def _add_sources(sources: dict, ids: list[int], cited: set[int], links) -> dict[int, str]:
    """Fills in the sessions' source articles; returns the texts of those and of the
    other articles the evidence cites (a planned session's facts come from the reports
    of the session before it). The sentences are cut from these texts in Python:
    cutting them in the database decompressed an article's text once per fact."""
    condition = Q(OneOf(F("session_id"), ids))
    if cited:
        condition |= Q(OneOf(F("pk"), sorted(cited)))
    texts = {}
    for session_id, pk, title, outlet, published, url, source_name, text in (
        Article.objects.filter(condition)
        .order_by(F("published").asc(nulls_last=True), "pk")
        .values_list(
            "session_id", "pk", "title", "outlet", "published", "url", "source_name", "text"
        )
    ):
        texts[pk] = text
        if session_id in sources:
            sources[session_id].append(
                {
                    "id": pk,
                    "title": title,
                    "outlet": outlet,
                    "published": _iso(published),
                    "source_name": source_name,
                    "original_url": http_url(url) or None,
                    "url": links.api_article(pk),
                    "page": links.article_page(pk),
                }
            )
    return texts


def _add_evidence(evidence: dict, facts: list[tuple], texts: dict, delegation_owner: dict):
    """Fills in each session's sentences with the facts they give."""
    sentences = {}
    for session_id, delegation_id, fact, value, start, end, article_id in facts:
        if delegation_id is None:
            owner, party = session_id, None
        else:
            owner, party = delegation_owner.get(delegation_id, (None, None))
            owner = session_id or owner
        key = (owner, article_id, start, end)
        sentence = sentences.get(key)
        if sentence is None:
            sentence = sentences[key] = evidence_sentence(
                article_id, start, end, texts[article_id][start:end]
            )
            evidence[owner].append(sentence)
        sentence["facts"].append({"fact": fact, "value": value, "party": party})


def evidence_sentence(article_id: int, start: int, end: int, text: str) -> dict:
    """A sentence of an article, where it is, and (to be filled) the facts it gives:
    most sentences give several, and an API row names each sentence once."""
    return {"article": article_id, "start": start, "end": end, "sentence": text, "facts": []}


def _session_row(s: dict, links: Links, delegations, sources, evidence) -> dict:
    pk, host = s["pk"], s["country__name"]
    venue = venue_label(virtual=s["virtual"], city=s["city"], country=host or "")
    return {
        "id": pk,
        "url": links.api_session(pk),
        "page": links.session_page(pk),
        "series": links.series(s["series__slug"], s["series__name"]),
        "number": s["number"],
        "status": s["status"],
        "start": format_partial_date(s["start_date"], s["start_precision"]),
        "start_precision": s["start_precision"],
        "end": _iso(s["end_date"]),
        "venue": {
            "city": s["city"] or None,
            "country": links.country(s["country_id"], host),
            "virtual": s["virtual"],
            "label": venue or None,
        },
        "delegations": delegations[pk],
        "sources": sources[pk],
        "evidence": evidence[pk],
        "conflicts": [
            {"field": c.get("field", ""), "values": c.get("values", {})}
            for c in (s["conflicts"] or [])
            if isinstance(c, dict)
        ],
        "updated_at": s["updated_at"].isoformat().replace("+00:00", "Z"),
    }


# ---- series ------------------------------------------------------------------------------


def is_country(party) -> bool:
    """Whether a party brief (see attach_party_briefs) is a state, not an organisation."""
    return party.url == Country.url_for(party.pk)


def series_rows(groups, *, base: str, with_sessions: bool = False) -> list[dict]:
    """Series as API rows with parties, organisations and their sessions' summary (the
    latest and next session, cadence): two queries whatever their number."""
    groups = list(groups)
    attach_party_briefs(groups)
    attach_session_briefs(groups)
    today = timezone.localdate()
    links = Links(base)
    rows = []
    for group in groups:
        summary = timeline.summarize(group.session_list, today=today)
        cadence = summary.cadence
        row = {
            "slug": group.slug,
            "name": group.name,
            "url": links.api_series(group.slug),
            "page": links.series_page(group.slug),
            "other_names": list(group.other_names or []),
            "kind": group.kind,
            "topic": group.topic or None,
            "parties": [links.country(p.pk, p.name) for p in group.party_list if is_country(p)],
            "organizations": [
                {"short_name": p.pk, "full_name": p.title}
                for p in group.party_list
                if not is_country(p)
            ],
            "held_sessions": summary.held_count,
            "latest_session": links.session(summary.latest),
            "next_session": links.session(summary.next),
            "cadence": {
                "median_days": cadence.median_days,
                "median_months": cadence.median_months,
                "expected": _iso(cadence.expected),
                "overdue": cadence.overdue,
            },
            "sessions_url": list_url(base, "api:session_list", series=group.slug),
        }
        if with_sessions:
            row["sessions"] = [links.session(s) for s in group.session_list]
        rows.append(row)
    return rows


# ---- countries, officials, articles ------------------------------------------------------


def country_rows(countries, *, base: str) -> list[dict]:
    links = Links(base)
    return [
        {
            **links.country(c.alpha3, c.name),
            "alpha2": c.alpha2,
            "other_names": list(c.other_names or []),
            "series_url": list_url(base, "api:series_list", country=c.alpha3),
            "sessions_url": list_url(base, "api:session_list", country=c.alpha3),
        }
        for c in countries
    ]


def official_rows(officials, *, base: str) -> list[dict]:
    links = Links(base)
    return [
        {
            **links.official(o.pk, o.name),
            "other_names": list(o.other_names or []),
            "country": links.country(o.country_id, o.country.name if o.country else None),
            "organization": o.organization.short_name if o.organization else None,
        }
        for o in officials
    ]


def official_delegations(official, *, base: str) -> list[dict]:
    """Every delegation the official led or joined, in date order."""
    rows = (
        Delegation.objects.filter(Q(head=official) | Q(members=official))
        .distinct()
        .select_related("session__series", "country", "organization")
        .order_by(F("session__start_date").asc(nulls_last=True), "pk")
    )
    links = Links(base)
    return [
        {
            "session": links.session(d.session),
            "series": links.series(d.session.series.slug, d.session.series.name),
            "party": _party(
                d.country_id,
                d.country.name if d.country else None,
                d.organization.short_name if d.organization else None,
                d.organization.full_name if d.organization else None,
            ),
            "role": "head" if d.head_id == official.pk else "member",
            "head_title": d.head_title if d.head_id == official.pk else "",
        }
        for d in rows
    ]


def article_row(article, *, base: str) -> dict:
    links = Links(base)
    return {
        "id": article.pk,
        "url": links.api_article(article.pk),
        "page": links.article_page(article.pk),
        "title": article.title,
        "outlet": article.outlet,
        "published": _iso(article.published),
        "source_name": article.source_name,
        "original_url": http_url(article.url) or None,
        "outcome": article.outcome,
        "reason": article.reason,
        "session": links.session(article.session),
        "text": article.text,
        "evidence": article_sentences(article),
    }


def article_sentences(article) -> list[dict]:
    """The article's sentences that give facts, in text order, each with its facts."""
    sentences = {}
    for e in article.evidence.all():
        key = (e.start, e.end)
        if key not in sentences:
            text = article.text[e.start : e.end]
            sentences[key] = evidence_sentence(article.pk, e.start, e.end, text)
        party = e.delegation.party_code if e.delegation else None
        sentences[key]["facts"].append({"fact": e.fact, "value": e.value, "party": party})
    return list(sentences.values())
