import pytest

from home.factories import policy_body
from home.models import PolicyPage
from home.policy.compare import ADDED, CHANGED, REMOVED, UNCHANGED, compare_documents

# Building a page instance looks up its default locale.
pytestmark = pytest.mark.django_db


def _page(*sections, title="Policy", summary=""):
    return PolicyPage(title=title, summary=summary, body=policy_body(*sections))


def _by_status(changes):
    return [
        (change.kind, change.status, change.old_number, change.new_number) for change in changes
    ]


def test_compare_documents_follows_a_section_by_its_block_id_when_moved():
    old = _page(("A", "<p>a</p>", "id-a"), ("B", "<p>b</p>", "id-b"))
    new = _page(("New", "<p>n</p>", "id-new"), ("A", "<p>a</p>", "id-a"), ("B", "<p>b</p>", "id-b"))
    changes = compare_documents(old, new)
    assert _by_status(changes) == [
        ("title", UNCHANGED, None, None),
        ("section", ADDED, None, 1),
        ("section", UNCHANGED, 1, 2),
        ("section", UNCHANGED, 2, 3),
    ]
    assert changes[2].renumbered


def test_compare_documents_reports_removed_and_changed_sections():
    old = _page(("A", "<p>one two</p>", "id-a"), ("B", "<p>b</p>", "id-b"))
    new = _page(("A", "<p>one three</p>", "id-a"))
    changes = compare_documents(old, new)
    assert _by_status(changes)[1:] == [
        ("section", CHANGED, 1, 1),
        ("section", REMOVED, 2, None),
    ]


def test_compare_documents_pairs_replaced_blocks_of_the_same_kind_by_position():
    # Blocks without shared ids (say, pasted anew) are still compared as the same section.
    old = _page(("Scope", "<p>all partners</p>", "old-id"))
    new = _page(("Scope", "<p>all active partners</p>", "new-id"))
    changes = compare_documents(old, new)
    assert _by_status(changes)[1:] == [("section", CHANGED, 1, 1)]
    changed_words = [s.text for line in changes[1].paragraphs for s in line if s.changed]
    assert changed_words == ["active"]


@pytest.mark.parametrize(
    ("old_title", "new_title", "status"),
    [("Policy", "Policy", UNCHANGED), ("Policy", "Partnership Policy", CHANGED)],
)
def test_compare_documents_compares_the_title(old_title, new_title, status):
    changes = compare_documents(_page(title=old_title), _page(title=new_title))
    assert changes[0].kind == "title" and changes[0].status == status
