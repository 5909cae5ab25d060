"""The plug points: every Wagtail hook through which an app joins a shared surface.

An app registers with ``@hooks.register(home.hooks.HOME_SECTIONS)`` (from wagtail) in its
``wagtail_hooks.py``; the shared code calls the helpers below. The bottom layers never import
an app: this list is the whole contract.

=====================  =========================================  ===============================
hook                   registered function                        called
=====================  =========================================  ===============================
HOME_SECTIONS          ``(request) -> HomeSection | None``        building the home page; filter
                                                                  with ``access`` (purpose HOME)
MENU_ITEMS             ``(request) -> list[MenuItem]``            building the header menu, after
                                                                  the home page's menu pages
BELL_COUNTS            ``(user) -> int``                          the header bell: the sum of all
NOTIFICATION_KINDS     ``() -> list[NotificationKind]``           once, when partners.notifications
                                                                  first needs the kinds
ACCOUNT_SECTIONS       ``(request) -> AccountSection | None``     building the account page; list
                                                                  only the member's own rows
DATA_EXPORT            ``(user) -> (key, JSON-able)``             a member downloads their data
ACCOUNT_DELETION       ``(user) -> None``                         deleting an account, inside its
                                                                  transaction, before partners
                                                                  scrubs the user row
DEMO_CONTENT           ``(command) -> None``                      ``manage.py load_demo``, in the
                                                                  order of INSTALLED_APPS; must be
                                                                  safe to run twice
MAY_SEND_MAIL          ``(message: OutboxMessage) -> bool``       right before a queued mail is
                                                                  handed to the mail server; any
                                                                  False drops it (access re-check)
BACKUP_FOLDERS         ``() -> dict[str, path]``                  ``manage.py backup``/``restore``
                                                                  : private folders kept beside
                                                                  MEDIA_ROOT (name: folder)
=====================  =========================================  ===============================
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from wagtail import hooks

HOME_SECTIONS = "gpe_home_sections"
MENU_ITEMS = "gpe_menu_items"
BELL_COUNTS = "gpe_bell_counts"
ACCOUNT_SECTIONS = "gpe_account_sections"
NOTIFICATION_KINDS = "gpe_notification_kinds"
DATA_EXPORT = "gpe_data_export"
ACCOUNT_DELETION = "gpe_account_deletion"
DEMO_CONTENT = "gpe_demo_content"
MAY_SEND_MAIL = "gpe_may_send_mail"
BACKUP_FOLDERS = "gpe_backup_folders"


@dataclass(frozen=True)
class HomeSection:
    """One block of the home page: a heading, a few links and a link to the rest."""

    title: str
    url: str
    more_label: str
    items: list = field(default_factory=list)  # [{"title", "url", "meta"}]
    order: int = 100


@dataclass(frozen=True)
class MenuItem:
    """A link in the header menu (the home page's menu pages come first)."""

    label: str
    url: str
    order: int = 100
    # The path prefix that marks the item as the current section.
    section: str = ""


@dataclass(frozen=True)
class AccountSection:
    """A part of the account page: a heading and a template rendered with ``context``."""

    key: str  # the section's anchor
    title: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


def account_sections(request) -> list[AccountSection]:
    sections = [hook(request) for hook in hooks.get_hooks(ACCOUNT_SECTIONS)]
    return sorted(filter(None, sections), key=lambda section: section.order)


def home_sections(request) -> list[HomeSection]:
    sections = [hook(request) for hook in hooks.get_hooks(HOME_SECTIONS)]
    return sorted(filter(None, sections), key=lambda section: section.order)


def menu_items(request) -> list[MenuItem]:
    items = [item for hook in hooks.get_hooks(MENU_ITEMS) for item in hook(request)]
    return sorted(items, key=lambda item: item.order)


def bell_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return sum(hook(user) for hook in hooks.get_hooks(BELL_COUNTS))


def data_export(user) -> dict[str, Any]:
    return dict(hook(user) for hook in hooks.get_hooks(DATA_EXPORT))


def account_deletion(user) -> None:
    for hook in hooks.get_hooks(ACCOUNT_DELETION):
        hook(user)


def demo_content(command) -> None:
    """Every app's demo part, in the order of INSTALLED_APPS (home and partners first)."""
    from django.apps import apps

    order = {config.name: index for index, config in enumerate(apps.get_app_configs())}

    def app_of(hook) -> int:
        return order.get(hook.__module__.split(".")[0], len(order))

    for hook in sorted(hooks.get_hooks(DEMO_CONTENT), key=app_of):
        hook(command)


def may_send_mail(message) -> bool:
    return all(hook(message) for hook in hooks.get_hooks(MAY_SEND_MAIL))


def backup_folders() -> dict[str, str]:
    """Every folder of files a backup keeps, by a stable name: ``media`` (MEDIA_ROOT) and what
    the apps add (private files)."""
    from django.conf import settings

    folders = {"media": str(settings.MEDIA_ROOT)}
    for hook in hooks.get_hooks(BACKUP_FOLDERS):
        folders.update({name: str(path) for name, path in hook().items()})
    return folders
