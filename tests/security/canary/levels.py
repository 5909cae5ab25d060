"""Who may see what: the one table of the canary suite (level × role → allowed).

A marker planted at a level may appear in any response, file or mail that a role receives only
where its level's row names that role. Rows are about content, not surfaces: "editor" on a
row means the Wagtail admin may show it to editors, for instance.
"""

ROLES = (
    "anonymous",
    "feed_reader",  # no cookies; holds the group member's private feed address
    "non_member",  # signed up and verified, in no organisation
    "member",  # in an organisation, outside the working group
    "group_member",
    "removed_member",  # was in the working group; removed while their session was live
    "deactivated",  # was a group member; deactivated while their session was live
    "moderator",
    "editor",
    "event_organiser",
    "superuser",
)

_ALL = set(ROLES)
_MEMBERS = {"member", "group_member", "removed_member", "moderator", "editor", "event_organiser"}

SEES: dict[str, set[str]] = {
    # Anyone.
    "public": _ALL,
    # Signed-in partner members (staff count as members); the group member's private feed.
    "members": _MEMBERS | {"feed_reader", "superuser"},
    # The working group's forum space: its members, and moderators, who reach every category.
    "group": {"group_member", "feed_reader", "moderator", "superuser"},
    # A group-restricted page: its group, and editors in the admin (they edit every page).
    "group_page": {"group_member", "editor", "superuser"},
    # A CMS document or image in a group-restricted collection (title, file name, alt text,
    # content): its group, and editors, who choose images and documents in the admin whatever
    # their collection's audience (home.views._may_see).
    "group_media": {"group_member", "editor", "superuser"},
    # A member's practice submission (its title and note to the editors): the submitter (the
    # member) on their submissions page, and editors, who review it.
    "submission": {"member", "editor", "superuser"},
    # An event's online joining details: confirmed registrants (the group member is one of
    # each event), the organisers, and editors in the page editor. Never the page, the public
    # calendar, search or other mail.
    "joining": {"group_member", "event_organiser", "editor", "superuser"},
    # A registrant's answers (dietary, accessibility): the registrant and the organisers.
    "answers": {"group_member", "event_organiser", "superuser"},
    # A proposal for an event: its proposer (the member) and the organisers who review it.
    "proposal": {"member", "event_organiser", "superuser"},
    # A restricted category's own name and description: editors manage forum categories.
    "group_category": {"group_member", "feed_reader", "moderator", "editor", "superuser"},
    # A working group's name, made from its partnership's slug: its members, and editors, who
    # choose groups for restricted pages and forum categories in the admin.
    "group_name": {"group_member", "editor", "superuser"},
    # A sensitive category's content: never in feeds (nor the private one) or mail.
    "sensitive": {"group_member", "moderator", "superuser"},
    "sensitive_category": {"group_member", "moderator", "editor", "superuser"},
    # A topic moved from a public category to the group's: the group's from now on.
    "moved": {"group_member", "feed_reader", "moderator", "superuser"},
    # Hidden or deleted by a moderator; a post's earlier versions; reports, silences and the
    # moderation log.
    "hidden": {"moderator", "superuser"},
    "post_history": {"moderator", "superuser"},
    "moderation": {"moderator", "superuser"},
    # A member's unposted reply (forum.Draft): its author alone, on every surface (the topic's
    # reply box, the reply page, the account page); not moderators, not the admin.
    "own_draft": {"member"},
    "own_group_draft": {"group_member"},
    # Pages not (yet) published: drafts of live pages, unpublished and scheduled pages, and
    # page revisions replaced before they were ever published.
    "draft": {"editor", "superuser"},
    # Feedback on the policy: editors read it in the admin.
    "feedback": {"editor", "superuser"},
    # A member's email address: the member and staff.
    "staff": {"moderator", "editor", "event_organiser", "superuser"},
    # A partnership space (its dialogues, joint record, plan, timeline): the people of the
    # partnership only (the group member's organisation is its partner), whatever the role of
    # anyone else: not editors, moderators or superusers.
    "space": {"group_member"},
    # The other side's draft answers in this year's dialogue: nobody of the roles, not even
    # the group member in the same space, before both sides submitted.
    "other_side": set(),
    # What a member switched off (real name, unlisted organisation): nobody but the member and
    # superusers in the admin.
    "private": {"superuser"},
}

# Feed reader: the private feed address counts as the group member's for feeds only; every
# other request it makes is an anonymous one.
FEED_READER_ELSEWHERE = "anonymous"


def allowed(level: str, role: str) -> bool:
    return role in SEES[level]
