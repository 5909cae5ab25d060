"""The events app's main pages for the shared browser checks (tests/browser/pages.py): the
events index, the annual workshop with its timetable, and the same page for a signed-in member
(with the registration form), all translated into Arabic."""

from datetime import UTC, datetime

from .pages import MAIN_PAGES, MainPage, World


def _workshop(world: World):
    """The annual workshop (hybrid, three days, two sessions) in English and Arabic, with a
    webinar beside it so the index lists more than one event."""
    if "workshop" in world.made:
        return world.made["workshop"]
    from events.factories import EventIndexPageFactory, EventPageFactory, EventSessionFactory

    index = EventIndexPageFactory(parent=world.home["en"], slug="events", title="Events")
    index_ar = index.copy_for_translation(world.locales["ar"])
    index_ar.title = "الفعاليات"
    index_ar.intro = "ورش عمل وندوات عبر الإنترنت للتبادل."
    index_ar.save_revision().publish()
    workshop = EventPageFactory(
        parent=index,
        slug="workshop-2027",
        title="GPE workshop 2027",
        start=datetime(2027, 3, 26, 8, 0, tzinfo=UTC),
        end=datetime(2027, 3, 29, 15, 0, tzinfo=UTC),
        format="hybrid",
        venue="Conference centre, Zurich",
        is_annual_workshop=True,
        workshop_year=2027,
        languages="English, French",
        interpretation="Arabic, Spanish",
        ask_dietary=True,
        ask_interpretation=True,
        ask_accessibility=True,
        ask_visa_letter=True,
        capacity=2,
    )
    sessions = [
        ("Opening plenary", "الجلسة الافتتاحية", datetime(2027, 3, 26, 8, 0, tzinfo=UTC)),
        ("Documenting torture", "توثيق التعذيب", datetime(2027, 3, 27, 9, 0, tzinfo=UTC)),
        ("Closing plenary", "الجلسة الختامية", datetime(2027, 3, 29, 8, 0, tzinfo=UTC)),
    ]
    for title, _arabic, start in sessions:
        EventSessionFactory(
            page=workshop,
            title=title,
            start=start,
            end=start.replace(hour=start.hour + 1),
            room="Main hall",
            speakers="Programme team",
        )
    EventPageFactory(parent=index, slug="webinar", title="Documentation webinar")
    arabic = workshop.copy_for_translation(world.locales["ar"])
    arabic.title = "ورشة عمل التبادل 2027"
    arabic.summary = "الورشة السنوية التي يقيّم فيها الشركاء تنفيذ سياسة الشراكة."
    arabic.save_revision().publish()
    names = {title: arabic_title for title, arabic_title, _start in sessions}
    for session in arabic.sessions.all():
        session.title = names[session.title]
        session.save()
    world.made["workshop"] = workshop
    return workshop


MAIN_PAGES.extend(
    [
        MainPage(
            "events index",
            lambda world: _workshop(world) and "/{lang}/events/",
            screenshot="events-index",
        ),
        MainPage(
            "annual workshop (timetable)",
            lambda world: _workshop(world) and "/{lang}/events/workshop-2027/",
            screenshot="event-workshop",
        ),
        MainPage(
            "workshop registration (signed in)",
            lambda world: _workshop(world) and "/{lang}/events/workshop-2027/",
            signed_in=True,
            screenshot="event-registration",
        ),
    ]
)
