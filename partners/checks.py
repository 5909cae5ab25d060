"""The visibility registry is complete: a system check fails when a model of ours that has an
audience, or points at something that has one, is neither registered with partners.access nor
declared never shown."""

from django.apps import apps
from django.conf import settings
from django.core import checks

from . import access
from .models import AudienceMixin


def _carries_audience(model) -> bool:
    if issubclass(model, AudienceMixin):
        return True
    try:
        access.rule_for(model)
    except TypeError:
        return False
    return True


def unregistered_models() -> list[tuple[type, str]]:
    """(model, why it needs a rule) for every project model the registry does not know."""
    found = []
    registered = access.registered()
    not_shown = access.declared_not_shown()
    for model in apps.get_models():
        if model._meta.app_label not in settings.GPE_APPS:
            continue
        if any(klass in registered for klass in model.__mro__) or model in not_shown:
            continue
        if issubclass(model, AudienceMixin):
            found.append((model, "it has an audience"))
            continue
        for field in model._meta.get_fields():
            related = getattr(field, "related_model", None)
            concrete = field.concrete or field.many_to_many
            if not (field.is_relation and concrete and related) or field.auto_created:
                continue
            if getattr(field.remote_field, "parent_link", False):
                continue
            if _carries_audience(related):
                found.append((model, f"its field '{field.name}' points at {related.__name__}"))
                break
    return found


@checks.register(checks.Tags.security)
def check_visibility_registry(app_configs=None, **kwargs):
    return [
        checks.Error(
            f"{model._meta.label} is not registered with partners.access, but {why}.",
            hint=(
                "Register its rules in its app's ready() with access.register(...), or, if it "
                "is never shown on any surface, declare access.not_shown(model, because=...)."
            ),
            obj=model,
            id="gpe.E010",
        )
        for model, why in unregistered_models()
    ]
