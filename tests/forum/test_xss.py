"""Known attack strings, posted as Markdown through the real reply view, come out inert on
the rendered topic page."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from forum.factories import make_topic
from forum.models import Post
from home.sanitize import ALLOWED_TAGS

pytestmark = pytest.mark.django_db

ATTACKS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><a xlink:href='javascript:alert(1)'><text>x</text></a></svg>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](java&#x09;script:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](<javascript:alert(1)>)",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "[click](file:///etc/passwd)",
    "[ref][evil]\n\n[evil]: javascript:alert(1)",
    "![x](javascript:alert(1))",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "![tracker](https://evil.example/pixel.png)",
    "![tracker](//evil.example/pixel.png)",
    '![a" onerror="alert(1)](/x.png)',
    '[a](https://ok.example "t\\" onmouseover=\\"alert(1)")',
    '[a](https://ok.example/" onclick="alert(1))',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="&#14;javascript:alert(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<object data="x.swf"></object>',
    '<embed src="x.swf">',
    '<form action="https://evil.example"><input name=a></form>',
    "<style>body{display:none}</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<body onload=alert(1)>",
    '"><script>alert(1)</script>',
    "<scr<script>ipt>alert(1)</script>",
    "<<script>script>alert(1)<</script>/script>",
    '<img """><script>alert(1)</script>">',
    "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel=stylesheet href="javascript:alert(1)">',
    "<!--<script>alert(1)</script>-->",
    "<textarea><script>alert(1)</script></textarea>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "`<script>alert(1)</script>`",
    "```html\n<script>alert(1)</script>\n```",
    "<javascript:alert(1)>",
    'www.example.com/"onmouseover="alert(1)',
    "http://example.com/<script>alert(1)</script>",
    '<img src="/x.png" onerror="alert(1)">',
    "[x](\u200bjavascript:alert(1))",
    "[x](%00javascript:alert(1))",
    "@<script>alert(1)</script>",
]

SAFE_SCHEMES = {"", "http", "https", "mailto"}


class PostBodies(HTMLParser):
    """Collects every tag and attribute inside the page's post bodies."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.tags = []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.tags.append((tag, dict(attrs)))
            if tag not in ("img", "br", "hr"):
                self.depth += 1
        elif tag == "div" and "post__body" in (dict(attrs).get("class") or ""):
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth and tag not in ("img", "br", "hr"):
            self.depth -= 1


def _assert_inert(html: str):
    bodies = PostBodies()
    bodies.feed(html)
    assert bodies.tags, "no post bodies found"
    for tag, attrs in bodies.tags:
        assert tag in ALLOWED_TAGS, tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert name not in ("style", "srcdoc", "formaction", "xlink:href"), (tag, name)
            if name in ("href", "src"):
                cleaned = "".join(value.split()).lower()
                assert urlsplit(cleaned).scheme in SAFE_SCHEMES, (tag, value)
            if tag == "img" and name == "src":
                assert value.startswith("/") and not value.startswith("//"), value
    # The only scripts on the page are the site's own files, with nothing inline.
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", html, flags=re.S | re.I)
    assert scripts == [""] * len(scripts)
    for tag in re.findall(r"<script[^>]*>", html, flags=re.I):
        # The response's CSP nonce is on every one of them (tests/home/test_csp.py).
        assert re.fullmatch(r'<script src="/static/[\w/.-]+\.js" nonce="[\w+/=]+" defer>', tag), tag


def test_xss_corpus_is_large_enough():
    assert len(ATTACKS) >= 40


def test_xss_corpus_renders_inert_on_the_topic_page(
    client_for, member, public_category, author, site, settings
):
    settings.FORUM_NEW_MEMBER_POSTS_PER_HOUR = 1000
    topic = make_topic(public_category, author, title="<script>alert('title')</script>")
    client = client_for(member)
    for attack in ATTACKS:
        response = client.post(
            f"/en/forum/t/{topic.pk}/reply/", {"markdown": attack, "language": "en"}
        )
        assert response.status_code == 302, attack
    assert Post.objects.filter(topic=topic).count() == len(ATTACKS) + 1
    pages = (len(ATTACKS) + 1 + 19) // 20
    for page in range(1, pages + 1):
        html = client.get(f"{topic.get_absolute_url()}?page={page}").content.decode()
        _assert_inert(html)
        assert "<script>alert('title')" not in html
    # Raw HTML is shown as text, not dropped silently: the reader sees what was written.
    first = client.get(topic.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in first


def test_new_topic_title_and_body_render_inert(client_for, member, public_category, site):
    response = client_for(member).post(
        f"/en/forum/c/{public_category.slug}/new/",
        {
            "title": "<img src=x onerror=alert(1)>",
            "markdown": "<svg onload=alert(1)>",
            "language": "en",
            "tags": "<b>x</b>",
        },
    )
    assert response.status_code == 302
    html = client_for(member).get(response["Location"]).content.decode()
    _assert_inert(html)
    assert "<img src=x" not in html and "<svg onload" not in html and "<b>x</b>" not in html
