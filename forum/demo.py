"""Demo forum: a category for each audience (one sensitive, one allowing pseudonymous
posts), topics with replies, mentions, reactions and a solution. Safe to run twice."""

from django.contrib.auth.models import Group, Permission

from partners.demo import demo_user
from partners.models import Audience, Membership, Organisation, Region

from . import services
from .models import Category, NotificationPreference, Subscription, Topic

WORKING_GROUP = "Working group: detention monitoring"

CATEGORIES = [
    {
        "slug": "phased-out-partnerships",
        "audience": Audience.PUBLIC,
        "colour": "#1f6f3f",
        "order": 1,
        "name": "Lessons from phased-out partnerships",
        "name_fr": "Leçons des partenariats achevés",
        "name_es": "Lecciones de alianzas concluidas",
        "name_ar": "دروس من الشراكات المنتهية",
        "description": "What worked, what did not, and what partners would do differently "
        "when a partnership comes to an end.",
        "description_fr": "Ce qui a fonctionné, ce qui n'a pas fonctionné et ce que les "
        "partenaires feraient autrement à la fin d'un partenariat.",
        "description_es": "Lo que funcionó, lo que no y lo que las organizaciones aliadas "
        "harían de otra manera al concluir una alianza.",
        "description_ar": "ما نجح وما لم ينجح وما كان الشركاء سيفعلونه بشكل مختلف عند "
        "انتهاء الشراكة.",
    },
    {
        "slug": "documenting-torture",
        "audience": Audience.MEMBERS,
        "colour": "#0b5c8a",
        "order": 2,
        "name": "Documenting torture",
        "name_fr": "Documenter la torture",
        "name_es": "Documentar la tortura",
        "name_ar": "توثيق التعذيب",
        "description": "Medical and legal documentation, the Istanbul Protocol, keeping "
        "evidence safe.",
        "description_fr": "Documentation médicale et juridique, Protocole d'Istanbul, "
        "conservation des preuves.",
        "description_es": "Documentación médica y jurídica, Protocolo de Estambul, "
        "resguardo de la evidencia.",
        "description_ar": "التوثيق الطبي والقانوني، وبروتوكول إسطنبول، وحفظ الأدلة بأمان.",
    },
    {
        "slug": "detention-monitoring",
        "audience": Audience.GROUPS,
        "groups": [WORKING_GROUP],
        "colour": "#6a1b9a",
        "order": 3,
        "name": "Monitoring places of detention",
        "name_fr": "Surveiller les lieux de détention",
        "name_es": "Monitoreo de lugares de detención",
        "name_ar": "رصد أماكن الاحتجاز",
        "description": "The detention monitoring working group's own space.",
        "description_fr": "L'espace du groupe de travail sur la surveillance de la détention.",
        "description_es": "El espacio del grupo de trabajo sobre monitoreo de la detención.",
        "description_ar": "المساحة الخاصة بفريق العمل المعني برصد الاحتجاز.",
    },
    {
        "slug": "safety-and-wellbeing",
        "audience": Audience.MEMBERS,
        "is_sensitive": True,
        "colour": "#a4161a",
        "order": 4,
        "name": "Safety and wellbeing of defenders",
        "name_fr": "Sécurité et bien-être des défenseur·es",
        "name_es": "Seguridad y bienestar de las personas defensoras",
        "name_ar": "سلامة المدافعين ورفاههم",
        "description": "Security incidents, burnout, care. Never in feeds or digests.",
        "description_fr": "Incidents de sécurité, épuisement, soin. Jamais dans les flux.",
        "description_es": "Incidentes de seguridad, desgaste, cuidado. Nunca en los feeds.",
        "description_ar": "الحوادث الأمنية والإرهاق والرعاية. لا تظهر أبداً في الخلاصات.",
    },
    {
        "slug": "speak-freely",
        "audience": Audience.MEMBERS,
        "allow_pseudonymous": True,
        "colour": "#bf5700",
        "order": 5,
        "name": "Speak freely",
        "name_fr": "Parler librement",
        "name_es": "Hablar con libertad",
        "name_ar": "تحدّث بحرية",
        "description": "Post as “a partner from <your region>”: other members do not see "
        "your name; moderators can.",
        "description_fr": "Publiez en tant que « un·e partenaire de <votre région> ».",
        "description_es": "Publique como «una organización aliada de <su región>».",
        "description_ar": "انشر باسم «شريك من <منطقتك>».",
    },
]

ORGANISATIONS = {
    "tcd": ("Tunisian Centre for Dignity", "Tunisia", Region.MIDDLE_EAST_NORTH_AFRICA),
    "ant": ("Andean Network against Torture", "Peru", Region.AMERICAS),
    "mwp": ("Monitoring Watch Philippines", "Philippines", Region.ASIA_PACIFIC),
}

PEOPLE = [
    ("amina@gpe.example", "amina.k", "tcd", False),
    ("carlos@gpe.example", "carlos.m", "ant", False),
    ("nadia@gpe.example", "nadia.r", "mwp", True),
]


def _person(command, email, display_name, org_key, in_working_group, working_group):
    user = demo_user(command, email, display=f"(forum member {display_name})")
    name, country, region = ORGANISATIONS[org_key]
    organisation, _ = Organisation.objects.get_or_create(
        name=name, defaults={"country": country, "region": region, "is_listed": True}
    )
    Membership.objects.get_or_create(user=user, organisation=organisation)
    if user.profile.display_name.startswith("partner-"):
        user.profile.display_name = display_name
        user.profile.save(update_fields=["display_name"])
    if in_working_group:
        user.groups.add(working_group)
    # A daily digest: the demo should not fill the console with emails.
    NotificationPreference.objects.update_or_create(
        user=user, defaults={"email": NotificationPreference.Email.DIGEST}
    )
    return user


def _topic(category, author, title, markdown, *, tags=(), pseudonymous=False, language="en"):
    existing = Topic.objects.filter(category=category, title=title).first()
    if existing is not None:
        return existing, False
    topic = services.create_topic(
        author=author,
        category=category,
        title=title,
        markdown=markdown,
        language=language,
        tags=tags,
        pseudonymous=pseudonymous,
    )
    return topic, True


def _reply(topic, author, markdown, **options):
    return services.create_reply(
        author=author,
        topic=topic,
        markdown=markdown,
        language=options.pop("language", "en"),
        **options,
    )


def load(command):
    working_group, _ = Group.objects.get_or_create(name=WORKING_GROUP)
    _staff_permissions()
    categories = {}
    for data in CATEGORIES:
        data = dict(data)
        group_names = data.pop("groups", [])
        category, created = Category.objects.get_or_create(slug=data["slug"], defaults=data)
        if created:
            category.groups.set([Group.objects.get_or_create(name=n)[0] for n in group_names])
            command.created(f"Created the forum category '{category.name}'.")
        categories[data["slug"]] = category

    amina, carlos, nadia = (
        _person(command, *person, working_group=working_group) for person in PEOPLE
    )
    member = demo_user(command, "member@gpe.example", display="(partner member)")
    member.groups.add(working_group)
    moderator = demo_user(
        command, "moderator@gpe.example", display="(forum moderator)", groups=["Moderators"]
    )
    if moderator.profile.display_name.startswith("partner-"):
        moderator.profile.display_name = "gpe.moderator"
        moderator.profile.save(update_fields=["display_name"])
    Membership.objects.get_or_create(
        user=moderator, organisation=Organisation.objects.get(name=ORGANISATIONS["tcd"][0])
    )

    _phased_out(command, categories["phased-out-partnerships"], amina, carlos, nadia, member)
    _documenting(command, categories["documenting-torture"], amina, nadia, carlos)
    _monitoring(command, categories["detention-monitoring"], nadia, member)
    _safety(command, categories["safety-and-wellbeing"], amina, carlos)
    _speak_freely(command, categories["speak-freely"], carlos, amina, nadia)


def _staff_permissions():
    """Moderators read the moderation log in the admin; editors keep the categories."""
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    editors, _ = Group.objects.get_or_create(name="Editors")
    moderators.permissions.add(Permission.objects.get(codename="view_moderationaction"))
    editors.permissions.add(
        *Permission.objects.filter(
            codename__in=["add_category", "change_category", "view_category"],
            content_type__app_label="forum",
        )
    )


def _phased_out(command, category, amina, carlos, nadia, member):
    topic, created = _topic(
        category,
        amina,
        "What we would do differently when a partnership ends",
        "Our partnership with the international secretariat was phased out last year after "
        "nine years. Three things we would do differently:\n\n"
        "1. **Start the exit plan in year one**, not in the last six months.\n"
        "2. Hand over the *documentation archive* to a university library early, with a "
        "clear agreement on who may consult it.\n"
        "3. Keep the referral network for survivors alive: the doctors and lawyers we "
        "trained still call each other, but nobody funds the coordination.\n\n"
        "What did others learn?",
        tags=["exit planning", "archives"],
    )
    if not created:
        return
    services.set_subscription(nadia, level=Subscription.Level.WATCH, topic=topic)
    first = _reply(
        topic,
        carlos,
        "Point 3 is exactly our experience in the Andes. We wrote the referral "
        "protocol into the bar association's own rules, so it survived us. "
        "@amina.k did the library agree to restrict access to case files?",
        reply_to=topic.first_post,
    )
    answer = _reply(
        topic,
        amina,
        "Yes: the agreement lists who may consult the files (researchers with "
        "ethics approval) and the files stay anonymised. It took eight months "
        "to negotiate, which is why I say *start early*.",
        reply_to=first,
    )
    _reply(
        topic,
        nadia,
        "> Start the exit plan in year one\n\nAgreed. We now put a "
        "'what stays after us' section into every annual plan.",
        language="en",
    )
    _reply(
        topic,
        amina,
        "وللتوضيح لزملائنا في المنطقة: وثّقنا كل خطوة من خطوات الإنهاء "
        "التدريجي في دليل قصير بالعربية، ويسعدنا مشاركته مع من يحتاجه.",
        language="ar",
    )
    services.toggle_reaction(topic.first_post, user=carlos, kind="insightful")
    services.toggle_reaction(topic.first_post, user=nadia, kind="helpful")
    services.toggle_reaction(answer, user=member, kind="thanks")

    question, _ = _topic(
        category,
        carlos,
        "How did you keep rehabilitation services running after funding ended?",
        "Our centre lost two thirds of its budget when the partnership closed. Did anyone "
        "manage to keep psychological care for survivors going? Which funders or public "
        "services took over?",
        tags=["rehabilitation", "funding"],
    )
    solution = _reply(
        question,
        amina,
        "We signed an agreement with the public health insurer: torture "
        "survivors are now a recognised category, so sessions are reimbursed. "
        "It covers about half of what we did, but it is stable.",
    )
    _reply(
        question,
        member,
        "Same in Kenya with county health services; it took a court case to get there.",
    )
    services.mark_solved(question, solution, user=carlos)
    services.toggle_reaction(solution, user=carlos, kind="helpful")
    command.created("Created forum topics in 'Lessons from phased-out partnerships'.")


def _documenting(command, category, amina, nadia, carlos):
    topic, created = _topic(
        category,
        nadia,
        "Istanbul Protocol training for local doctors: what worked",
        "We trained 40 district doctors over two years. Short refresher sessions every six "
        "months worked far better than one long course. @amina.k, your team used "
        "peer review of reports; how did you organise it?",
        tags=["istanbul protocol", "medical documentation"],
    )
    if not created:
        return
    _reply(
        topic,
        amina,
        "Each report is read by a second doctor from another district, "
        "with names removed. We meet online once a month to discuss the hardest cases.",
    )
    _reply(
        topic,
        carlos,
        "Nosotros hicimos algo parecido con médicos forenses en Perú; "
        "la revisión entre pares fue lo más útil.",
        language="es",
    )
    command.created("Created forum topics in 'Documenting torture'.")


def _monitoring(command, category, nadia, member):
    topic, created = _topic(
        category,
        nadia,
        "Unannounced visits: negotiating access with prison directors",
        "The new regional director refuses unannounced visits despite the agreement with "
        "the ministry. Has anyone escalated this successfully without losing access "
        "altogether?",
        tags=["access", "prisons"],
    )
    if not created:
        return
    _reply(
        topic,
        member,
        "We asked the national preventive mechanism to join our next "
        "visit; the director could not refuse them, and after that he accepted us too.",
    )
    command.created("Created forum topics in 'Monitoring places of detention'.")


def _safety(command, category, amina, carlos):
    topic, created = _topic(
        category,
        amina,
        "Digital security after our office was searched",
        "Police took two laptops last month. Full-disk encryption held. Sharing our "
        "checklist for the first 48 hours; please add what we missed.",
        tags=["digital security"],
    )
    if not created:
        return
    _reply(
        topic,
        carlos,
        "Change every shared password from a clean device first, and "
        "tell partners which channels are no longer safe.",
    )
    command.created("Created forum topics in 'Safety and wellbeing of defenders'.")


def _speak_freely(command, category, carlos, amina, nadia):
    topic, created = _topic(
        category,
        carlos,
        "What I could not say in our final report",
        "The indicators we were asked to report on measured trainings, not whether "
        "torture decreased. We reported what was asked. I wish we had said openly that the "
        "numbers did not tell the story.",
        pseudonymous=True,
        tags=["reporting"],
    )
    if not created:
        return
    reply = _reply(
        topic,
        amina,
        "Same here. Our strongest result, a judge who now refuses "
        "confessions obtained under torture, fit no indicator.",
        pseudonymous=True,
    )
    _reply(
        topic,
        nadia,
        "Thank you both. Could we propose outcome harvesting for the next policy revision?",
    )
    services.toggle_reaction(reply, user=nadia, kind="support")
    command.created("Created forum topics in 'Speak freely'.")
