"""Exact query counts on the space's pages: they do not grow with timeline entries,
documents, dialogues, reflections, actions, addenda or plan activities."""

from datetime import date

import pytest
from wagtail_factories import DocumentFactory

from dialogue.factories import (
    DialogueFactory,
    JointActionFactory,
    PlanActivityFactory,
    ReflectionFactory,
)
from dialogue.models import Addendum, CapacityAssessment, Dialogue, Milestone, Principle, Side
from tests.conftest import MEMBER_CHROME

pytestmark = pytest.mark.django_db


def _fill(partnership, partner, programme_staff, n):
    from wagtail.models import Collection, CollectionViewRestriction

    collection = Collection.get_first_root_node().add_child(name="Space documents")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set([partnership.working_group])
    for year in range(2020, 2020 + n):
        dialogue = DialogueFactory(partnership=partnership, year=year, state=Dialogue.State.LOCKED)
        for side in Side.values:
            for principle in Principle.values:
                ReflectionFactory(dialogue=dialogue, side=side, principle=principle, author=partner)
        addendum = Addendum.objects.create(dialogue=dialogue, text="A", author=programme_staff)
        for owner in (partner, programme_staff):
            JointActionFactory(dialogue=dialogue, owner=owner, due_date=date(year, 6, 1))
        JointActionFactory(
            dialogue=dialogue, owner=partner, due_date=date(year, 7, 1), addendum=addendum
        )
        Milestone.objects.create(
            partnership=partnership,
            date=date(year, 1, 1),
            title=f"Document {year}",
            kind=Milestone.Kind.DOCUMENT,
            document=DocumentFactory(collection=collection),
        )
        PlanActivityFactory(
            partnership=partnership, year=2026, owner=partner, due_date=date(2026, 5, n)
        )
    for side in Side.values:
        CapacityAssessment.objects.create(partnership=partnership, year=2026, side=side)


# The space's door (dialogue.views._space): the partnership with the reader's side (1), its
# translations (1) and partner organisations (1).
SPACE = 3


@pytest.mark.parametrize("n", [1, 4])
def test_space_page(
    client_for, partnership, partner, programme_staff, n, django_assert_num_queries
):
    _fill(partnership, partner, programme_staff, n)
    client = client_for(partner)
    client.get("/en/partnerships/coast/")
    # The dialogues (1), the timeline entries with their documents and collections (1; the
    # collections' view restrictions that partners.access reads for the documents are kept
    # per worker with the page chrome); for the timeline form: the collections restricted to
    # the working group (1) and the documents in them (1).
    with django_assert_num_queries(MEMBER_CHROME + SPACE + 4):
        response = client.get("/en/partnerships/coast/")
    body = response.content.decode()
    assert body.count("Document 20") == n
    # The kinds, the empty document choice, the documents.
    assert body.count('<option value="') == len(Milestone.Kind) + 1 + n


@pytest.mark.parametrize("n", [1, 4])
def test_dialogue_page_side_by_side(
    client_for, partnership, partner, programme_staff, n, django_assert_num_queries
):
    _fill(partnership, partner, programme_staff, n)
    client = client_for(partner)
    client.get("/en/partnerships/coast/dialogues/2020/")
    # The dialogue (1), both sides' reflections (1), the agreed actions with owners and
    # addenda (1), the addenda with authors (1), the people of the space for the owner
    # chooser of the addendum form (1).
    with django_assert_num_queries(MEMBER_CHROME + SPACE + 5):
        response = client.get("/en/partnerships/coast/dialogues/2020/")
    assert response.content.decode().count('class="side side--partner"') == 4


def test_dialogue_page_answering(client_for, partnership, partner, django_assert_num_queries):
    DialogueFactory(partnership=partnership, year=2026)
    client = client_for(partner)
    client.get("/en/partnerships/coast/dialogues/2026/")
    # The dialogue (1), the reader's side's own reflections (1).
    with django_assert_num_queries(MEMBER_CHROME + SPACE + 2):
        response = client.get("/en/partnerships/coast/dialogues/2026/")
    assert response.content.decode().count('<fieldset class="principle">') == 4


@pytest.mark.parametrize("n", [1, 4])
def test_plan_page(client_for, partnership, partner, programme_staff, n, django_assert_num_queries):
    _fill(partnership, partner, programme_staff, n)
    client = client_for(partner)
    client.get("/en/partnerships/coast/plan/?year=2026")
    # The capacity assessments (1), the activities with owners (1), the people of the space
    # for the owner chooser (1).
    with django_assert_num_queries(MEMBER_CHROME + SPACE + 3):
        response = client.get("/en/partnerships/coast/plan/?year=2026")
    assert response.content.decode().count('class="plan-item') == n
