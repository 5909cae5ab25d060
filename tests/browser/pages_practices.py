"""The practices app's main pages for the shared browser checks (tests/browser/pages.py): the
catalogue with two filters, the map, the matrix, a practice page and the member submission
form, with the catalogue and its practices translated into Arabic."""

from .pages import MAIN_PAGES, MainPage, World, _reverse


def _catalogue(world: World):
    """The catalogue in English and Arabic with four practices under one theme and region and
    one or two principles."""
    if "practices" in world.made:
        return world.made["practices"]
    from practices.factories import (
        PracticeIndexPageFactory,
        PracticePageFactory,
        PrincipleFactory,
        RegionFactory,
        ThemeFactory,
    )

    index = PracticeIndexPageFactory(parent=world.home["en"], title="Practices")
    arabic_index = index.copy_for_translation(world.locales["ar"], copy_parents=True)
    arabic_index.title = "الممارسات"
    arabic_index.save_revision().publish()
    legal = ThemeFactory(slug="legal-aid", name="Legal aid")
    africa = RegionFactory(slug="africa", name="Africa")
    # Two principles so the matrix has rows and counts to show.
    principles = [
        PrincipleFactory(slug="do-no-harm", name="Do no harm"),
        PrincipleFactory(slug="survivor-led", name="Survivor-led"),
    ]
    for n, country in enumerate(["KE", "UG", "TZ", "ZA"]):
        page = PracticePageFactory(
            parent=index,
            slug=f"practice-{n}",
            title=f"Court companions for survivors {n}",
            summary="Trained volunteers accompany survivors of torture to every hearing.",
            results="<p>Fewer survivors withdrew their complaints.</p>",
            countries=[country],
            period_start=2018 + n,
            period_end=2021 + n,
            themes=[legal],
            regions=[africa],
            principles=principles[: 1 + n % 2],
        )
        translation = page.copy_for_translation(world.locales["ar"])
        translation.title = f"مرافقة الناجين في المحاكم {n}"
        translation.summary = "يرافق متطوعون مدرَّبون الناجين من التعذيب إلى كل جلسة."
        translation.save_revision().publish()
    world.made["practices"] = index
    return index


MAIN_PAGES.extend(
    [
        MainPage(
            "practices catalogue (two filters)",
            lambda world: _catalogue(world) and "/{lang}/practices/?theme=legal-aid&region=africa",
            screenshot="practices-catalogue",
        ),
        MainPage(
            "practices map",
            lambda world: _catalogue(world) and "/{lang}/practices/map/?theme=legal-aid",
            screenshot="practices-map",
        ),
        MainPage(
            "practices matrix",
            lambda world: _catalogue(world) and "/{lang}/practices/matrix/",
            screenshot="practices-matrix",
        ),
        MainPage(
            "practice page",
            lambda world: _catalogue(world) and "/{lang}/practices/practice-0/",
            screenshot="practice",
        ),
        MainPage(
            "practice submission (signed in)",
            lambda world: _catalogue(world) and _reverse("practices:submit"),
            signed_in=True,
            screenshot="practice-submit",
        ),
    ]
)


def _phase_out(world: World) -> str:
    """The phase-out form of a phased-out partnership of the member's organisation."""
    from partners.factories import PartnershipFactory

    _catalogue(world)
    partnership = PartnershipFactory(
        phase="phased-out",
        organisations=[world.member.memberships.get().organisation],
        shared_goals="Survivors lead their own cases in court.",
        exit_criteria="Two lawyers trained; the hotline runs without us.",
    )
    partnership.save()
    return _reverse("practices:phase_out", pk=partnership.pk)


MAIN_PAGES.append(
    MainPage("phase-out form (signed in)", _phase_out, signed_in=True, screenshot="phase-out")
)


def _sent_back(world: World) -> str:
    """The member's own practice, sent back by the editors with a comment: its revise form."""
    from practices import services
    from practices.models import PracticeSubmission

    index = _catalogue(world)
    submission = services.submit_practice(
        world.member,
        index=index,
        data={
            "title": "Court companions in Nairobi",
            "summary": "Volunteers accompany survivors to every hearing.",
            "results": "Fewer complaints withdrawn.\n\nJudges asked for it to continue.",
            "themes": [],
            "countries": ["KE"],
            "period_start": 2019,
            "evidence_level": "self-reported",
            "audience": PracticeSubmission.Audience.MEMBERS,
            "language": "en",
            "contains_identifying_details": False,
        },
    )
    submission.status = PracticeSubmission.Status.CHANGES_REQUESTED
    submission.reviewer_comment = (
        "Please say how many hearings were accompanied.\nAnd remove the judge's name."
    )
    submission.save()
    return _reverse("practices:revise", pk=submission.pk)


MAIN_PAGES.extend(
    [
        MainPage(
            "practice sent back, revise (signed in)",
            _sent_back,
            signed_in=True,
            screenshot="practice-revise",
        ),
        MainPage(
            "your practices (signed in)",
            lambda world: _sent_back(world) and _reverse("practices:submissions"),
            signed_in=True,
            screenshot="practice-submissions",
        ),
    ]
)
