"""Benchmark data for home (see bench/anchor_site/benchseed.py): the site, the home page in
four languages, and a Partnership Policy with two annexes in four languages and two published
versions (so the comparison page compares something). Also ``bulk_add_pages``, with which the
other apps' bench steps insert thousands of pages in a few statements. Bench-only: nothing but
the apps' ``bench.py`` imports this."""

import random

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone, translation
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


def text(rng, sentences):
    """Deterministic filler prose (``rng`` is a ``random.Random``)."""
    return _text(rng, sentences)


def prefix(code):
    """What the bench puts before a translated title: ``[fr] `` (nothing in English)."""
    return _prefix(code)


@transaction.atomic
def bulk_add_pages(parent, pages, *, batch_size=1000):
    """Append ``pages`` (unsaved instances of one ``Page`` subclass, their own fields set) as
    live, published children of ``parent`` in a few bulk inserts: the tree columns computed
    here as treebeard would (``path``, ``depth``, the parent's ``numchild``), the ``Page`` rows
    with ``bulk_create``, the subclass rows with the query set's batched insert (Django's
    ``bulk_create`` refuses multi-table models). No revisions, no signals: ``update_index``
    runs after the seed. ``add_child`` + ``publish`` take ~0.1 s a page; this ~1 ms."""
    if not pages:
        return []
    model = type(pages[0])
    parent = Page.objects.get(pk=parent.pk)  # the current numchild
    content_type = ContentType.objects.get_for_model(model)
    depth, now = parent.depth + 1, timezone.now()
    for step, page in enumerate(pages, start=parent.numchild + 1):
        page.path = Page._get_path(parent.path, depth, step)
        page.depth, page.numchild = depth, 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.locale_id = page.locale_id or parent.locale_id
        page.live, page.has_unpublished_changes = True, False
        page.draft_title = page.title
        page.first_published_at = page.first_published_at or now
        page.last_published_at = page.first_published_at
    base_fields = [f.attname for f in Page._meta.concrete_fields if not f.primary_key]
    rows = Page.objects.bulk_create(
        [Page(**{name: getattr(page, name) for name in base_fields}) for page in pages],
        batch_size=batch_size,
    )
    for page, row in zip(pages, rows, strict=True):
        page.id = page.page_ptr_id = row.pk  # the Page key and the subclass's link to it
    model.objects.all()._batched_insert(pages, model._meta.local_concrete_fields, batch_size)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))
    return pages


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
