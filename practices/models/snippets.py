"""The catalogue's taxonomies: translatable snippets (wagtail-localize).

Pages point at the snippets of their original language; wagtail-localize does not remap those
links to translated snippets, so the catalogue filters and counts on ``translation_key`` (one
value for every language version of a theme) and shows names in the reader's language."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField


class TaxonomyQuerySet(models.QuerySet):
    def for_reader(self, language_code: str) -> dict:
        """{translation_key: snippet} with each value in ``language_code`` where a translation
        exists, else in its original (default-language) version. One query."""
        chosen: dict = {}
        rows = self.select_related("locale").order_by("order", "pk")
        for snippet in rows:
            current = chosen.get(snippet.translation_key)
            if current is None or snippet.locale.language_code == language_code:
                chosen[snippet.translation_key] = snippet
        return dict(sorted(chosen.items(), key=lambda item: (item[1].order, item[1].name)))


class Taxonomy(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        allow_unicode=True,
        help_text=_("Used in catalogue addresses; the same in every language."),
    )
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = TaxonomyQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    # wagtail-localize: names and descriptions are translated; slug and order are shared.
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug"),
        SynchronizedField("order"),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Theme(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class Principle(Taxonomy):
    """The four partnership principles of the Partnership Policy."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("principle")
        verbose_name_plural = _("principles")


class Region(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")
