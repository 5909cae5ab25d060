"""Demo practices: about thirty documented results across regions, phases and themes; some
phased out with a follow-up note, some for members, one for a partnership's group, some
translated. No real person is named and no place is more exact than a country. Safe to run
twice (practices are found by slug)."""

from django.utils.html import escape
from wagtail.models import Locale, PageViewRestriction

from home.models import HomePage
from partners.models import Partnership

from .models import PracticeIndexPage, PracticePage, Principle, Region, Theme

TAXONOMY_NAMES = {
    Theme: {
        "prevention": ("Prévention", "Prevención", "الوقاية"),
        "rehabilitation": ("Réadaptation", "Rehabilitación", "إعادة التأهيل"),
        "legal-aid": ("Aide juridique", "Asistencia jurídica", "المساعدة القانونية"),
        "documentation": ("Documentation", "Documentación", "التوثيق"),
        "advocacy": ("Plaidoyer", "Incidencia", "المناصرة"),
        "research": ("Recherche", "Investigación", "البحث"),
        "psychosocial-support": (
            "Soutien psychosocial",
            "Apoyo psicosocial",
            "الدعم النفسي والاجتماعي",
        ),
        "detention-monitoring": (
            "Surveillance des lieux de détention",
            "Monitoreo de lugares de detención",
            "رصد أماكن الاحتجاز",
        ),
    },
    Principle: {
        "mutuality-and-respect": (
            "Mutualité et respect",
            "Mutualidad y respeto",
            "التبادلية والاحترام",
        ),
        "equality-and-non-discrimination": (
            "Égalité et non-discrimination",
            "Igualdad y no discriminación",
            "المساواة وعدم التمييز",
        ),
        "accountability-and-transparency": (
            "Redevabilité et transparence",
            "Rendición de cuentas y transparencia",
            "المساءلة والشفافية",
        ),
        "participation-and-empowerment": (
            "Participation et autonomisation",
            "Participación y empoderamiento",
            "المشاركة والتمكين",
        ),
    },
    Region: {
        "africa": ("Afrique", "África", "أفريقيا"),
        "americas": ("Amériques", "Américas", "الأمريكتان"),
        "asia-pacific": ("Asie et Pacifique", "Asia y el Pacífico", "آسيا والمحيط الهادئ"),
        "europe-central-asia": (
            "Europe et Asie centrale",
            "Europa y Asia Central",
            "أوروبا وآسيا الوسطى",
        ),
        "mena": (
            "Moyen-Orient et Afrique du Nord",
            "Oriente Medio y Norte de África",
            "الشرق الأوسط وشمال أفريقيا",
        ),
        "global": ("Monde", "Global", "عالمي"),
    },
}

# slug, title, summary, results, lessons, themes, principles, region, countries, years,
# evidence, partnership, audience, follow-up (status, year, note) or None
P, M, G = "public", "members", "group"
PRACTICES = [
    (
        "court-companions",
        "Court companions for survivors",
        "Trained volunteers accompany survivors of torture to every hearing, explain each step "
        "and sit with them while they wait.",
        "Fewer survivors withdrew their complaints; two courts now reserve a quiet waiting room.",
        "Volunteers need supervision as much as training: burnout came in the second year.",
        ["legal-aid", "psychosocial-support"],
        ["participation-and-empowerment"],
        "africa",
        ["KE"],
        (2021, 2024),
        "peer-reviewed",
        "east-africa-rehabilitation",
        P,
        None,
    ),
    (
        "holistic-rehabilitation-clinic",
        "A holistic rehabilitation clinic run with local funding",
        "Medical, psychological, legal and social support under one roof, with a growing share "
        "of the budget raised from local donors.",
        "Local funding rose from a tenth to almost half of the clinic's budget in three years.",
        "A local board with business members opened doors that international funding did not.",
        ["rehabilitation"],
        ["accountability-and-transparency", "mutuality-and-respect"],
        "africa",
        ["KE", "UG"],
        (2021, 2025),
        "evaluated",
        "east-africa-rehabilitation",
        P,
        None,
    ),
    (
        "istanbul-protocol-network",
        "A regional network of forensic doctors",
        "Doctors trained to document torture to the Istanbul Protocol standard, organised as a "
        "network that trains the next group itself.",
        "Forty-two doctors certified as trainers; medico-legal reports accepted by courts in two "
        "countries.",
        "Certification by a national medical body made the reports hard to dismiss in court.",
        ["documentation", "research"],
        ["mutuality-and-respect"],
        "asia-pacific",
        ["KH", "LA", "VN"],
        (2016, 2023),
        "evaluated",
        "mekong-forensics",
        P,
        (
            "sustained",
            2025,
            "Two years after phase-out the network is registered, trains new "
            "doctors every year and is funded by two regional foundations.",
        ),
    ),
    (
        "peer-review-of-medico-legal-reports",
        "Peer review of medico-legal reports",
        "Every forensic report is read by a second network doctor before it goes to a lawyer.",
        "Reports returned by courts for missing information fell sharply.",
        "A short checklist agreed by all doctors did more than long guidelines.",
        ["documentation"],
        ["accountability-and-transparency"],
        "asia-pacific",
        ["VN"],
        (2018, 2023),
        "peer-reviewed",
        "mekong-forensics",
        P,
        ("adapted", 2024, "The review continues, now remote and limited to contested cases."),
    ),
    (
        "police-cell-visits-method",
        "A shared method for unannounced police cell visits",
        "Partners in three countries agreed one visit protocol and one reporting form for police "
        "custody, so findings can be compared.",
        "Comparable findings for the first time; one national preventive mechanism adopted "
        "the form.",
        "Agreeing on the form took longer than the visits; it was worth it.",
        ["detention-monitoring", "prevention"],
        ["mutuality-and-respect"],
        "americas",
        ["PE", "BO", "EC"],
        (2025, 2026),
        "self-reported",
        "andean-detention-monitoring",
        P,
        None,
    ),
    (
        "families-documentation-pilot",
        "Documenting cases safely with families",
        "Families of detainees are trained to record what they learn at visits, stored safely and "
        "reviewed by a lawyer.",
        "Early cases documented within days instead of months.",
        "Digital security training had to come first, before any documentation.",
        ["documentation", "psychosocial-support"],
        ["participation-and-empowerment"],
        "mena",
        ["TN"],
        (2025, 2026),
        "self-reported",
        "documentation-pilot-mdd",
        M,
        None,
    ),
    (
        "prison-staff-dialogue",
        "Dialogue sessions between prison staff and civil society",
        "Monthly sessions where prison officers and monitors discuss findings before reports are "
        "published.",
        "Several recommendations implemented before publication; fewer denials afterwards.",
        "Officers engaged when sessions were held on neutral ground.",
        ["prevention", "detention-monitoring"],
        ["mutuality-and-respect"],
        "europe-central-asia",
        ["GE"],
        (2023, 2025),
        "peer-reviewed",
        "caucasus-prison-reform",
        M,
        None,
    ),
    (
        "complaints-mechanism-in-prisons",
        "An accessible complaints box system in prisons",
        "Locked complaint boxes opened only by the monitoring body, with forms in four languages "
        "and pictograms.",
        "Complaints rose in the first year, then the share about violence fell.",
        "Detainees used the boxes only after seeing the first complaints answered.",
        ["prevention"],
        ["accountability-and-transparency"],
        "europe-central-asia",
        ["GE"],
        (2023, 2025),
        "self-reported",
        "caucasus-prison-reform",
        G,
        None,
    ),
    (
        "legal-aid-first-hearing",
        "Legal aid at the first hearing",
        "Duty lawyers present at first appearances before a judge, when torture complaints are "
        "most often raised and lost.",
        "More allegations recorded by judges at first appearance.",
        "Rotas shared with the bar association kept lawyers available on weekends.",
        ["legal-aid", "prevention"],
        ["equality-and-non-discrimination"],
        "americas",
        ["MX"],
        (2017, 2021),
        "evaluated",
        None,
        P,
        ("sustained", 2024, "The bar association took over the rota with public funding."),
    ),
    (
        "survivor-advisory-board",
        "A survivors' advisory board",
        "Survivors advise the organisation on services, research and campaigns, with paid time "
        "and their own budget.",
        "Services changed opening hours and intake questions on the board's advice.",
        "Paying advisors for their time signalled that their expertise counted.",
        ["rehabilitation", "advocacy"],
        ["participation-and-empowerment"],
        "europe-central-asia",
        ["AM"],
        (2019, 2022),
        "self-reported",
        None,
        P,
        ("adapted", 2024, "The board now meets twice a year and advises two other organisations."),
    ),
    (
        "group-therapy-for-families",
        "Group support for families of the disappeared",
        "Facilitated groups where relatives meet, share and plan together, led by trained peers.",
        "Participants reported less isolation; several groups continue without facilitators.",
        "Peer facilitators needed a clear line to a psychologist for difficult sessions.",
        ["psychosocial-support"],
        ["participation-and-empowerment"],
        "americas",
        ["GT"],
        (2015, 2019),
        "peer-reviewed",
        None,
        P,
        ("sustained", 2023, "Four groups still meet monthly, supported by a local church network."),
    ),
    (
        "detention-monitoring-database",
        "A shared database of detention visit findings",
        "One database for visit findings across partners, with strict rules on what is recorded.",
        "Trends across facilities visible for the first time in annual reports.",
        "Deciding what not to record was the most important design decision.",
        ["detention-monitoring", "documentation"],
        ["accountability-and-transparency"],
        "asia-pacific",
        ["PH"],
        (2018, 2022),
        "self-reported",
        None,
        M,
        (
            "discontinued",
            2024,
            "The database was closed when hosting costs could not be met; the "
            "data was archived offline.",
        ),
    ),
    (
        "torture-prevention-curriculum",
        "Torture prevention in police training",
        "A module on the absolute prohibition of torture, co-taught by police trainers and "
        "civil-society lawyers.",
        "The module became compulsory in the national police academy.",
        "Co-teaching with police trainers made the content credible to recruits.",
        ["prevention"],
        ["mutuality-and-respect"],
        "africa",
        ["UG"],
        (2016, 2020),
        "evaluated",
        None,
        P,
        (
            "sustained",
            2023,
            "Still taught every year; the academy updates it without outside help.",
        ),
    ),
    (
        "media-monitoring-of-impunity",
        "Monitoring media coverage of torture cases",
        "A small team tracks how torture cases are reported and briefs journalists on survivors' "
        "rights.",
        "Fewer articles named survivors without consent.",
        "Short briefings before trials worked better than general trainings.",
        ["advocacy"],
        ["equality-and-non-discrimination"],
        "mena",
        ["JO"],
        (2020, 2022),
        "self-reported",
        None,
        P,
        None,
    ),
    (
        "women-detainees-needs",
        "Research on the needs of women in detention",
        "Interviews with former detainees and staff on what women need during and after detention.",
        "Recommendations adopted in two facilities' regulations.",
        "Women interviewers and private rooms were conditions, not extras.",
        ["research", "detention-monitoring"],
        ["equality-and-non-discrimination"],
        "asia-pacific",
        ["NP"],
        (2019, 2021),
        "peer-reviewed",
        None,
        P,
        None,
    ),
    (
        "mobile-legal-clinics",
        "Mobile legal clinics in rural districts",
        "A lawyer and a social worker travel to rural districts on a fixed monthly schedule.",
        "Cases from rural districts rose from almost none to a quarter of all cases.",
        "A fixed schedule, announced on local radio, brought people in.",
        ["legal-aid"],
        ["equality-and-non-discrimination"],
        "africa",
        ["TZ"],
        (2018, 2022),
        "self-reported",
        None,
        P,
        ("adapted", 2024, "Now run every second month with a university law clinic."),
    ),
    (
        "strategic-litigation-regional-court",
        "Strategic litigation before a regional court",
        "Carefully chosen cases taken to a regional human rights court to change national "
        "practice.",
        "Two judgments required changes to rules on pre-trial detention.",
        "Supporting the applicants through years of litigation was as important as the law.",
        ["legal-aid", "advocacy"],
        ["accountability-and-transparency"],
        "americas",
        ["CO"],
        (2014, 2020),
        "evaluated",
        None,
        P,
        None,
    ),
    (
        "art-therapy-for-children",
        "Art therapy for children of detainees",
        "Weekly art workshops for children whose parents are or were detained.",
        "Teachers reported better concentration and fewer absences.",
        "Parents wanted to be involved; family sessions were added in the second year.",
        ["psychosocial-support", "rehabilitation"],
        ["participation-and-empowerment"],
        "mena",
        ["LB"],
        (2021, 2023),
        "self-reported",
        None,
        M,
        None,
    ),
    (
        "national-preventive-mechanism-support",
        "Supporting a new national preventive mechanism",
        "Peer exchanges and joint visits with an experienced mechanism from another region.",
        "The new mechanism published its first annual report on time.",
        "Exchanges between peers were more useful than expert missions.",
        ["detention-monitoring", "prevention"],
        ["mutuality-and-respect"],
        "africa",
        ["SN"],
        (2020, 2022),
        "peer-reviewed",
        None,
        P,
        None,
    ),
    (
        "survivors-livelihoods",
        "Livelihood support as part of rehabilitation",
        "Small grants and business training for survivors who finished therapy.",
        "Most businesses were still running after two years.",
        "Timing mattered: grants offered too early were not used.",
        ["rehabilitation"],
        ["participation-and-empowerment"],
        "asia-pacific",
        ["LK"],
        (2017, 2021),
        "evaluated",
        None,
        P,
        ("sustained", 2023, "A microfinance partner continues the grants as loans."),
    ),
    (
        "prison-health-records",
        "Medical screening on arrival in prison",
        "Independent doctors examine every new detainee and record injuries in a standard form.",
        "Injuries from police custody documented systematically.",
        "Doctors needed protection from pressure; a direct line to the health ministry helped.",
        ["documentation", "prevention"],
        ["accountability-and-transparency"],
        "europe-central-asia",
        ["KG"],
        (2016, 2019),
        "peer-reviewed",
        None,
        P,
        (
            "discontinued",
            2022,
            "The screening stopped when the ministry moved prison health back "
            "under the prison service.",
        ),
    ),
    (
        "helpline-for-detainees-families",
        "A helpline for families of detainees",
        "A free phone line answering families' questions on detention, visits and complaints.",
        "Hundreds of calls a month; most questions answered in the first call.",
        "A simple question bank let volunteers answer consistently.",
        ["legal-aid", "psychosocial-support"],
        ["equality-and-non-discrimination"],
        "mena",
        ["MA"],
        (2022, 2024),
        "self-reported",
        None,
        P,
        None,
    ),
    (
        "trauma-informed-interviewing",
        "Trauma-informed interviewing for lawyers",
        "A short course for lawyers on interviewing survivors without re-traumatising them.",
        "Survivors rated interviews as less distressing; lawyers collected better evidence.",
        "Role play with actors was the part lawyers remembered.",
        ["legal-aid", "rehabilitation"],
        ["mutuality-and-respect"],
        "global",
        [],
        (2019, 2024),
        "peer-reviewed",
        None,
        P,
        None,
    ),
    (
        "annual-workshop-learning-loop",
        "Turning the annual workshop into a learning loop",
        "Findings from each annual workshop are followed up by small partner groups during "
        "the year.",
        "Three joint tools came out of the groups in two years.",
        "Groups kept going when one partner volunteered to host.",
        ["research"],
        ["mutuality-and-respect", "participation-and-empowerment"],
        "global",
        [],
        (2022, 2025),
        "self-reported",
        None,
        M,
        None,
    ),
    (
        "disability-and-detention",
        "Reaching detainees with disabilities",
        "Monitoring teams trained to identify and interview detainees with disabilities.",
        "Accessibility recommendations included in every visit report.",
        "Sign language interpreters had to be booked months ahead.",
        ["detention-monitoring"],
        ["equality-and-non-discrimination"],
        "europe-central-asia",
        ["MD"],
        (2021, 2023),
        "self-reported",
        None,
        P,
        None,
    ),
    (
        "safe-shelter-network",
        "A network of safe shelters for survivors at risk",
        "Short-term shelter for survivors facing threats after filing complaints.",
        "No sheltered survivor was harmed during proceedings.",
        "Locations must stay known to as few people as possible.",
        ["rehabilitation", "legal-aid"],
        ["participation-and-empowerment"],
        "americas",
        ["HN"],
        (2018, 2021),
        "self-reported",
        None,
        M,
        ("adapted", 2023, "Now run with a national women's shelter network."),
    ),
    (
        "budget-transparency-partners",
        "Open budgets between partners",
        "Partners share full budgets with each other, including overheads and salaries.",
        "Disagreements about money fell; joint fundraising became possible.",
        "Transparency had to go both ways to build trust.",
        ["advocacy"],
        ["accountability-and-transparency", "mutuality-and-respect"],
        "global",
        [],
        (2020, 2023),
        "peer-reviewed",
        None,
        P,
        None,
    ),
    (
        "torture-victims-compensation",
        "Claiming compensation for survivors",
        "Lawyers help survivors claim compensation through a national scheme.",
        "First awards paid after years of delay.",
        "Claims succeeded when medical reports followed the Istanbul Protocol.",
        ["legal-aid"],
        ["accountability-and-transparency"],
        "africa",
        ["ZA"],
        (2015, 2020),
        "evaluated",
        None,
        P,
        ("sustained", 2022, "The partner continues with a university legal clinic."),
    ),
    (
        "youth-detention-alternatives",
        "Alternatives to detention for children",
        "Diversion programmes with families and schools instead of detention for children.",
        "Fewer children held in police cells in the pilot districts.",
        "Police officers joined once they saw children did not reoffend more.",
        ["prevention"],
        ["equality-and-non-discrimination"],
        "asia-pacific",
        ["ID"],
        (2019, 2022),
        "evaluated",
        None,
        P,
        None,
    ),
    (
        "remote-counselling",
        "Counselling by secure video calls",
        "Psychologists offer sessions by secure video to survivors who cannot travel.",
        "Sessions continued through travel restrictions; drop-out stayed low.",
        "A phone fallback was needed for poor connections.",
        ["psychosocial-support", "rehabilitation"],
        ["equality-and-non-discrimination"],
        "mena",
        ["EG"],
        (2020, 2022),
        "self-reported",
        None,
        M,
        None,
    ),
]

# The sentences every demo practice shares, in the four languages.
SHARED_TEXT = {
    "context": {
        "en": "The partners worked where complaints of torture are common and rarely "
        "investigated, and where survivors have few places to turn.",
        "fr": "Les partenaires travaillaient là où les plaintes pour torture sont fréquentes et "
        "rarement instruites, et où les survivants ont peu de recours.",
        "es": "Las organizaciones socias trabajaron donde las denuncias de tortura son "
        "frecuentes y rara vez se investigan, y donde las personas sobrevivientes tienen pocos "
        "lugares a los que acudir.",
        "ar": "عمل الشركاء حيث تكثر شكاوى التعذيب ونادرًا ما يُحقَّق فيها، وحيث لا يجد "
        "الناجون إلا القليل من الأماكن التي يلجؤون إليها.",
    },
    "sustainability": {
        "en": "Partners judge the approach replicable where a local organisation can own it "
        "from the start.",
        "fr": "Les partenaires jugent l'approche reproductible là où une organisation locale "
        "peut se l'approprier dès le départ.",
        "es": "Las organizaciones socias consideran que el enfoque es replicable donde una "
        "organización local puede asumirlo desde el principio.",
        "ar": "يرى الشركاء أن هذا النهج قابل للتكرار حيث تستطيع منظمة محلية أن تتولاه منذ البداية.",
    },
    "exit_strategy": {
        "en": "The exit was planned with the partner two years ahead, following the agreed "
        "exit criteria.",
        "fr": "La sortie a été préparée avec le partenaire deux ans à l'avance, selon les "
        "critères de sortie convenus.",
        "es": "La salida se planificó con la organización socia con dos años de antelación, "
        "según los criterios de salida acordados.",
        "ar": "خُطِّط للخروج مع الشريك قبل عامين، وفق معايير الخروج المتفق عليها.",
    },
}

TRANSLATIONS = {
    "court-companions": {
        "fr": (
            "Accompagnement des survivants au tribunal",
            "Des bénévoles formés accompagnent les survivants de la torture à chaque audience, "
            "expliquent chaque étape et restent avec eux pendant l'attente.",
        ),
        "ar": (
            "مرافقة الناجين في المحاكم",
            "يرافق متطوعون مدرَّبون الناجين من التعذيب إلى كل جلسة، ويشرحون كل خطوة، "
            "ويبقون معهم أثناء الانتظار.",
        ),
    },
    "police-cell-visits-method": {
        "es": (
            "Un método común para visitas sin aviso a celdas policiales",
            "Organizaciones de tres países acordaron un protocolo de visita y un formulario "
            "de informe para la custodia policial, para poder comparar los hallazgos.",
        ),
    },
    "families-documentation-pilot": {
        "fr": (
            "Documenter les cas en sécurité avec les familles",
            "Les familles de détenus apprennent à consigner ce qu'elles apprennent lors des "
            "visites, conservé en sécurité et relu par un avocat.",
        ),
        "ar": (
            "التوثيق الآمن للحالات مع العائلات",
            "تتدرّب عائلات المحتجزين على تدوين ما تعرفه خلال الزيارات، ويُحفظ ذلك بأمان "
            "ويراجعه محامٍ.",
        ),
    },
    "legal-aid-first-hearing": {
        "es": (
            "Asistencia jurídica en la primera audiencia",
            "Abogados de guardia presentes en la primera comparecencia ante un juez, cuando "
            "las denuncias de tortura se plantean y se pierden con más frecuencia.",
        ),
    },
    "group-therapy-for-families": {
        "es": (
            "Apoyo grupal para familias de personas desaparecidas",
            "Grupos facilitados en los que familiares se reúnen, comparten y planifican "
            "juntos, guiados por pares capacitados.",
        ),
    },
    "helpline-for-detainees-families": {
        "fr": (
            "Une ligne d'écoute pour les familles de détenus",
            "Une ligne téléphonique gratuite qui répond aux questions des familles sur la "
            "détention, les visites et les plaintes.",
        ),
        "ar": (
            "خط مساعدة لعائلات المحتجزين",
            "خط هاتفي مجاني يجيب عن أسئلة العائلات حول الاحتجاز والزيارات والشكاوى.",
        ),
    },
}

INDEX = {
    "en": ("Practices", "Documented results and promising practices from our partnerships, "
           "above all from those that have been phased out."),
    "fr": ("Pratiques", "Résultats documentés et pratiques prometteuses de nos partenariats, "
           "surtout de ceux arrivés à leur terme."),
    "es": ("Prácticas", "Resultados documentados y prácticas prometedoras de nuestras alianzas, "
           "sobre todo de las ya finalizadas."),
    "ar": ("الممارسات", "نتائج موثقة وممارسات واعدة من شراكاتنا، ولا سيما الشراكات المنتهية."),
}  # fmt: skip


def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def _translate_taxonomies(command):
    for model, values in TAXONOMY_NAMES.items():
        for slug, names in values.items():
            original = model.objects.filter(slug=slug, locale__language_code="en").first()
            if original is None:
                continue
            for code, name in zip(("fr", "es", "ar"), names, strict=True):
                locale = Locale.objects.get(language_code=code)
                if original.get_translation_or_none(locale) is None:
                    translation = original.copy_for_translation(locale)
                    translation.name = name
                    translation.save()


def _index(command):
    home = HomePage.objects.filter(locale__language_code="en").first()
    index = PracticeIndexPage.objects.filter(locale__language_code="en").first()
    if index is None:
        title, intro = INDEX["en"]
        index = home.add_child(
            instance=PracticeIndexPage(title=title, slug="practices", intro=intro)
        )
        index.save_revision().publish()
        command.created("Created the practice catalogue.")
    for code, (title, intro) in INDEX.items():
        if code == "en":
            continue
        locale = Locale.objects.get(language_code=code)
        if index.get_translation_or_none(locale) is None:
            translation = index.copy_for_translation(locale, copy_parents=True)
            translation.title, translation.intro = title, intro
            translation.save_revision().publish()
    return index


def load(command):
    _translate_taxonomies(command)
    index = _index(command)
    themes = {t.slug: t for t in Theme.objects.filter(locale__language_code="en")}
    principles = {p.slug: p for p in Principle.objects.filter(locale__language_code="en")}
    regions = {r.slug: r for r in Region.objects.filter(locale__language_code="en")}
    partnerships = {p.slug: p for p in Partnership.objects.all()}
    for (slug, title, summary, results, lessons, theme_slugs, principle_slugs, region, countries,
         (start, end), evidence, partnership, audience, follow_up) in PRACTICES:  # fmt: skip
        if PracticePage.objects.filter(slug=slug, locale=index.locale).exists():
            continue
        partnership = partnerships.get(partnership)
        page = PracticePage(
            title=title,
            slug=slug,
            summary=summary,
            context=_p(SHARED_TEXT["context"]["en"]),
            objectives=_p(summary),
            activities=_p(summary),
            results=_p(results),
            lessons_learned=_p(lessons),
            sustainability=_p(SHARED_TEXT["sustainability"]["en"]),
            partnership=partnership,
            countries=countries,
            period_start=start,
            period_end=end,
            evidence_level=evidence,
            contact="Through the partnership's programme team (members may write via the "
            "member directory).",
            contains_identifying_details=False,
        )
        if follow_up:
            status, year, note = follow_up
            page.exit_strategy = _p(SHARED_TEXT["exit_strategy"]["en"])
            page.follow_up_status = status
            page.follow_up_date = f"{year}-06-30"
            page.follow_up_note = note
        index.add_child(instance=page)
        page.themes.set([themes[s] for s in theme_slugs if s in themes])
        page.principles.set([principles[s] for s in principle_slugs if s in principles])
        if region in regions:
            page.regions.set([regions[region]])
        if audience == M:
            PageViewRestriction.objects.create(
                page=page, restriction_type=PageViewRestriction.LOGIN
            )
        elif audience == G and partnership is not None:
            restriction = PageViewRestriction.objects.create(
                page=page, restriction_type=PageViewRestriction.GROUPS
            )
            restriction.groups.set([partnership.working_group])
        page.save_revision().publish()
        for code, (translated_title, translated_summary) in TRANSLATIONS.get(slug, {}).items():
            locale = Locale.objects.get(language_code=code)
            translation = page.copy_for_translation(locale)
            translation.title, translation.summary = translated_title, translated_summary
            # What the demo has in this language; results and lessons stay in the original,
            # as on a page whose translation is under way.
            translation.objectives = translation.activities = _p(translated_summary)
            for field, texts in SHARED_TEXT.items():
                if getattr(translation, field):
                    setattr(translation, field, _p(texts[code]))
            translation.save_revision().publish()
    command.created(f"Practices: {PracticePage.objects.count()} pages in the catalogue.")
