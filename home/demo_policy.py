"""Demo: a short Partnership Policy written for this site, in two published versions, with one
annex, an Arabic translation of both versions and a French one of the first only (so the
French page shows "this translation may be out of date"). Safe to run twice.

The text is written for the demo; it is not any organisation's real policy.
"""

import datetime

from django.utils import timezone
from wagtail.models import Locale

from home.models import AnnexPage, HomePage, PolicyPage, PolicyVersion, SiteSettings
from home.policy.translation import translate_from

SLUG = "partnership-policy"
ADOPTED = datetime.date(2024, 3, 15)
REVISED = datetime.date(2025, 4, 10)

# Per language: page fields, then per block id the heading/title and text of each version.
POLICY = {
    "en": {
        "title": "Partnership Policy",
        "summary": (
            "How the organisation and its partners work together against torture: what we "
            "agree on, how we decide, report and learn, and how a partnership ends."
        ),
        "changes": {
            1: "First version, adopted by the board.",
            2: "Reporting is now twice a year and may be oral where writing is unsafe (section 4).",
        },
        "principle": (
            "Do no harm",
            "<p>No activity, report or publication may put a survivor, a witness or a partner "
            "at risk. When in doubt, we do not publish.</p>",
        ),
        "sections": {
            "s-purpose": (
                "Purpose",
                "<p>This policy sets out how we choose, support and learn with partner "
                "organisations that work to prevent torture, to hold those responsible to "
                "account and to support survivors.[^1] It applies to every partnership, "
                "whatever its size or length.</p>",
            ),
            "s-agreements": (
                "Partnership agreements",
                "<p>Every partnership rests on a written agreement. It covers:</p><ul>"
                "<li>the shared goal and the results we expect;</li>"
                "<li>what each side contributes, including the budget;</li>"
                "<li>how decisions are taken and disagreements settled;</li>"
                "<li>how the partnership will end.</li></ul>"
                "<p>We review the agreement together every year.</p>",
            ),
            "s-safety": (
                "Safety of partners and survivors",
                "<p>Partners decide what is safe to share. We keep information about survivors "
                "only with their informed consent and only for as long as it is needed. Names "
                "of survivors and witnesses never appear in reports.</p>",
            ),
            "s-reporting": (
                "Reporting and learning",
                {
                    1: "<p>Partners report on results once a year, in the language of their "
                    "choice. Reports describe what changed for survivors and what we learned, "
                    "not only what was done.</p>",
                    2: "<p>Partners report on results twice a year, in the language of their "
                    "choice, and may report orally where writing is unsafe. Reports describe "
                    "what changed for survivors and what we learned, not only what was "
                    "done.[^2]</p>",
                },
            ),
            "s-phasing-out": (
                "Phasing out",
                "<p>When a partnership ends, both sides document its results and lessons "
                "together and agree how the partner's work can continue. These lessons are "
                "shared with other partners through this exchange.</p>",
            ),
        },
        "notes": {
            "1": "<p>UN Convention against Torture and Other Cruel, Inhuman or Degrading "
            "Treatment or Punishment, 1984.</p>",
            "2": "<p>Annex 1 sets out what a report covers.</p>",
        },
    },
    "fr": {
        "title": "Politique de partenariat",
        "slug": "politique-de-partenariat",
        "summary": (
            "Comment l'organisation et ses partenaires travaillent ensemble contre la "
            "torture : ce sur quoi nous nous accordons, comment nous décidons, rendons compte "
            "et apprenons, et comment un partenariat prend fin."
        ),
        "changes": {1: "Première version, adoptée par le conseil d'administration."},
        "principle": (
            "Ne pas nuire",
            "<p>Aucune activité, aucun rapport ni aucune publication ne doit mettre en danger "
            "une personne survivante, un témoin ou un partenaire. En cas de doute, nous ne "
            "publions pas.</p>",
        ),
        "sections": {
            "s-purpose": (
                "Objet",
                "<p>Cette politique définit comment nous choisissons et soutenons les "
                "organisations partenaires qui œuvrent à prévenir la torture, à faire rendre "
                "des comptes aux responsables et à soutenir les personnes survivantes, et "
                "comment nous apprenons avec elles.[^1] Elle s'applique à tout partenariat, "
                "quelle que soit sa taille ou sa durée.</p>",
            ),
            "s-agreements": (
                "Accords de partenariat",
                "<p>Chaque partenariat repose sur un accord écrit. Il précise :</p><ul>"
                "<li>l'objectif commun et les résultats attendus ;</li>"
                "<li>la contribution de chaque partie, y compris le budget ;</li>"
                "<li>la manière de prendre les décisions et de régler les désaccords ;</li>"
                "<li>la manière dont le partenariat prendra fin.</li></ul>"
                "<p>Nous réexaminons l'accord ensemble chaque année.</p>",
            ),
            "s-safety": (
                "Sécurité des partenaires et des personnes survivantes",
                "<p>Les partenaires décident de ce qu'il est sûr de partager. Nous ne "
                "conservons des informations sur les personnes survivantes qu'avec leur "
                "consentement éclairé et seulement aussi longtemps que nécessaire. Les noms "
                "des personnes survivantes et des témoins n'apparaissent jamais dans les "
                "rapports.</p>",
            ),
            "s-reporting": (
                "Rapports et apprentissage",
                {
                    1: "<p>Les partenaires rendent compte des résultats une fois par an, dans "
                    "la langue de leur choix. Les rapports décrivent ce qui a changé pour les "
                    "personnes survivantes et ce que nous avons appris, et pas seulement ce "
                    "qui a été fait.</p>",
                },
            ),
            "s-phasing-out": (
                "Fin du partenariat",
                "<p>Lorsqu'un partenariat prend fin, les deux parties documentent ensemble "
                "ses résultats et ses enseignements et conviennent de la manière dont le "
                "travail du partenaire peut se poursuivre. Ces enseignements sont partagés "
                "avec les autres partenaires par le biais de cet échange.</p>",
            ),
        },
        "notes": {
            "1": "<p>Convention des Nations unies contre la torture et autres peines ou "
            "traitements cruels, inhumains ou dégradants, 1984.</p>",
        },
    },
    "ar": {
        "title": "سياسة الشراكة",
        "summary": (
            "كيف تعمل المنظمة وشركاؤها معًا ضد التعذيب: ما نتفق عليه، وكيف نتخذ القرارات "
            "ونقدّم التقارير ونتعلّم، وكيف تنتهي الشراكة."
        ),
        "changes": {
            1: "الإصدار الأول، اعتمده مجلس الإدارة.",
            2: "أصبحت التقارير مرتين في السنة، ويجوز تقديمها شفهيًا حيث تكون الكتابة غير "
            "آمنة (القسم 4).",
        },
        "principle": (
            "عدم الإضرار",
            "<p>لا يجوز لأي نشاط أو تقرير أو منشور أن يعرّض أحد الناجين أو الشهود أو الشركاء "
            "للخطر. وعند الشك، لا ننشر.</p>",
        ),
        "sections": {
            "s-purpose": (
                "الغرض",
                "<p>تحدد هذه السياسة كيف نختار المنظمات الشريكة التي تعمل على منع التعذيب "
                "ومحاسبة المسؤولين عنه ودعم الناجين، وكيف ندعمها ونتعلّم معها.[^1] وتنطبق على "
                "كل شراكة، مهما كان حجمها أو مدتها.</p>",
            ),
            "s-agreements": (
                "اتفاقات الشراكة",
                "<p>تقوم كل شراكة على اتفاق مكتوب يتناول:</p><ul>"
                "<li>الهدف المشترك والنتائج المتوقعة؛</li>"
                "<li>ما يساهم به كل طرف، بما في ذلك الميزانية؛</li>"
                "<li>كيفية اتخاذ القرارات وتسوية الخلافات؛</li>"
                "<li>كيفية إنهاء الشراكة.</li></ul>"
                "<p>نراجع الاتفاق معًا كل عام.</p>",
            ),
            "s-safety": (
                "سلامة الشركاء والناجين",
                "<p>يقرر الشركاء ما يمكن مشاركته بأمان. ولا نحتفظ بمعلومات عن الناجين إلا "
                "بموافقتهم المستنيرة، وفقط للمدة اللازمة. ولا تظهر أسماء الناجين والشهود في "
                "التقارير أبدًا.</p>",
            ),
            "s-reporting": (
                "التقارير والتعلّم",
                {
                    1: "<p>يقدّم الشركاء تقارير عن النتائج مرة واحدة في السنة، باللغة التي "
                    "يختارونها. وتصف التقارير ما تغيّر بالنسبة إلى الناجين وما تعلّمناه، لا "
                    "ما أُنجز فحسب.</p>",
                    2: "<p>يقدّم الشركاء تقارير عن النتائج مرتين في السنة، باللغة التي "
                    "يختارونها، ويجوز لهم تقديمها شفهيًا حيث تكون الكتابة غير آمنة. وتصف "
                    "التقارير ما تغيّر بالنسبة إلى الناجين وما تعلّمناه، لا ما أُنجز "
                    "فحسب.[^2]</p>",
                },
            ),
            "s-phasing-out": (
                "إنهاء الشراكة",
                "<p>عند انتهاء الشراكة، يوثّق الطرفان معًا نتائجها والدروس المستفادة منها، "
                "ويتفقان على كيفية استمرار عمل الشريك. وتُتاح هذه الدروس للشركاء الآخرين عبر "
                "هذا التبادل.</p>",
            ),
        },
        "notes": {
            "1": "<p>اتفاقية الأمم المتحدة لمناهضة التعذيب وغيره من ضروب المعاملة أو العقوبة "
            "القاسية أو اللاإنسانية أو المهينة، 1984.</p>",
            "2": "<p>يحدد الملحق 1 ما يتضمنه التقرير.</p>",
        },
    },
}

ANNEX = {
    "en": {
        "title": "Reporting template",
        "summary": "What a partner's report covers.",
        "sections": {
            "a-results": (
                "Results",
                "<p>What changed for survivors, for institutions and for the partner "
                "organisation, with examples.</p>",
            ),
            "a-lessons": (
                "Lessons",
                "<p>What worked, what did not, and what the partner would do differently.</p>",
            ),
            "a-confidential": (
                "Confidential information",
                "<p>Anything the partner does not want shared beyond the organisation's staff "
                "is marked as such and stays out of public summaries.</p>",
            ),
        },
    },
    "ar": {
        "title": "نموذج التقرير",
        "summary": "ما يتضمنه تقرير الشريك.",
        "sections": {
            "a-results": (
                "النتائج",
                "<p>ما تغيّر بالنسبة إلى الناجين والمؤسسات والمنظمة الشريكة، مع أمثلة.</p>",
            ),
            "a-lessons": (
                "الدروس",
                "<p>ما نجح وما لم ينجح، وما كان الشريك سيفعله بشكل مختلف.</p>",
            ),
            "a-confidential": (
                "المعلومات السرية",
                "<p>يُشار إلى كل ما لا يريد الشريك مشاركته خارج موظفي المنظمة، ويُستبعد من "
                "الملخصات العامة.</p>",
            ),
        },
    },
}

# When each publication happened in the demo's story (shown in the version history).
PUBLISHED = {
    ("en", 1): ADOPTED,
    ("en", 2): REVISED,
    ("ar", 1): datetime.date(2024, 5, 2),
    ("ar", 2): datetime.date(2025, 5, 20),
    ("fr", 1): datetime.date(2024, 5, 2),
}


def _section_text(text, version):
    if isinstance(text, dict):
        return text.get(version) or text[max(text)]
    return text


def _policy_body(language, version):
    text = POLICY[language]
    title, principle = text["principle"]
    body = [{"type": "principle", "value": {"title": title, "text": principle}, "id": "p-harm"}]
    for block_id, (heading, section_text) in text["sections"].items():
        body.append(
            {
                "type": "section",
                "value": {"heading": heading, "text": _section_text(section_text, version)},
                "id": block_id,
            }
        )
    labels = ["1", "2"] if version == 2 else ["1"]
    body.append(
        {
            "type": "footnotes",
            "value": [
                {
                    "type": "item",
                    "value": {"label": label, "text": text["notes"][label]},
                    "id": f"note-{label}",
                }
                for label in labels
                if label in text["notes"]
            ],
            "id": "notes",
        }
    )
    return body


def _policy_in(language, version):
    """An unsaved page holding the policy's text in ``language`` at ``version``."""
    text = POLICY[language]
    return PolicyPage(
        title=text["title"],
        slug=text.get("slug", SLUG),
        summary=text["summary"],
        change_summary=text["changes"][version],
        body=_policy_body(language, version),
    )


def _annex_in(language):
    text = ANNEX[language]
    return AnnexPage(
        title=text["title"],
        slug="annex-1",
        summary=text["summary"],
        body=[
            {"type": "section", "value": {"heading": heading, "text": html}, "id": block_id}
            for block_id, (heading, html) in text["sections"].items()
        ],
    )


def _date_last_version(page, day):
    """Give the demo's latest publication of ``page`` its date in the story (and its
    version that adoption date, unless a source language published it first)."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    version = page.versions().first()
    PolicyVersion.objects.filter(pk=version.pk).update(published_at=moment)
    same_version_elsewhere = PolicyVersion.objects.filter(
        page__translation_key=page.translation_key, version_label=version.version_label
    ).exclude(pk=version.pk)
    if not same_version_elsewhere.exists():
        PolicyVersion.objects.filter(pk=version.pk).update(adopted_on=day)
    type(page).objects.filter(pk=page.pk).update(last_published_at=moment)


def load(command):
    home = HomePage.objects.filter(locale__language_code="en").first()
    if PolicyPage.objects.filter(locale__language_code="en", slug=SLUG).exists():
        command.say("The demo Partnership Policy is already there.")
        return
    locales = {code: Locale.objects.get(language_code=code) for code in ("fr", "ar")}

    # Version 1.0 in English, with its annex.
    policy = _policy_in("en", 1)
    policy.version_label = "1.0"
    policy.adoption_date = ADOPTED
    policy.show_in_menus = True
    home.add_child(instance=policy)
    policy.save_revision().publish()
    annex = _annex_in("en")
    annex.version_label = "1.0"
    annex.number = 1
    PolicyPage.objects.get(pk=policy.pk).add_child(instance=annex)
    annex.save_revision().publish()
    _date_last_version(policy, PUBLISHED[("en", 1)])

    # Version 1.0 translated into French and Arabic.
    for code in ("fr", "ar"):
        translated = translate_from(
            PolicyPage.objects.get(pk=policy.pk), locales[code], _policy_in(code, 1)
        )
        _date_last_version(translated, PUBLISHED[(code, 1)])
    translate_from(AnnexPage.objects.get(pk=annex.pk), locales["ar"], _annex_in("ar"))

    # Version 2.0: the first-year revision changed the reporting section and added a note.
    draft = PolicyPage.objects.get(pk=policy.pk).get_latest_revision_as_object()
    draft.version_label = "2.0"
    draft.change_summary = POLICY["en"]["changes"][2]
    draft.last_review_date = REVISED
    draft.body = _policy_body("en", 2)
    draft.save_revision().publish()
    _date_last_version(policy, PUBLISHED[("en", 2)])

    # Arabic follows version 2.0; French stays at 1.0 and says it may be out of date.
    arabic = translate_from(
        PolicyPage.objects.get(pk=policy.pk), locales["ar"], _policy_in("ar", 2)
    )
    _date_last_version(arabic, PUBLISHED[("ar", 2)])

    settings = SiteSettings.for_site(home.get_site())
    if not settings.complaints_url:
        settings.complaints_url = "https://example.org/complaints"
        settings.save()
    command.created(
        "Created the Partnership Policy: versions 1.0 and 2.0, one annex, Arabic (current) "
        "and French (out of date) translations."
    )
