"""Partners' models, one module per kind; everything is re-exported here."""

from .audiences import Audience, AudienceMixin
from .invitations import INVITATION_VALID_FOR, AccessRequest, Invitation
from .notifications import Notification
from .organisations import Membership, Organisation, OrganisationDescription, Region
from .partnerships import Partnership, PartnershipText
from .profiles import Profile, pseudonym

__all__ = [
    "INVITATION_VALID_FOR",
    "AccessRequest",
    "Audience",
    "AudienceMixin",
    "Invitation",
    "Membership",
    "Notification",
    "Organisation",
    "OrganisationDescription",
    "Partnership",
    "PartnershipText",
    "Profile",
    "Region",
    "pseudonym",
]
