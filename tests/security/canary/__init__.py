"""The canary suite: a unique marker in every text field, file name and alt text of content at
every level of access, then every role requests every URL the site has (from the URL resolver)
and every page, feed, search, export and mail; each marker may appear only where
``levels.SEES`` lets that role see its level.

Adding an app (say ``events``) takes one file, ``tests/security/canary/events.py``, with:

- ``plant(world)``: make the app's content through its factories and services, every text
  field set with ``world.marker(level, "events.Event.title")`` (a level of ``levels.LEVELS``;
  a new kind of access adds a row to ``levels.SEES``). Content that will change later
  (moved, hidden, replaced) is made here too; nobody follows anything yet.
- ``change(world)``: what happens after the roles have opened their sessions and the caches
  are warm: moderation, moves, new drafts, edits. Mail sent from here on is checked for
  everyone, so this is also where content that notifies people is made.
- ``url_values(world)``: ``{url name: [kwargs, ...]}`` for the app's URL patterns that take
  arguments (``"events:event"`` → ``[{"slug": ...}, ...]``); a pattern with arguments and no
  values fails ``test_canary_every_pattern_has_values``.
- ``extra_requests(world)`` (optional): requests no pattern walk makes (POSTs, query strings:
  search, autocomplete, exports), as ``(method, url, data)``.

then add the module to ``APPS`` below.
"""

from . import dialogue, documents, events, forum, partners, policy, practices, search

APPS = (policy, partners, forum, documents, practices, events, dialogue, search)
