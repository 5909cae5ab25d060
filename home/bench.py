"""Benchmark data for home (see bench/anchor_site/benchseed.py): the site, the home page in
four languages, and a Partnership Policy with two annexes in four languages and two published
versions (so the comparison page compares something). Bench-only: nothing imports this."""

import random

from django.conf import settings
from django.utils import translation
from wagtail.models import Locale, Page, Site

from home.models import AnnexPage, HomePage, PolicyPage
from home.policy.translation import translate_from

SLUG = "partnership-policy"
WORDS = (  # noqa: SIM905 - a paragraph, not a list to maintain
    "partner organisation survivor witness report result lesson agreement review budget "
    "decision safety consent language principle prevention accountability support network "
    "institute research monitoring detention visit documentation advocacy training exchange "
    "workshop goal plan follow capacity assessment phase exit criteria learning share "
    "together each year written oral confidential public member staff board annual policy"
).split()


def _text(rng, sentences):
    out = []
    for _ in range(sentences):
        words = [rng.choice(WORDS) for _ in range(rng.randint(10, 18))]
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


def _body(rng_seed, sections, *, version=1, prefix=""):
    """A policy body: a principle, ``sections`` numbered sections of two paragraphs, notes.
    Version 2 rewrites every fourth section and adds one at the end."""
    rng = random.Random(rng_seed)
    body = [
        {
            "type": "principle",
            "value": {"title": f"{prefix}Do no harm", "text": f"<p>{prefix}{_text(rng, 2)}</p>"},
            "id": "p-harm",
        }
    ]
    count = sections + (1 if version == 2 else 0)
    for number in range(count):
        first, second = _text(rng, 4), _text(rng, 3)
        if version == 2 and number % 4 == 1:
            second = _text(random.Random(rng_seed * 1000 + number), 3)
        body.append(
            {
                "type": "section",
                "value": {
                    "heading": f"{prefix}Section {number + 1}",
                    "text": f"<p>{prefix}{first}</p><p>{prefix}{second}</p>",
                },
                "id": f"s-{number}",
            }
        )
    body.append(
        {
            "type": "footnotes",
            "value": [
                {
                    "type": "item",
                    "value": {"label": str(n), "text": f"<p>{prefix}{_text(rng, 1)}</p>"},
                    "id": f"note-{n}",
                }
                for n in (1, 2)
            ],
            "id": "notes",
        }
    )
    return body


def _policy(version, prefix=""):
    return PolicyPage(
        title=f"{prefix}Partnership Policy",
        slug=SLUG,
        summary=f"{prefix}How the organisation and its partners work together.",
        version_label=f"{version}.0",
        change_summary=f"{prefix}Version {version}.",
        body=_body(1, 12, version=version, prefix=prefix),
        show_in_menus=True,
    )


def _annex(number, prefix=""):
    return AnnexPage(
        title=f"{prefix}Annex {number}",
        slug=f"annex-{number}",
        number=number,
        summary=f"{prefix}Annex {number} of the policy.",
        version_label="1.0",
        body=_body(10 + number, 5, prefix=prefix),
    )


def _prefix(code):
    return "" if code == "en" else f"[{code}] "


def bench_seed(seed):
    locales = {
        code: Locale.objects.get_or_create(language_code=code)[0] for code, _ in settings.LANGUAGES
    }
    Page.objects.filter(depth=2).delete()  # Wagtail's "Welcome" page, and the site on it
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(
            title="Global Partnership Exchange",
            slug="home",
            intro="Partners learning from each other.",
            locale=locales["en"],
        )
    )
    home.save_revision().publish()
    Site.objects.create(
        hostname="localhost",
        port=80,
        root_page=home,
        is_default_site=True,
        site_name="Global Partnership Exchange",
    )
    seed.home = {"en": home}
    for code in locales:
        if code != "en":
            page = home.copy_for_translation(locales[code])
            page.title = f"{_prefix(code)}Global Partnership Exchange"
            page.save_revision().publish()
            seed.home[code] = page

    # The policy: version 1 with two annexes, translated; then version 2, translated.
    policy = home.add_child(instance=_policy(1))
    policy.save_revision().publish()
    annexes = []
    for number in (1, 2):
        annex = PolicyPage.objects.get(pk=policy.pk).add_child(instance=_annex(number))
        annex.save_revision().publish()
        annexes.append(annex)
    for code, locale in locales.items():
        if code == "en":
            continue
        translate_from(PolicyPage.objects.get(pk=policy.pk), locale, _policy(1, _prefix(code)))
        for number, annex in enumerate(annexes, start=1):
            translate_from(
                AnnexPage.objects.get(pk=annex.pk), locale, _annex(number, _prefix(code))
            )
    draft = PolicyPage.objects.get(pk=policy.pk).get_latest_revision_as_object()
    new = _policy(2)
    draft.version_label, draft.change_summary, draft.body = (
        new.version_label,
        new.change_summary,
        new.body,
    )
    draft.save_revision().publish()
    for code, locale in locales.items():
        if code != "en":
            translate_from(PolicyPage.objects.get(pk=policy.pk), locale, _policy(2, _prefix(code)))
    return {
        "home pages": len(seed.home),
        "policy pages": PolicyPage.objects.count(),
        "annex pages": AnnexPage.objects.count(),
        "policy versions": PolicyPage.objects.get(pk=policy.pk).versions().count(),
    }


def bench_pages(seed):
    policy = PolicyPage.objects.get(locale__language_code="en", slug=SLUG)
    with translation.override("en"):
        url = policy.url
    return [
        {"name": "home", "path": "/en/"},
        {"name": "policy", "path": url},
        {"name": "policy_compare", "path": f"{url}compare/"},
    ]
