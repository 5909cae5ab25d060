from .pages import PracticeAttachment, PracticeIndexPage, PracticePage, PracticeRelatedLink
from .snippets import Principle, Region, Taxonomy, Theme
from .submissions import PendingUpload, PracticeFollow, PracticeSubmission
from .workflow import PracticeReviewTask

__all__ = [
    "PendingUpload",
    "PracticeSubmission",
    "PracticeFollow",
    "PracticeAttachment",
    "PracticeIndexPage",
    "PracticePage",
    "PracticeRelatedLink",
    "PracticeReviewTask",
    "Principle",
    "Region",
    "Taxonomy",
    "Theme",
]
