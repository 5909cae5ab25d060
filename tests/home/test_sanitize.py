from home.sanitize import SingleLineField, clean_html, plain_text, render_markdown, single_line


def test_sanitize_links_get_nofollow_noopener_ugc():
    html = render_markdown("[report](https://example.org/r)")
    assert 'rel="nofollow noopener ugc"' in html


def test_sanitize_script_and_event_handlers_never_survive():
    html = clean_html('<p onclick="x()">a</p><script>alert(1)</script><a href="javascript:x">b</a>')
    assert "onclick" not in html
    assert "<script" not in html
    assert "javascript:" not in html


def test_sanitize_images_only_from_this_site():
    assert "src" not in render_markdown("![map](https://tracker.example/pixel.png)")
    assert "src" not in render_markdown("![map](//tracker.example/pixel.png)")
    assert 'src="/media/a.png"' in render_markdown("![map](/media/a.png)")


def test_sanitize_raw_html_in_markdown_is_shown_as_text():
    assert render_markdown("<b>bold</b>") == "<p>&lt;b&gt;bold&lt;/b&gt;</p>\n"


def test_sanitize_plain_text_is_unescaped_text():
    assert plain_text("<p>A &amp; B <em>&lt;x&gt;</em></p>") == "A & B <x>"


def test_sanitize_html_field_cleans_whatever_is_saved(db):
    from django.utils.safestring import SafeString

    from forum.factories import CategoryFactory, make_topic
    from forum.models import Post

    post = make_topic(CategoryFactory()).first_post
    post.html = '<p onclick="steal()">hi</p><script>alert(1)</script>'
    post.save()

    stored = Post.objects.get(pk=post.pk).html
    assert stored == "<p>hi</p>alert(1)"
    assert isinstance(stored, SafeString)  # templates print it without |safe


def test_sanitize_single_line_folds_line_breaks_and_drops_control_characters():
    assert single_line("Line one\r\nBcc: x@example.org") == "Line one Bcc: x@example.org"
    assert single_line("a\u2028b\u2029c\x85d\x0be\x0cf\tg") == "a b c d e f g"
    assert single_line("  bell\x07 nul\x00 esc\x1b[31m  ") == "bell nul esc[31m"
    # Arabic stays as written, with its direction marks and joiners.
    assert single_line("دروس\u200f من\u200c الشراكة") == "دروس\u200f من\u200c الشراكة"


def test_sanitize_single_line_field_normalises_what_is_typed():
    field = SingleLineField(max_length=20)
    assert field.clean(" Title\nwith a break ") == "Title with a break"
    assert field.clean("x" * 19 + "\n") == "x" * 19
