"""The Vietnamese and English catalogues are complete, not fuzzy, compiled, and current."""

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "guongsang" / "locale"


def _catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


def test_vietnamese_catalogue_has_no_untranslated_or_fuzzy_entries():
    catalogue = _catalogue("vi")
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


def test_compiled_catalogues_match_the_po_files():
    for language in ("vi", "en"):
        po = _catalogue(language)
        with open(LOCALE / language / "LC_MESSAGES" / "django.mo", "rb") as handle:
            mo = gettext.GNUTranslations(handle)
        for entry in po.translated_entries():
            if entry.msgid_plural or entry.msgctxt:
                continue
            assert mo.gettext(entry.msgid) == entry.msgstr, entry.msgid


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext (xgettext) not installed")
def test_catalogue_holds_every_string_in_the_code(tmp_path):
    """makemessages over a copy of the code finds no string the committed catalogue lacks."""
    copy = tmp_path / "project"
    shutil.copytree(ROOT / "guongsang", copy / "guongsang", ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copy(ROOT / "manage.py", copy / "manage.py")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "vi", "--no-obsolete", "--no-location"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    fresh = polib.pofile(str(copy / "guongsang" / "locale" / "vi" / "LC_MESSAGES" / "django.po"))
    committed = {(e.msgctxt, e.msgid) for e in _catalogue("vi")}
    missing = sorted(e.msgid for e in fresh if (e.msgctxt, e.msgid) not in committed)
    assert missing == []
