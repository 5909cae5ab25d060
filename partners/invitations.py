"""Invitations open sign-up for one address. The Invitation model comes with issue #3."""


def pending_invitation(request):
    """The valid invitation this browser is signing up with, or None."""
    return None
