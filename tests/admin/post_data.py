"""POST data for admin forms with inline formsets."""


def management_form(prefix: str, *, total: int = 0, initial: int = 0) -> dict:
    """The hidden fields an inline formset needs in a POST."""
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def session_form(session, **changes) -> dict:
    """The session change form as the admin would post it unchanged, with `changes`
    applied, and the management forms of its inlines."""
    data = {
        "series": str(session.series_id),
        "number": "" if session.number is None else str(session.number),
        "status": session.status,
        "start_date": session.start_date.isoformat() if session.start_date else "",
        "start_precision": session.start_precision,
        "end_date": session.end_date.isoformat() if session.end_date else "",
        "city": session.city,
        "country": session.country_id or "",
        "manual_fields": list(session.manual_fields),
        **management_form("delegations"),
        **management_form(
            "evidence",
            total=session.evidence.count(),
            initial=session.evidence.count(),
        ),
    }
    if session.virtual:
        data["virtual"] = "on"
    data.update(changes)
    return data
