import factory
import wagtail_factories
from django.utils import timezone

from .models import AnnexPage, HomePage, PolicyPage, PolicyVersion, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Global Partnership Exchange"
    intro = "Partners learning from each other."


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = "About"
    intro = "About the exchange."


def policy_body(*sections, principle="", notes=()):
    """Raw StreamField data: ``sections`` are (heading, html, block_id) tuples."""
    body = []
    for heading, html, block_id in sections:
        body.append(
            {"type": "section", "value": {"heading": heading, "text": html}, "id": block_id}
        )
    if principle:
        body.append(
            {"type": "principle", "value": {"title": "", "text": principle}, "id": "principle-1"}
        )
    if notes:
        body.append(
            {
                "type": "footnotes",
                "value": [
                    {"type": "item", "value": {"label": label, "text": text}, "id": f"note-{label}"}
                    for label, text in notes
                ],
                "id": "notes",
            }
        )
    return body


class PolicyPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PolicyPage

    title = "Partnership Policy"
    summary = "How we work with partners."
    version_label = "1.0"
    body = factory.LazyFunction(
        lambda: policy_body(
            ("Purpose", "<p>We prevent torture with partners.[^1]</p>", "s-purpose"),
            ("Reporting", "<p>Partners report every year to the board.</p>", "s-reporting"),
            principle="<p>Do no harm.</p>",
            notes=[("1", "<p>UN Convention against Torture.</p>")],
        )
    )


class AnnexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = AnnexPage

    title = "Complaint handling"
    number = 1
    body = factory.LazyFunction(
        lambda: policy_body(("Who can complain", "<p>Anyone affected.</p>", "a-who"))
    )


def arabic_policy_page(reporting="<p>يقدّم الشركاء تقريرًا إلى المجلس كل عام.</p>"):
    """PolicyPageFactory's text in Arabic, block for block (unsaved: translate_from saves)."""
    return PolicyPage(
        title="سياسة الشراكة",
        slug="policy",
        summary="كيف نعمل مع الشركاء.",
        change_summary="الإصدار الأول.",
        body=policy_body(
            ("الغرض", "<p>نمنع التعذيب مع شركائنا.[^1]</p>", "s-purpose"),
            ("التقارير", reporting, "s-reporting"),
            principle="<p>لا ضرر ولا ضرار.</p>",
            notes=[("1", "<p>اتفاقية الأمم المتحدة لمناهضة التعذيب.</p>")],
        ),
    )


class PolicyVersionFactory(factory.django.DjangoModelFactory):
    """A version-history line for a page (its page's latest revision, made if missing)."""

    class Meta:
        model = PolicyVersion

    page = factory.SubFactory(StandardPageFactory)
    revision = factory.LazyAttribute(lambda version: version.page.save_revision())
    number = factory.Sequence(lambda n: n + 1)
    version_label = "1.0"
    adopted_on = factory.LazyFunction(timezone.localdate)
