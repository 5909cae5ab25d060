"""Factories for tests. Topics and posts go through forum.services so counters, positions and
rendering are what the site itself would produce."""

import factory
from django.utils import timezone

from partners.factories import UserFactory
from partners.models import Audience

from . import services
from .models import (
    Attachment,
    Bookmark,
    Category,
    Draft,
    Post,
    PostRevision,
    Reaction,
    ReadState,
    Subscription,
    Topic,
    TopicTag,
)


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


# Plain rows, one per model, for tests that need "a row of each kind" (the access registry's
# generated test). Real threads go through make_topic/make_reply above.


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    category = factory.SubFactory(CategoryFactory)
    title = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")
    author = factory.SubFactory(UserFactory)


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    topic = factory.SubFactory(TopicFactory)
    position = factory.Sequence(lambda n: n + 1)
    author = factory.SubFactory(UserFactory)
    markdown = "A post."
    html = "<p>A post.</p>"


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attachment

    post = factory.SubFactory(PostFactory)
    file = factory.django.FileField(filename="notes.txt", data=b"notes")
    original_name = "notes.txt"
    content_type = "text/plain"
    extension = "txt"
    size = 5


class ReactionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reaction

    post = factory.SubFactory(PostFactory)
    user = factory.SubFactory(UserFactory)
    kind = Reaction.Kind.THANKS


class PostRevisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PostRevision

    post = factory.SubFactory(PostFactory)
    markdown = "An earlier version."
    html = "<p>An earlier version.</p>"
    written_at = factory.LazyFunction(timezone.now)


class TopicTagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TopicTag

    content_object = factory.SubFactory(TopicFactory)
    tag = factory.SubFactory("forum.factories.TagFactory")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "taggit.Tag"
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"tag-{n}")
    slug = factory.Sequence(lambda n: f"tag-{n}")


class ReadStateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReadState

    user = factory.SubFactory(UserFactory)
    topic = factory.SubFactory(TopicFactory)


class DraftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Draft

    user = factory.SubFactory(UserFactory)
    topic = factory.SubFactory(TopicFactory)
    markdown = "An unfinished reply."


class BookmarkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bookmark

    user = factory.SubFactory(UserFactory)
    post = factory.SubFactory(PostFactory)


class SubscriptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscription

    user = factory.SubFactory(UserFactory)
    topic = factory.SubFactory(TopicFactory)
    level = Subscription.Level.WATCH
