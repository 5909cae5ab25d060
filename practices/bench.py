"""Benchmark data for practices (see bench/anchor_site/benchseed.py): the catalogue in four
languages and ``seed.scale.practices`` practices (500; the growth run 5,000), bulk-inserted,
deterministic (``random.Random`` seeded per practice). Each has one to three themes, one or
two principles, a region, countries, years and an evidence level; one in eight is for
members (a login restriction) and one in twenty-five for a group (nobody in it); one in five
is translated into French, one in ten also into Spanish and Arabic. Bench-only: nothing
imports this."""

import random

from django.contrib.auth.models import Group
from django.utils import translation
from wagtail.models import Locale, PageViewRestriction

from home import bench as home_bench

from . import demo
from .models import PracticeIndexPage, PracticePage, Principle, Region, Theme

COUNTRIES = ["KE", "UG", "KH", "VN", "MA", "TN", "HN", "GT", "MD", "GE", "ZA", "BR", "PH", "NP"]
EVIDENCE = [level.value for level in PracticePage.EvidenceLevel]
MEMBERS_EVERY, GROUP_EVERY = 8, 25
FRENCH_EVERY, ALL_LANGUAGES_EVERY = 5, 10
# The two filters of the "filtered" page: a theme and a region (about one practice in twenty
# has both).
FILTERS = (("theme", "legal-aid"), ("region", "africa"))


class _Quiet:
    """The demo loader's command, silenced (its index and taxonomy steps are reused)."""

    def created(self, message):
        pass


def _practice(number, rng, taxonomies, prefix=""):
    years = rng.randint(2012, 2024)
    page = PracticePage(
        title=f"{prefix}Practice {number:04d}: {home_bench.text(rng, 1)[:60].rstrip('.')}",
        slug=f"practice-{number:04d}",
        summary=f"{prefix}{home_bench.text(rng, 2)}",
        context=f"<p>{prefix}{home_bench.text(rng, 4)}</p>",
        objectives=f"<p>{prefix}{home_bench.text(rng, 2)}</p>",
        activities=f"<p>{prefix}{home_bench.text(rng, 4)}</p>",
        results=f"<p>{prefix}{home_bench.text(rng, 3)}</p>",
        lessons_learned=f"<p>{prefix}{home_bench.text(rng, 3)}</p>",
        countries=rng.sample(COUNTRIES, rng.randint(0, 3)),
        period_start=years,
        period_end=years + rng.randint(0, 5),
        evidence_level=rng.choice(EVIDENCE),
        contact="Through the programme team.",
        contains_identifying_details=False,
    )
    links = {
        "themes": rng.sample(taxonomies["themes"], rng.randint(1, 3)),
        "principles": rng.sample(taxonomies["principles"], rng.randint(1, 2)),
        "regions": [rng.choice(taxonomies["regions"])],
    }
    return page, links


def bench_seed(seed):
    demo._translate_taxonomies(_Quiet())
    index = demo._index(_Quiet())
    indexes = {page.locale.language_code: page for page in index.get_translations(inclusive=True)}
    taxonomies = {
        "themes": list(Theme.objects.filter(locale=index.locale).order_by("order", "pk")),
        "principles": list(Principle.objects.filter(locale=index.locale).order_by("order", "pk")),
        "regions": list(Region.objects.filter(locale=index.locale).order_by("order", "pk")),
    }
    count = seed.scale.practices
    originals, links = [], []
    for number in range(count):
        page, page_links = _practice(number, random.Random(number), taxonomies)
        originals.append(page)
        links.append(page_links)
    home_bench.bulk_add_pages(index, originals)

    # Translations: the same translation_key under the translated catalogue; pages point at
    # the original snippets (as wagtail-localize leaves them).
    translated = 0
    for code, parent in indexes.items():
        if code == "en":
            continue
        every = FRENCH_EVERY if code == "fr" else ALL_LANGUAGES_EVERY
        versions, version_links = [], []
        for number in range(0, count, every):
            page, page_links = _practice(
                number, random.Random(number), taxonomies, home_bench.prefix(code)
            )
            page.translation_key = originals[number].translation_key
            page.locale = Locale.objects.get(language_code=code)
            versions.append(page)
            version_links.append(page_links)
        home_bench.bulk_add_pages(parent, versions)
        originals.extend(versions)
        links.extend(version_links)
        translated += len(versions)

    for attribute in ("themes", "principles", "regions"):
        through = getattr(PracticePage, attribute).through
        column = f"{getattr(PracticePage, attribute).field.related_model._meta.model_name}_id"
        through.objects.bulk_create(
            [
                through(practicepage_id=page.pk, **{column: value.pk})
                for page, page_links in zip(originals, links, strict=True)
                for value in page_links[attribute]
            ],
            batch_size=5000,
        )

    # Restrictions on the original and every translation of the chosen practices.
    group, _ = Group.objects.get_or_create(name="Bench working group")
    members, grouped = [], []
    for page in originals:
        number = int(page.slug.rsplit("-", 1)[1])
        if number % GROUP_EVERY == 3:
            grouped.append(page)
        elif number % MEMBERS_EVERY == 1:
            members.append(page)
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=page, restriction_type="login") for page in members]
    )
    restrictions = PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=page, restriction_type="groups") for page in grouped]
    )
    PageViewRestriction.groups.through.objects.bulk_create(
        [
            PageViewRestriction.groups.through(pageviewrestriction_id=r.pk, group_id=group.pk)
            for r in restrictions
        ]
    )
    made = {
        "practices": count,
        "translations": translated,
        "for members": len(members),
        "for a group": len(grouped),
    }
    if PracticePage.objects.filter(locale=index.locale).count() != count:
        raise SystemExit(f"practices bench seed: expected {count} practices")
    return made


def bench_pages(seed):
    index = PracticeIndexPage.objects.get(locale__language_code="en")
    practice = PracticePage.objects.get(locale=index.locale, slug="practice-0010")
    with translation.override("en"):
        url, practice_url = index.url, practice.url
    filters = "&".join(f"{name}={value}" for name, value in FILTERS)
    return [
        {"name": "practices_catalogue", "path": url},
        {"name": "practices_catalogue_filtered", "path": f"{url}?{filters}"},
        {"name": "practices_map", "path": f"{url}map/"},
        {"name": "practice", "path": practice_url},
    ]
