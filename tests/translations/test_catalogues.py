"""The interface catalogues (locale/) are complete and really translated.

A fresh extraction, as `make messages` runs it, must find no string the French, Spanish or
Arabic catalogue lacks (after cfgov's validate-translations).
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("fr", "es", "ar")
SOURCE_DIRS = ("gpe_site", *settings.GPE_APPS)
ARABIC = re.compile(r"[\u0600-\u06FF]")


def catalogue(root, code):
    return polib.pofile(str(root / "locale" / code / "LC_MESSAGES" / "django.po"))


def is_translated(entry):
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def untranslated(po):
    return [
        entry.msgid
        for entry in po
        if not entry.obsolete and ("fuzzy" in entry.flags or not is_translated(entry))
    ]


@pytest.fixture(scope="module")
def fresh_extraction(tmp_path_factory):
    """Extract the strings again in a copy of the project; the checkout is left untouched."""
    copy = tmp_path_factory.mktemp("extraction")
    for name in (*SOURCE_DIRS, "locale"):
        shutil.copytree(
            ROOT / name, copy / name, ignore=shutil.ignore_patterns("*.mo", "__pycache__")
        )
    shutil.copy(ROOT / "manage.py", copy / "manage.py")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DJANGO_SETTINGS_MODULE"] = "gpe_site.settings.test"
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--no-location",
            "--no-obsolete",
            *[f"-l{code}" for code in LANGUAGES],
        ],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return copy


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalogues_cover_every_interface_string(fresh_extraction, code):
    missing = untranslated(catalogue(fresh_extraction, code))
    assert missing == [], f"{len(missing)} strings lack a {code} translation: {missing[:10]}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalogues_are_translations_not_copies(code):
    po = catalogue(ROOT, code)
    sentences = [e for e in po if e.msgstr and len(e.msgid.split()) >= 3]
    copied = [e.msgid for e in sentences if e.msgstr.strip() == e.msgid.strip()]
    assert len(copied) <= len(sentences) * 0.02, copied[:10]


def test_catalogues_arabic_is_written_in_arabic():
    po = catalogue(ROOT, "ar")
    latin_only = [
        e.msgid
        for e in po
        if e.msgstr and len(e.msgid.split()) >= 2 and not ARABIC.search(e.msgstr)
    ]
    assert latin_only == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalogues_keep_every_placeholder(code):
    placeholder = re.compile(r"%\(\w+\)[sd]|\{\w*\}|%[sd]")
    for entry in catalogue(ROOT, code):
        translations = [entry.msgstr] if entry.msgstr else list(entry.msgstr_plural.values())
        for text in filter(None, translations):
            assert (
                sorted(placeholder.findall(text)) == sorted(placeholder.findall(entry.msgid))
                or entry.msgid_plural
            ), (code, entry.msgid, text)
