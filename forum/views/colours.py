import re

from django.http import HttpResponse
from django.views import View

from partners import access

from ..models import Category

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


class CategoryColoursView(View):
    """Category colours as a stylesheet: templates may not carry style attributes (CSP), so
    each category gets a class. Colours are checked again here, whatever is in the database."""

    def get(self, request):
        categories = access.visible(Category.objects.all(), request.user, purpose=access.READ)
        rules = [
            f".category-{pk} {{ --category-colour: {colour}; }}"
            for pk, colour in categories.values_list("pk", "colour")
            if _HEX.match(colour)
        ]
        response = HttpResponse("\n".join(rules) + "\n", content_type="text/css; charset=utf-8")
        response["Cache-Control"] = "private, max-age=300"
        return response
