"""The review queue in a real browser: a reviewer signs in, moves through the items
with j/k and decides them with a/c/r; screenshots of each step."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from playwright.sync_api import expect

from meetings.extraction import Evidence as EvidenceReport
from meetings.ingestion import ingest_paths
from meetings.models import ReviewItem, Session
from tests.ingestion.conftest import meeting
from tests.ingestion.gold import ContractExtractor, report_from_contract

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

TEXTS = {
    "a.txt": "The 8th meeting of the Pakistan-Russia Joint Working Group on "
    "Counter-Terrorism was held in Moscow on 12 November 2019.",
    "b.txt": "Officials said the eighth session of the group took place in Kazan, with "
    "Ahmad Farooq leading the Pakistani side.",
}
RECORDS = {
    "a.txt": meeting("a.txt", number=8, start="2019-11-12", city="Moscow"),
    "b.txt": meeting(
        "b.txt", number=8, city="Kazan", delegations=[("PAK", "Ahmad Farooq", "Director")]
    ),
}


class CitesTheMeetingSentence(ContractExtractor):
    """Reports as given, citing only the sentence the meeting was found in."""

    def __call__(self, text, *, source, **kwargs):
        report = report_from_contract(self.records[source])
        cited = (EvidenceReport("meeting", "true", 0, len(text)),)
        return type(report)(**{**report.__dict__, "evidence": cited})


@pytest.fixture
def queue(tmp_path):
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    ingest_paths(sorted(tmp_path.iterdir()), extractor=CitesTheMeetingSentence(RECORDS))
    user = get_user_model().objects.create_user("reviewer", password="a long passphrase")
    user.is_staff = True
    user.save()
    user.user_permissions.add(Permission.objects.get(codename="review"))


def sign_in(page, live_server):
    page.goto(f"{live_server.url}/admin/login/?next=/review/")
    page.fill("#id_username", "reviewer")
    page.fill("#id_password", "a long passphrase")
    page.click("input[type=submit]")
    expect(page.locator("h1")).to_have_text("Review")


def current(page):
    return page.locator(".review-item.is-current")


def test_review_queue_by_keyboard(page, live_server, queue, screenshot):
    sign_in(page, live_server)
    items = page.locator(".review-item")
    total = ReviewItem.objects.open().count()
    expect(items).to_have_count(total)
    expect(page.locator(".nav .count")).to_have_text(str(total))
    expect(page.locator(".review-quote mark").first).to_be_visible()
    screenshot(page, "review-queue")

    page.keyboard.press("j")
    expect(current(page)).to_have_attribute("id", items.nth(1).get_attribute("id"))
    page.keyboard.press("k")
    first_id = items.nth(0).get_attribute("id")
    expect(current(page)).to_have_attribute("id", first_id)

    page.keyboard.press("a")  # accept the first item
    expect(page.locator(".review-item")).to_have_count(total - 1)
    accepted = ReviewItem.objects.get(pk=int(first_id.removeprefix("item-")))
    assert accepted.status == "accepted"
    screenshot(page, "review-queue-after-accept")

    start = page.locator('.review-item[data-kind="fact"]', has_text="2019-11-12")
    start.click(position={"x": 5, "y": 5})
    wanted = start.get_attribute("id")
    expect(current(page)).to_have_attribute("id", wanted)
    page.keyboard.press("c")
    expect(page.locator(f"#{wanted} input[name=value]")).to_be_focused()
    page.keyboard.type("2019-11-13")
    screenshot(page, "review-queue-correcting")
    page.keyboard.press("Enter")
    expect(page.locator(".review-item")).to_have_count(total - 2)
    assert ReviewItem.objects.get(pk=int(wanted.removeprefix("item-"))).status == "corrected"
    assert Session.objects.get().start_display == "2019-11-13"

    page.keyboard.press("r")  # reject (or split) what is now first
    expect(page.locator(".review-item")).to_have_count(total - 3)
    screenshot(page, "review-queue-after-reject")


def test_review_queue_conflict_chosen_with_a_click(page, live_server, queue, screenshot):
    sign_in(page, live_server)
    page.select_option("#id_kind", "conflict")
    page.click("text=Filter")
    expect(page.locator(".review-item")).to_have_count(1)
    expect(page.locator(".review-competing li")).to_have_count(2)
    screenshot(page, "review-queue-conflict")

    page.click("text=Choose “Kazan”")

    expect(page.locator(".empty")).to_have_text("Nothing to review.")
    session = Session.objects.get()
    assert (session.city, session.manual_fields) == ("Kazan", ["city"])
