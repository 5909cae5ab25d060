from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views import View

from ..models import Attachment
from ..permissions import check_can_view


class AttachmentView(View):
    """Serves an attachment to those who may see its post; 404 for everyone else. Files are
    never reachable through a storage URL."""

    def get(self, request, pk, name):
        attachment = get_object_or_404(
            Attachment.objects.select_related("post__topic__category"), pk=pk
        )
        check_can_view(request.user, attachment.post)
        if name != attachment.shown_name:
            raise Http404
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        response = FileResponse(
            handle,
            content_type=attachment.content_type,
            as_attachment=not attachment.is_image,
            filename=attachment.shown_name,
        )
        # Private: no shared cache keeps it; nothing in it may run or load anything.
        response["Cache-Control"] = "private, no-store"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        response["X-Content-Type-Options"] = "nosniff"
        return response
