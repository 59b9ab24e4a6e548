import pytest


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser(
        username="editor", email="editor@example.org", password="a-long-test-password"
    )


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
