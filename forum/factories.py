"""Factories for tests. Topics and posts go through forum.services so counters, positions and
rendering are what the site itself would produce."""

import factory

from partners.factories import UserFactory
from partners.models import Audience

from . import services
from .models import Category


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    audience = Audience.PUBLIC

    @factory.post_generation
    def groups(category, create, extracted, **kwargs):
        if create and extracted:
            category.groups.add(*extracted)


def make_topic(
    category,
    author=None,
    *,
    title="A topic",
    markdown="The first post.",
    pseudonymous=False,
    tags=(),
    language="en",
    files=(),
):
    author = author or UserFactory()
    return services.create_topic(
        author=author,
        category=category,
        title=title,
        markdown=markdown,
        language=language,
        tags=tags,
        pseudonymous=pseudonymous,
        files=files,
    )


def make_reply(
    topic,
    author=None,
    *,
    markdown="A reply.",
    pseudonymous=False,
    reply_to=None,
    language="en",
    files=(),
):
    author = author or UserFactory()
    return services.create_reply(
        author=author,
        topic=topic,
        markdown=markdown,
        language=language,
        reply_to=reply_to,
        pseudonymous=pseudonymous,
        files=files,
    )
