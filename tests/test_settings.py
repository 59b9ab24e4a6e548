"""Production settings come from the environment and are safe with DEBUG off."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, **env):
    full_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env}
    full_env.pop("DEBUG", None)
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_passes_with_real_secret_and_host():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="k" * 20 + "-a-real-long-random-secret-for-production-0123456789",
        ALLOWED_HOSTS="meetings.example.org",
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_deploy_check_rejects_development_secret():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stdout + result.stderr


def test_development_server_prints_each_log_line_once(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # The server's own database need not exist: the page it answers reads none.
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'server.db'}",
    }
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/static/no-such-file.css", timeout=5
                )
            except urllib.error.HTTPError as exc:
                assert exc.code == 404
                break
            except OSError:
                time.sleep(0.2)
    finally:
        server.terminate()
        _out, err = server.communicate(timeout=30)

    # Logged before the answer is sent (the request line comes after it, maybe after
    # the server was stopped).
    assert err.count("Not Found: /static/no-such-file.css") == 1


@pytest.mark.django_db
def test_postgres_connections_cost_a_random_page_as_read_from_memory(on_postgres):
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        (cost,) = cursor.fetchone()

    assert cost == "1.1"
