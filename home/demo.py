"""Demo content for the home app: the home page and two pages, in four languages."""

from wagtail.models import Locale, Page, Site

from . import demo_policy
from .models import HomePage, StandardPage

HOME = {
    "en": (
        "Global Partnership Exchange",
        "Partners against torture learn from each other here: our Partnership Policy, the "
        "results and promising practices of our partnerships, a forum and the annual workshop.",
    ),
    "fr": (
        "Échange mondial de partenariats",
        "Ici, les partenaires engagés contre la torture apprennent les uns des autres : notre "
        "politique de partenariat, les résultats et pratiques prometteuses de nos partenariats, "
        "un forum et l'atelier annuel.",
    ),
    "es": (
        "Intercambio Global de Alianzas",
        "Aquí las organizaciones aliadas contra la tortura aprenden unas de otras: nuestra "
        "Política de Alianzas, los resultados y prácticas prometedoras de nuestras alianzas, un "
        "foro y el taller anual.",
    ),
    "ar": (
        "التبادل العالمي للشراكات",
        "هنا يتعلّم الشركاء في مناهضة التعذيب بعضهم من بعض: سياسة الشراكة لدينا، ونتائج "
        "شراكاتنا وممارساتها الواعدة، ومنتدى، وورشة العمل السنوية.",
    ),
}

PAGES = {
    "about": {
        "en": (
            "About the exchange",
            "Who we are and how the exchange works.",
            "The exchange connects an international anti-torture organisation with the civil "
            "society groups, networks and research institutes it works with. Partners share "
            "what worked, what did not, and what they would do differently.",
        ),
        "fr": (
            "À propos de l'échange",
            "Qui nous sommes et comment fonctionne l'échange.",
            "L'échange relie une organisation internationale de lutte contre la torture aux "
            "groupes de la société civile, réseaux et instituts de recherche avec lesquels "
            "elle travaille. Les partenaires partagent ce qui a fonctionné, ce qui n'a pas "
            "fonctionné et ce qu'ils feraient autrement.",
        ),
        "es": (
            "Sobre el intercambio",
            "Quiénes somos y cómo funciona el intercambio.",
            "El intercambio conecta a una organización internacional contra la tortura con "
            "los grupos de la sociedad civil, redes e institutos de investigación con los que "
            "trabaja. Las organizaciones aliadas comparten lo que funcionó, lo que no y lo que "
            "harían de otra manera.",
        ),
        "ar": (
            "عن التبادل",
            "من نحن وكيف يعمل التبادل.",
            "يربط التبادل منظمةً دولية لمناهضة التعذيب بمجموعات المجتمع المدني والشبكات "
            "ومعاهد البحث التي تعمل معها. ويتبادل الشركاء ما نجح وما لم ينجح وما كانوا "
            "سيفعلونه بشكل مختلف.",
        ),
    },
    "join": {
        "en": (
            "How to join",
            "Membership is by invitation.",
            "Partner organisations invite their colleagues. If your organisation works with "
            "us and you have no account yet, ask your organisation's administrator or use the "
            "request form.",
        ),
        "fr": (
            "Comment nous rejoindre",
            "L'adhésion se fait sur invitation.",
            "Les organisations partenaires invitent leurs collègues. Si votre organisation "
            "travaille avec nous et que vous n'avez pas encore de compte, adressez-vous à "
            "l'administrateur de votre organisation ou utilisez le formulaire de demande.",
        ),
        "es": (
            "Cómo unirse",
            "La membresía es por invitación.",
            "Las organizaciones aliadas invitan a sus colegas. Si su organización trabaja con "
            "nosotros y aún no tiene cuenta, pídala a la persona administradora de su "
            "organización o use el formulario de solicitud.",
        ),
        "ar": (
            "كيف تنضم",
            "العضوية بالدعوة.",
            "تدعو المنظمات الشريكة زملاءها. إذا كانت منظمتك تعمل معنا وليس لديك حساب بعد، "
            "فاطلب من مسؤول منظمتك أو استخدم نموذج الطلب.",
        ),
    },
}


def _paragraph(text):
    return [("paragraph", f"<p>{text}</p>")]


def _translate(source, code, **fields):
    """The translation of ``source`` in ``code``, created (and published) if missing."""
    locale = Locale.objects.get(language_code=code)
    existing = source.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translation = source.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


def load(command):
    for code in HOME:
        Locale.objects.get_or_create(language_code=code)

    home = HomePage.objects.filter(locale__language_code="en").first()
    if home is None:
        # Wagtail's migration leaves a "Welcome" page (and a site on it) where ours goes.
        Page.objects.filter(depth=2, content_type__app_label="wagtailcore").delete()
        root = Page.get_first_root_node()
        title, intro = HOME["en"]
        home = root.add_child(instance=HomePage(title=title, slug="home", intro=intro))
        home.save_revision().publish()
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": "localhost",
                "port": 80,
                "root_page": home,
                "site_name": "Global Partnership Exchange",
            },
        )
        command.created("Created the home page.")
    for code, (title, intro) in HOME.items():
        if code != "en":
            _translate(home, code, title=title, intro=intro)

    for slug, versions in PAGES.items():
        page = StandardPage.objects.filter(slug=slug, locale__language_code="en").first()
        if page is None:
            title, intro, text = versions["en"]
            page = home.add_child(
                instance=StandardPage(
                    title=title, slug=slug, intro=intro, body=_paragraph(text), show_in_menus=True
                )
            )
            page.save_revision().publish()
            command.created(f"Created the page '{title}'.")
        for code, (title, intro, text) in versions.items():
            if code != "en":
                _translate(page, code, title=title, intro=intro, body=_paragraph(text))

    demo_policy.load(command)
