"""The catalogue's routes (PracticeIndexPage's RoutablePageMixin calls these) and the practice
page's context. Every one of them reads the same ``Catalogue``."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from partners import access

from . import worldmap
from .catalogue import SORTS, Catalogue, Entry, language_name


def _catalogue(index, request) -> Catalogue:
    return Catalogue(index, request.GET, request.user, request=request)


def catalogue(index, request):
    cat = _catalogue(index, request)
    results = cat.page
    return index.render(
        request,
        context_overrides={
            "catalogue": cat,
            "results": results,
            "previous_url": cat.page_url(results.number - 1) if results.has_previous() else "",
            "next_url": cat.page_url(results.number + 1) if results.has_next() else "",
            "facets": cat.facets(),
            "active_filters": cat.active_filters(),
            "histogram": cat.histogram(),
            "follow_options": _follow_options(cat, request.user),
            "sorts": [
                {"value": value, "label": label, "selected": value == cat.sort}
                for value, label in SORTS.items()
            ],
        },
    )


def world_map(index, request):
    cat = _catalogue(index, request)
    counts = cat.country_counts()
    return index.render(
        request,
        template="practices/practice_map.html",
        context_overrides={
            "catalogue": cat,
            "map": worldmap.render(counts, url=lambda code: cat.toggle_url("country", code)),
            "country_rows": worldmap.table(
                counts, url=lambda code: cat.toggle_url("country", code)
            ),
            "active_filters": cat.active_filters(),
        },
    )


def matrix(index, request):
    cat = _catalogue(index, request)
    return index.render(
        request,
        template="practices/practice_matrix.html",
        context_overrides={
            "catalogue": cat,
            "matrix": cat.matrix(),
            "active_filters": cat.active_filters(),
        },
    )


# --- Export: the same list as the screen ------------------------------------------------------


def _record(cat: Catalogue, entry: Entry, request) -> dict:
    page = entry.page
    taxonomies = cat.taxonomies
    partnership = page.partnership
    show_partnership = partnership is not None and access.can_view(
        request.user, partnership, purpose=access.READ
    )
    return {
        "title": page.title,
        "url": request.build_absolute_uri(page.get_url(request)),
        "language": entry.language,
        "available_in": entry.other_languages,
        "summary": page.summary,
        "themes": [
            taxonomies["theme"][k].name
            for k in sorted(entry.values["theme"])
            if k in taxonomies["theme"]
        ],
        "principles": [
            taxonomies["principle"][k].name
            for k in sorted(entry.values["principle"])
            if k in taxonomies["principle"]
        ],
        "regions": [
            taxonomies["region"][k].name
            for k in sorted(entry.values["region"])
            if k in taxonomies["region"]
        ],
        "countries": sorted(entry.values["country"]),
        "period_start": page.period_start,
        "period_end": page.period_end,
        "evidence_level": page.evidence_level,
        "partnership": partnership.display_name if show_partnership else "",
        "modality": partnership.modality if partnership else "",
        "phase": partnership.phase if partnership else "",
        "first_published_at": page.first_published_at.isoformat()
        if page.first_published_at
        else "",
    }


def export(index, request, fmt):
    cat = _catalogue(index, request)
    filter_url = request.build_absolute_uri(index.get_url(request) + cat.querystring())
    generated = timezone.now().replace(microsecond=0).isoformat()
    records = [_record(cat, entry, request) for entry in cat.all_results_with_pages()]
    filename = f"practices-{timezone.now():%Y%m%d-%H%M}.{fmt}"
    if fmt == "json":
        response = JsonResponse(
            {
                "filter_url": filter_url,
                "generated_at": generated,
                "count": len(records),
                "practices": records,
            },
            json_dumps_params={"ensure_ascii": False, "indent": 1},
        )
    else:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([_("Catalogue address"), filter_url])
        writer.writerow([_("Generated at"), generated])
        writer.writerow([_("Practices"), len(records)])
        writer.writerow([])
        columns = list(records[0]) if records else list(_EMPTY_COLUMNS)
        writer.writerow(columns)
        for record in records:
            writer.writerow(
                [
                    "; ".join(map(str, value)) if isinstance(value, list) else value
                    for value in record.values()
                ]
            )
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


_EMPTY_COLUMNS = (
    "title", "url", "language", "available_in", "summary", "themes", "principles", "regions",
    "countries", "period_start", "period_end", "evidence_level", "partnership", "modality",
    "phase", "first_published_at",
)  # fmt: skip


# --- The practice page ------------------------------------------------------------------------


def practice_context(page, request) -> dict:
    """What a practice page shows beyond its own fields: the partnership if the reader may
    know of it, the related practices they may see, the contact and sections for members only,
    the other languages, and the citation line."""
    from .models import PracticePage

    user = request.user
    partnership = page.partnership
    if partnership is not None and not access.can_view(user, partnership, purpose=access.READ):
        partnership = None
    related_ids = [link.practice_id for link in page.related_links.all()]
    related = list(
        access.visible(PracticePage.objects.filter(pk__in=related_ids), user, purpose=access.READ)
        .only("pk", "title", "url_path", "locale_id")
        .order_by("title")
    )
    translations = [
        {
            "language": language_name(other.locale.language_code),
            "url": other.get_url(request),
            "code": other.locale.language_code,
        }
        for other in access.visible(
            page.get_translations().live().select_related("locale"), user, purpose=access.READ
        )
    ]
    organisations = list(partnership.organisations.all()) if partnership else []
    year = page.period_end or (page.first_published_at.year if page.first_published_at else "")
    citation = {
        "title": page.title,
        "organisations": ", ".join(org.name for org in organisations),
        "year": year,
        "url": request.build_absolute_uri(page.get_url(request)) if page.pk else "",
    }
    return {
        "partnership": partnership,
        "organisations": organisations,
        "related_practices": related,
        "translations": translations,
        "show_contact": bool(page.contact) and access.is_member(user),
        # Members-only sections: for members, whatever the page's own audience.
        "members_sections": page.members_only if access.is_member(user) else [],
        "citation": citation,
        "theme_list": _in_readers_language(page.themes.all()),
        "principle_list": _in_readers_language(page.principles.all()),
        "region_list": _in_readers_language(page.regions.all()),
        "attachment_list": list(page.attachments.select_related("document")),
        "language_name": language_name(page.locale.language_code),
    }


def _in_readers_language(snippets) -> list:
    """A page's taxonomy values (its original language's) in the reader's language."""
    from django.utils.translation import get_language

    snippets = list(snippets)
    if not snippets:
        return []
    translated = type(snippets[0]).objects.filter(
        translation_key__in=[s.translation_key for s in snippets],
        locale__language_code=get_language(),
    )
    names = {s.translation_key: s for s in translated}
    return [names.get(s.translation_key, s) for s in snippets]


def follow(index, request):
    """POST: follow or stop following the theme or region named by slug; back to the list."""
    from django.contrib import messages
    from django.http import Http404, HttpResponseRedirect

    from . import services

    if request.method != "POST" or not access.is_member(request.user):
        raise Http404
    kind = request.POST.get("kind")
    if kind not in ("theme", "region"):
        raise Http404
    cat = Catalogue(index, request.POST, request.user, request=request)
    key = cat.slugs[kind].get(request.POST.get("slug", ""))
    if key is None:
        raise Http404
    name = cat.taxonomies[kind][key].name
    if services.toggle_follow(request.user, kind=kind, translation_key=key):
        messages.success(
            request, _("You will be told of new practices in “%(name)s”.") % {"name": name}
        )
    else:
        messages.success(request, _("You no longer follow “%(name)s”.") % {"name": name})
    return HttpResponseRedirect(
        index.get_url(request) + f"?{kind}={cat.taxonomies[kind][key].slug}"
    )


def _follow_options(cat: Catalogue, user) -> list[dict]:
    """A follow button for each theme or region chosen alone (members; one query)."""
    from .models import PracticeFollow

    if not access.is_member(user):
        return []
    options = []
    for kind in ("theme", "region"):
        keys = cat.chosen_values(kind)
        if len(keys) == 1:
            snippet = cat.taxonomies[kind][keys[0]]
            options.append(
                {"kind": kind, "slug": snippet.slug, "name": snippet.name, "key": keys[0]}
            )
    if options:
        followed = {
            str(key)
            for key in PracticeFollow.objects.filter(
                user=user, translation_key__in=[o["key"] for o in options]
            ).values_list("translation_key", flat=True)
        }
        for option in options:
            option["following"] = option["key"] in followed
    return options
