"""The merge actions on the Official and Series changelists."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.messages import get_messages
from django.urls import reverse

from meetings.models import Merge, Official, Series, Session
from tests.factories import (
    ArticleFactory,
    DelegationFactory,
    OfficialFactory,
    SeriesFactory,
    SessionFactory,
)

pytestmark = [
    pytest.mark.django_db,
    # WhiteNoise warns when STATIC_ROOT has not been collected; not what these test.
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


def messages_of(response) -> list[tuple[str, str]]:
    return [(message.level_tag, message.message) for message in get_messages(response.wsgi_request)]


def test_merge_action_with_one_selected_shows_error(editor_client):
    official = OfficialFactory()
    url = reverse("admin:meetings_official_changelist")

    response = editor_client.post(
        url, {"action": "merge_selected", ACTION_CHECKBOX_NAME: [official.pk]}
    )

    assert (response.status_code, response["Location"]) == (302, url)
    assert messages_of(response) == [
        ("error", "Select exactly two officials to merge (1 selected).")
    ]
    assert Official.objects.count() == 1


def test_merge_action_with_three_selected_shows_error(editor_client):
    groups = SeriesFactory.create_batch(3)

    response = editor_client.post(
        reverse("admin:meetings_series_changelist"),
        {"action": "merge_selected", ACTION_CHECKBOX_NAME: [g.pk for g in groups]},
    )

    assert messages_of(response) == [("error", "Select exactly two series to merge (3 selected).")]
    assert Series.objects.count() == 3


def test_merge_action_with_two_selected_asks_which_to_keep(editor_client):
    first = OfficialFactory(name="Ahmad Farooq")
    second = OfficialFactory(name="Ahmed Farooq", country=first.country)

    response = editor_client.post(
        reverse("admin:meetings_official_changelist"),
        {"action": "merge_selected", ACTION_CHECKBOX_NAME: [first.pk, second.pk]},
    )

    assert response.templates[0].name == "admin/meetings/merge_confirmation.html"
    assert [(obj, preview) for obj, _facts, preview in response.context["candidates"]] == [
        (first, "0 delegation(s) led and 0 joined moved; other names: Ahmed Farooq"),
        (second, "0 delegation(s) led and 0 joined moved; other names: Ahmad Farooq"),
    ]
    assert Official.objects.count() == 2


def test_merge_action_confirmed_merges_officials(editor_client):
    keep = OfficialFactory(name="Ahmad Farooq")
    remove = OfficialFactory(name="Ahmed Farooq", country=keep.country)
    delegation = DelegationFactory(country=keep.country, head=remove)
    url = reverse("admin:meetings_official_changelist")

    response = editor_client.post(
        url,
        {
            "action": "merge_selected",
            ACTION_CHECKBOX_NAME: [keep.pk, remove.pk],
            "confirm": "yes",
            "keep": str(keep.pk),
        },
    )

    keep.refresh_from_db()
    delegation.refresh_from_db()
    assert (response.status_code, response["Location"]) == (302, url)
    assert messages_of(response) == [
        (
            "success",
            "Merged “Ahmed Farooq” into “Ahmad Farooq”: 1 delegation(s) led and 0 joined "
            "moved; other names: Ahmed Farooq.",
        )
    ]
    assert list(Official.objects.all()) == [keep]
    assert (delegation.head, keep.other_names) == (keep, ["Ahmed Farooq"])


def test_merge_action_confirmed_merges_series(editor_client):
    keep = SeriesFactory(name="India-Japan Dialogue")
    remove = SeriesFactory(name="Japan-India Dialogue")
    SessionFactory(series=keep, number=1)
    SessionFactory(series=remove, number=2)

    response = editor_client.post(
        reverse("admin:meetings_series_changelist"),
        {
            "action": "merge_selected",
            ACTION_CHECKBOX_NAME: [keep.pk, remove.pk],
            "confirm": "yes",
            "keep": str(remove.pk),
        },
    )

    assert messages_of(response) == [
        (
            "success",
            "Merged “India-Japan Dialogue” into “Japan-India Dialogue”: 1 session(s) moved, "
            "0 merged into the same session of the kept group; "
            "other names: India-Japan Dialogue.",
        )
    ]
    assert list(Series.objects.all()) == [remove]
    assert sorted(Session.objects.values_list("series", "number")) == [
        (remove.pk, 1),
        (remove.pk, 2),
    ]


def test_merge_action_confirmed_without_choice_shows_error(editor_client):
    first, second = OfficialFactory.create_batch(2)

    response = editor_client.post(
        reverse("admin:meetings_official_changelist"),
        {
            "action": "merge_selected",
            ACTION_CHECKBOX_NAME: [first.pk, second.pk],
            "confirm": "yes",
        },
    )

    assert messages_of(response) == [("error", "Choose which official to keep.")]
    assert Official.objects.count() == 2


def test_merge_action_on_series_previews_both_choices(editor_client):
    first = SeriesFactory(name="India-Japan Dialogue")
    second = SeriesFactory(name="Japan-India Dialogue")
    SessionFactory(series=first, number=1)
    SessionFactory(series=second, number=1)
    SessionFactory(series=second, number=2)

    response = editor_client.post(
        reverse("admin:meetings_series_changelist"),
        {"action": "merge_selected", ACTION_CHECKBOX_NAME: [first.pk, second.pk]},
    )

    assert [(obj, preview) for obj, _facts, preview in response.context["candidates"]] == [
        (
            first,
            "1 session(s) moved, 1 merged into the same session of the kept group; "
            "other names: Japan-India Dialogue",
        ),
        (
            second,
            "0 session(s) moved, 1 merged into the same session of the kept group; "
            "other names: India-Japan Dialogue",
        ),
    ]
    assert response.context["candidates"][1][1] == [
        "Parties: none",
        "Other names: none",
        "Sessions: 2 (numbers 1, 2)",
    ]


def test_merge_action_merges_two_sessions_and_undo_restores_them(editor_client):
    series = SeriesFactory()
    keep = SessionFactory(series=series, number=3, city="Geneva")
    remove = SessionFactory(series=series, number=None, city="")
    ArticleFactory(session=keep, source_name="a.txt")
    ArticleFactory(session=remove, source_name="b.txt")

    editor_client.post(
        reverse("admin:meetings_session_changelist"),
        {
            "action": "merge_selected",
            ACTION_CHECKBOX_NAME: [keep.pk, remove.pk],
            "confirm": "yes",
            "keep": str(keep.pk),
        },
    )
    merged = sorted(Session.objects.get().articles.values_list("source_name", flat=True))
    record = Merge.objects.get()
    response = editor_client.post(
        reverse("admin:meetings_merge_changelist"),
        {"action": "undo_selected", ACTION_CHECKBOX_NAME: [record.pk]},
    )

    assert merged == ["a.txt", "b.txt"]
    assert (record.kind, record.merged_by.username) == ("session", "editor")
    assert messages_of(response)[-1] == ("success", f"{record}: undone.")
    assert sorted(Session.objects.values_list("pk", "number")) == [
        (keep.pk, 3),
        (remove.pk, None),
    ]


def test_merge_action_refuses_sessions_of_two_series(editor_client):
    first, second = SessionFactory(), SessionFactory()

    response = editor_client.post(
        reverse("admin:meetings_session_changelist"),
        {
            "action": "merge_selected",
            ACTION_CHECKBOX_NAME: [first.pk, second.pk],
            "confirm": "yes",
            "keep": str(first.pk),
        },
    )

    assert messages_of(response) == [
        ("error", "Nothing was merged: Only sessions of one series can be merged.")
    ]
    assert Session.objects.count() == 2


def test_split_action_moves_articles_into_a_new_session(editor_client):
    session = SessionFactory(number=None)
    ArticleFactory(session=session, source_name="a.txt")
    moved = ArticleFactory(session=session, source_name="b.txt")

    editor_client.post(
        reverse("admin:meetings_article_changelist"),
        {"action": "split_selected", ACTION_CHECKBOX_NAME: [moved.pk]},
    )

    moved.refresh_from_db()
    assert Session.objects.count() == 2
    assert moved.session != session
