"""The standard themes, the four partnership principles and the world regions, in English.

A data migration rather than demo content: the principles are fixed by the Partnership Policy
and the catalogue's facets, matrix and follow buttons need these values on every installation,
not only on a demo. Editors translate them with wagtail-localize (the demo adds French, Spanish
and Arabic). Idempotent: a value whose slug exists in English is left alone.
"""

import uuid

from django.db import migrations

THEMES = [
    ("prevention", "Prevention"),
    ("rehabilitation", "Rehabilitation"),
    ("legal-aid", "Legal aid"),
    ("documentation", "Documentation"),
    ("advocacy", "Advocacy"),
    ("research", "Research"),
    ("psychosocial-support", "Psychosocial support"),
    ("detention-monitoring", "Monitoring of places of detention"),
]
PRINCIPLES = [
    ("mutuality-and-respect", "Mutuality and respect"),
    ("equality-and-non-discrimination", "Equality and non-discrimination"),
    ("accountability-and-transparency", "Accountability and transparency"),
    ("participation-and-empowerment", "Participation and empowerment"),
]
# The same codes as partners' organisation regions.
REGIONS = [
    ("africa", "Africa"),
    ("americas", "Americas"),
    ("asia-pacific", "Asia and the Pacific"),
    ("europe-central-asia", "Europe and Central Asia"),
    ("mena", "Middle East and North Africa"),
    ("global", "Global"),
]


def seed(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    english, _ = Locale.objects.get_or_create(language_code="en")
    for model_name, values in (("Theme", THEMES), ("Principle", PRINCIPLES), ("Region", REGIONS)):
        model = apps.get_model("practices", model_name)
        for order, (slug, name) in enumerate(values):
            if not model.objects.filter(slug=slug, locale=english).exists():
                model.objects.create(
                    slug=slug, name=name, order=order, locale=english, translation_key=uuid.uuid4()
                )


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
