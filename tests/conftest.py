import pytest

from guongsang.orgs.enums import UnitKind
from tests import factories


@pytest.fixture(autouse=True)
def immediate_tasks(settings, tmp_path):
    """Tasks run in-process in tests; uploads go to a temporary folder."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    # A fast hasher: the default one takes a third of a second per user created.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def tree(db):
    """A small tree for scope tests: the user's unit is `own`.

    province ─┬─ own ── own_child
              └─ sibling
    other_province (outside)
    """
    province = factories.unit_create("UBND tỉnh Khánh Hòa", kind=UnitKind.PROVINCE)
    own = factories.unit_create("Sở Nội vụ", parent=province)
    own_child = factories.unit_create(
        "Phòng Thi đua - Khen thưởng", parent=own, kind=UnitKind.DIVISION
    )
    sibling = factories.unit_create("Sở Y tế", parent=province)
    outside = factories.unit_create("UBND tỉnh Lâm Đồng", kind=UnitKind.PROVINCE)
    return {
        "parent": factories.Unit.objects.get(pk=province.pk),
        "own": factories.Unit.objects.get(pk=own.pk),
        "own_child": own_child,
        "sibling": sibling,
        "outside": outside,
    }


@pytest.fixture
def english(client):
    """English UI for tests that assert message texts: the catalogue translates them to vi."""
    from django.conf import settings as django_settings
    from django.utils import translation

    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield
