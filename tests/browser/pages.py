"""The main pages every browser check visits: one list, extended by each app.

Each entry builds what its page needs (with the app's factories, never the demo content) and
returns the page's path with ``{lang}`` where the language goes. ``signed_in`` pages are
opened as ``world.member``, a verified member of an organisation. A new app adds its main
pages with ``MAIN_PAGES.append(MainPage(...))`` in ``tests/browser/pages_<app>.py`` (``all_pages()``
imports every such module) and every check (axe, overflow at 390 px, page weight, other
origins) then covers them in English and Arabic.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class World:
    """What the page builders share: the translated home pages, locales, the member."""

    home: dict
    locales: dict
    member: object
    made: dict = field(default_factory=dict)


@dataclass(frozen=True)
class MainPage:
    name: str
    build: Callable[[World], str]
    signed_in: bool = False
    # Opens the page when a plain visit cannot (say, a sign-in step): (page, base_url, lang).
    visit: Callable | None = None
    # Saved as <name>-<lang>-<width>.png in $SCREENSHOT_DIR for a person to look at.
    screenshot: str = ""


def _policy(world: World):
    """The policy in English and Arabic, two versions, with an annex in both languages."""
    if "policy" in world.made:
        return world.made["policy"]
    import datetime

    from home.factories import AnnexPageFactory, PolicyPageFactory, arabic_policy_page
    from home.models import AnnexPage
    from home.policy.translation import translate_from

    policy = PolicyPageFactory(
        parent=world.home["en"], slug="policy", adoption_date=datetime.date(2024, 3, 15)
    )
    policy.change_summary = "First version."
    policy.save_revision().publish()
    draft = type(policy).objects.get(pk=policy.pk).get_latest_revision_as_object()
    draft.version_label = "2.0"
    draft.change_summary = "Reporting twice a year."
    draft.title = "Partnership Policy"
    draft.save_revision().publish()
    policy = type(policy).objects.get(pk=policy.pk)
    translate_from(policy, world.locales["ar"], arabic_policy_page())
    annex = AnnexPageFactory(parent=policy, slug="annex-1")
    annex.save_revision().publish()
    translate_from(
        annex,
        world.locales["ar"],
        AnnexPage(
            title="معالجة الشكاوى",
            slug="annex-1",
            number=1,
            body=_arabic_annex_body(),
        ),
    )
    world.made["policy"] = policy
    return policy


def _arabic_annex_body():
    from home.factories import policy_body

    return policy_body(("من يمكنه تقديم شكوى", "<p>كل من يتأثر.</p>", "a-who"))


def _topic(world: World):
    from forum.factories import CategoryFactory, make_reply, make_topic
    from partners.factories import MembershipFactory
    from partners.models import Audience

    category = CategoryFactory(name="Lessons learned", slug="lessons", audience=Audience.PUBLIC)
    author = MembershipFactory(user__username="author").user
    author.profile.display_name = "nadia.r"
    author.profile.save()
    topic = make_topic(
        category,
        author,
        title="Keeping the referral network alive",
        markdown="Doctors and lawyers still **call each other**. Thanks @nadia.r",
    )
    make_reply(topic, world.member, markdown="الأطباء والمحامون ما زالوا يتواصلون.", language="ar")
    _as_a_member_reads_it(world, topic, author)
    return topic


def _as_a_member_reads_it(world: World, topic, author):
    """What a signed-in member meets on a topic: replies since their last visit (the page opens
    on them), reactions, a bookmark, a quote of their post, a draft in the reply box and
    unread notifications in the bell."""
    from forum import services
    from forum.factories import make_reply
    from forum.models import ReadState
    from partners.factories import MembershipFactory

    services.toggle_reaction(topic.first_post, user=world.member, kind="thanks")
    ReadState.objects.update_or_create(
        user=world.member, topic=topic, defaults={"last_read_position": 2}
    )
    other = MembershipFactory(user__username="karim").user
    other.profile.display_name = "Karim Haddad"
    other.profile.save()
    make_reply(topic, other, markdown="We meet every month at the clinic; the lawyers come too.")
    mine = topic.posts.get(position=2)
    services.create_reply(
        author=author,
        topic=topic,
        markdown=f"{mine.markdown and '> ' + mine.markdown}\n\nشكرًا، هذا مفيد جدًا.",
        language="ar",
        reply_to=mine,
    )
    services.toggle_reaction(mine, user=other, kind="helpful")
    services.toggle_bookmark(topic.posts.get(position=3), user=world.member)
    services.save_draft(world.member, topic=topic, markdown="We could invite the judges next time.")


def _lang_path(url: str) -> str:
    """/en/forum/… → {lang}/forum/… (reverse() gives the active language's prefix)."""
    return "/{lang}/" + url.split("/", 2)[2]


def _reverse(name, **kwargs):
    from django.urls import reverse
    from django.utils import translation

    with translation.override("en"):
        return _lang_path(reverse(name, kwargs=kwargs or None))


def _sign_in_to_second_factor(page, base_url, lang):
    """Sign in as the enrolled member and stop at the code prompt."""
    from partners.factories import DEFAULT_PASSWORD

    page.goto(f"{base_url}/{lang}/accounts/login/")
    page.fill("input[name=login]", "second.factor@example.org")
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/accounts/2fa/authenticate/**")


def _second_factor_user(world: World):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from partners.factories import MembershipFactory

    user = MembershipFactory(user__username="second", user__email="second.factor@example.org").user
    TOTP.activate(user, generate_totp_secret())
    return "/{lang}/accounts/2fa/authenticate/"


def _member_with_mfa(world: World):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(world.member, generate_totp_secret())
    RecoveryCodes.activate(world.member)


def _reauthenticate(world: World):
    _member_with_mfa(world)  # so the page offers the authenticator app as the other way
    return _reverse("account_reauthenticate")


def _recovery_codes(world: World):
    _member_with_mfa(world)
    return _reverse("mfa_view_recovery_codes")


def _confirm_it_is_you_then_recovery_codes(page, base_url, lang):
    """The signed-in member's session has no recent sign-in: confirm the password once."""
    from partners.factories import DEFAULT_PASSWORD

    page.goto(f"{base_url}/{lang}/accounts/2fa/recovery-codes/")
    if "/reauthenticate/" in page.url:
        page.fill("input[name=password]", DEFAULT_PASSWORD)
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_url("**/accounts/2fa/recovery-codes/")


MAIN_PAGES: list[MainPage] = [
    MainPage("home", lambda world: "/{lang}/", screenshot="home"),
    MainPage("policy", lambda world: "/{lang}/policy/" if _policy(world) else ""),
    MainPage("annex", lambda world: "/{lang}/policy/annex-1/" if _policy(world) else ""),
    MainPage(
        "version comparison", lambda world: "/{lang}/policy/compare/" if _policy(world) else ""
    ),
    MainPage("forum index", lambda world: _reverse("forum:index")),
    MainPage(
        "topic (signed in)",
        lambda world: _lang_path(_topic(world).get_absolute_url()),
        signed_in=True,
        screenshot="topic",
    ),
    MainPage("sign-in", lambda world: _reverse("account_login"), screenshot="sign-in"),
    MainPage(
        "MFA (sign-in step)", _second_factor_user, visit=_sign_in_to_second_factor, screenshot="mfa"
    ),
    MainPage(
        "MFA (add an authenticator app)",
        lambda world: _reverse("mfa_activate_totp"),
        signed_in=True,
    ),
    MainPage("password reset", lambda world: _reverse("account_reset_password")),
    MainPage("password reset sent", lambda world: _reverse("account_reset_password_done")),
    MainPage(
        "policy version",
        # Version 2.0: number 2 in both languages (Arabic was translated from it).
        lambda world: "/{lang}/policy/versions/2/" if _policy(world) else "",
        screenshot="policy-version",
    ),
    MainPage("MFA (account)", lambda world: _reverse("mfa_index"), signed_in=True),
    MainPage("confirm it is you", _reauthenticate, signed_in=True, screenshot="reauthenticate"),
    MainPage(
        "MFA (recovery codes)",
        _recovery_codes,
        signed_in=True,
        visit=_confirm_it_is_you_then_recovery_codes,
        screenshot="recovery-codes",
    ),
    MainPage("account", lambda world: _reverse("partners:account"), signed_in=True),
    MainPage("bookmarks", lambda world: _reverse("forum:bookmarks"), signed_in=True),
]


def all_pages() -> list[MainPage]:
    """MAIN_PAGES with every app's additions (``tests/browser/pages_<app>.py``)."""
    import importlib
    import pkgutil
    from pathlib import Path

    for module in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if module.name.startswith("pages_"):
            importlib.import_module(f"{__package__}.{module.name}")
    return MAIN_PAGES
