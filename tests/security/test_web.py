"""The site against hostile users: who may upload, how much a request may carry, login
brute force, the headers that confine what a page may load, the secret key, and
addresses with NUL bytes or sessions with hundreds of sources."""

import os
import re
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.factories import ArticleFactory, CountryFactory, EvidenceFactory, SessionFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "a-long-test-password"


@pytest.fixture
def clerk(django_user_model):
    user = django_user_model.objects.create_user(username="clerk", password=PASSWORD, is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="add_article"))
    return user


def raw_post(address: str, path: str, *, length: int, sent: int, cookie: str) -> bytes:
    """Sends the head of a POST claiming ``length`` bytes and only ``sent`` of them;
    returns what the server answers within 10 s (b"" if it waits for the rest)."""
    host, port = urlsplit(address).hostname, urlsplit(address).port
    with socket.create_connection((host, port), timeout=10) as conn:
        conn.sendall(
            (
                f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
                "Content-Type: multipart/form-data; boundary=XyZ\r\n"
                f"Content-Length: {length}\r\nCookie: csrftoken={cookie}\r\n\r\n"
            ).encode()
            + b"--XyZ\r\n" * (sent // 7)
        )
        answer = b""
        try:
            while b"\r\n\r\n" not in answer and (chunk := conn.recv(4096)):
                answer += chunk
        except TimeoutError:
            pass
        return answer


# 6. Upload permission and request size


@pytest.mark.django_db(transaction=True)
def test_ingest_anonymous_upload_is_answered_before_its_body_is_read(live_server):
    # A valid-looking CSRF cookie makes the CSRF check read the form, if it runs first.
    answer = raw_post(
        live_server.url,
        reverse("meetings:ingest"),
        length=50_000_000,
        sent=4096,
        cookie="a" * 32,
    )

    status_line = answer.split(b"\r\n", 1)[0]
    assert status_line == b"HTTP/1.1 302 Found"
    assert f"Location: {reverse('admin:login')}?next=".encode() in answer


def test_request_body_over_the_limit_is_refused_from_its_length(client, clerk, settings):
    settings.MEETINGS_MAX_REQUEST_BYTES = 1_000_000
    client.force_login(clerk)

    response = client.generic(
        "POST",
        reverse("meetings:ingest"),
        b"x" * 100,
        CONTENT_LENGTH="1000001",
        content_type="multipart/form-data; boundary=XyZ",
    )

    assert response.status_code == 413
    assert "A request may carry at most 976.6\xa0KB" in response.content.decode()


# 7. Admin login brute force


def admin_login(client, password):
    return client.post(
        reverse("admin:login"),
        {"username": "clerk", "password": password, "next": reverse("admin:index")},
    )


def test_admin_login_is_locked_after_five_wrong_passwords(client, clerk):
    wrong = [admin_login(client, f"guess-{n}").status_code for n in range(5)]

    right = admin_login(client, PASSWORD)

    assert wrong == [200, 200, 200, 200, 429]
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302


def test_admin_login_after_a_few_mistakes_is_accepted(client, clerk):
    for n in range(3):
        admin_login(client, f"guess-{n}")

    response = admin_login(client, PASSWORD)

    assert (response.status_code, response["Location"]) == (302, reverse("admin:index"))
    assert client.session["_auth_user_id"] == str(clerk.pk)


# 8. Content-Security-Policy and Permissions-Policy

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+=", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.IGNORECASE)


def test_pages_send_a_strict_content_security_policy(client, clerk):
    session = SessionFactory()
    urls = [
        reverse("meetings:series_list"),
        reverse("meetings:session_list"),
        session.get_absolute_url(),
        session.series.get_absolute_url(),
        reverse("admin:login"),
    ]

    responses = [client.get(url) for url in urls]

    policies = {r["Content-Security-Policy"] for r in responses}
    (policy,) = policies
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy
    for url, response in zip(urls, responses, strict=True):
        page = response.content.decode()
        found = INLINE_SCRIPT.findall(page) + INLINE_HANDLER.findall(page)
        assert (url, found, INLINE_STYLE.findall(page)) == (url, [], [])


def test_pages_send_a_permissions_policy(client):
    response = client.get(reverse("meetings:series_list"))

    features = dict(
        part.strip().split("=", 1) for part in response["Permissions-Policy"].split(",")
    )
    assert features["camera"] == features["geolocation"] == features["microphone"] == "()"


# 9. The secret key


def import_wsgi(**env):
    full_env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY")}
    full_env.update(DJANGO_SETTINGS_MODULE="config.settings", **env)
    return subprocess.run(
        [sys.executable, "-c", "import config.wsgi"],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_web_application_refuses_to_start_without_secret_key_when_debug_is_off():
    refused = import_wsgi()
    started = import_wsgi(SECRET_KEY="k" * 60)
    development = import_wsgi(DEBUG="1")

    assert refused.returncode == 1
    assert "ImproperlyConfigured: SECRET_KEY is not set" in refused.stderr
    assert [started.returncode, development.returncode] == [0, 0]
    assert "Error" not in started.stderr + development.stderr


# 10. NUL in addresses, long source lists


def test_nul_in_an_address_is_not_found_not_an_error(client):
    CountryFactory(alpha3="PAK", alpha2="PK", name="Pakistan")

    responses = [client.get(path) for path in ("/countries/%00/", "/countries/PAK%00/")]

    assert [r.status_code for r in responses] == [404, 404]


def test_nul_in_the_query_is_never_written_into_a_page(client):
    pages = [
        client.get(reverse("meetings:series_list"), {"q": "a\x00b"}),
        client.get(reverse("meetings:session_list"), {"q": "\x00", "page": "\x002"}),
    ]

    assert [r.status_code for r in pages] == [200, 200]
    assert ["\x00" in r.content.decode() for r in pages] == [False, False]
    assert len(pages[0].context["ignored"]) == 1


def test_session_page_shows_its_sources_ten_at_a_time(client):
    session = SessionFactory()
    articles = [
        ArticleFactory(session=session, source_name=f"{n:02}.txt", title=f"Report {n:02}")
        for n in range(25)
    ]
    for article in articles:
        EvidenceFactory(article=article, session=session, start=0, end=7)

    first = client.get(session.get_absolute_url())
    last = client.get(session.get_absolute_url(), {"page": 3})

    def titles(response):
        return [a.title for a in response.context["sources_page"]]

    assert titles(first) == [f"Report {n:02}" for n in range(10)]
    assert titles(last) == [f"Report {n:02}" for n in range(20, 25)]
    assert len(last.context["evidence"]) == 5
    assert "<dt>Sources</dt><dd>25</dd>" in first.content.decode()
    assert 'href="?page=2" rel="next"' in first.content.decode()
