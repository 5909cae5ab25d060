"""Admin forms for Wagtail's own models."""

from wagtail.documents.forms import BaseDocumentForm

from .documents import KEPT_NOTE


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form (``WAGTAILDOCS_DOCUMENT_FORM_BASE``), telling editors which
    files lose their metadata on upload and which keep it (home.documents)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            field = self.fields["file"]
            field.help_text = f"{field.help_text} {KEPT_NOTE}".strip()
