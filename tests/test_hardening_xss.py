"""Rich text and StreamField XSS: payloads never reach stored HTML or API output.

Two independent layers are tested: on the way in, `articles.rich_text` reduces database HTML to a
field's editor features (model `clean()`, demo loader); on the way out,
`api.representation.sanitize` holds every rich-text value in API v1 (and so in approval
snapshots) to an allow-list. Plain-text fields are data: they come out verbatim as JSON strings.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from django.template.loader import render_to_string
from django.urls import reverse

from wagtail.models import Page

from api.representation.sanitize import ALLOWED_TAGS, sanitize_html
from articles.blocks import PARAGRAPH_FEATURES, SHORT_TEXT_FEATURES
from articles.demo.pages import PageSpec, sync_page
from articles.models import ArticlePage, CaseStoryPage
from articles.rich_text import clean_db_html

from .api_helpers import get_json, walk
from .fixtures_content import block, items, page_link
from .helpers import article_form_data, paragraph_form

# OWASP-style payloads: scheme spellings, event handlers, foreign content, mutation XSS.
CORPUS = [
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>',
    '<a href="&#0000106&#0000097vascript:alert(1)">x</a>',
    '<a href="jav\tascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="jav&#x0A;ascript:alert(1)">x</a>',
    '<a href=" &#14; javascript:alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    "<a href='\x01javascript:alert(1)'>x</a>",
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="VBScript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="DATA:text/html,<script>alert(1)</script>">x</a>',
    '<a href="//evil.example/">x</a>',
    '<a href="https://ok.example/" onclick="alert(1)" onmouseover="alert(1)">x</a>',
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<iframe src="javascript:alert(1)"></iframe>',
    "<body onload=alert(1)>",
    '<p style="background:url(javascript:alert(1))" onmouseover="alert(1)">styled</p>',
    "<style>@import 'javascript:alert(1)';</style>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;img src=1 onerror=alert(1)&gt;">',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
    "<!--><img src=x onerror=alert(1)>-->",
    "<![CDATA[<img src=x onerror=alert(1)>]]>",
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<input autofocus onfocus="alert(1)">',
    '<details open ontoggle="alert(1)">',
    '<a href="https://ok.example/" target="_blank">tab-nabbing</a>',
    "<template><img src=x onerror=alert(1)></template>",
    '<xmp><p title="</xmp><img src=x onerror=alert(1)>">',
]
# What the editor features legitimately produce; must survive the output sanitiser.
LEGIT = [
    "<p>Plain paragraph.</p>",
    "<p><b>bold</b> and <i>italic</i>, <strong>strong</strong>, <em>em</em></p>",
    "<ul><li>one</li></ul><ol><li>two</li></ol>",
    "<p>E = mc<sup>2</sup>, H<sub>2</sub>O</p>",
    '<p><a href="https://www.nice.org.uk/guidance">NICE</a></p>',
    '<p><a href="mailto:clinic@example.org">mail</a> <a href="tel:+441234">call</a></p>',
    '<p><a href="/articles/ketamine/">internal</a> <a href="#refs">refs</a></p>',
]
TOKENS = [
    "<",
    ">",
    '"',
    "'",
    "=",
    "/",
    "<a href=",
    "javascript:",
    "&#",
    ";",
    "<!--",
    "-->",
    "<p ",
    "</p>",
    " onerror=",
    "\t",
    "\x00",
    "<math>",
    "<style>",
]
SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:")
DB_ATTRIBUTES = {"href", "linktype", "id", "data-block-key"}


class _Tags(HTMLParser):
    """Every start tag with its attributes, values entity-decoded (as a browser would read them)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))


def _tags(markup: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Tags()
    parser.feed(markup)
    parser.close()
    return parser.tags


def _normalised_url(value: str) -> str:
    # What URL parsers ignore: entities (already decoded), controls, whitespace.
    return re.sub(r"[\x00-\x20\x7f-\xa0]+", "", html.unescape(value)).lower()


def assert_safe_display_html(markup: str) -> None:
    """The API's allow-list: rich-text tags only, `href` on links only, safe schemes only."""
    assert "<script" not in markup.lower(), markup
    for tag, attrs in _tags(markup):
        assert tag in ALLOWED_TAGS, (tag, markup)
        for name, value in attrs:
            assert not name.startswith("on"), (name, markup)
            assert (tag, name) == ("a", "href"), (tag, name, markup)
            url = _normalised_url(value or "")
            assert not url.startswith(("javascript:", "vbscript:", "data:")), (value, markup)
            assert (
                url.startswith(SAFE_SCHEMES)
                or url.startswith("#")
                or (url.startswith("/") and not url.startswith(("//", "/\\")))
            ), (value, markup)


def assert_safe_db_html(markup: str) -> None:
    """Stored database HTML: the editor's elements and Wagtail's link attributes only."""
    assert "<script" not in markup.lower(), markup
    for tag, attrs in _tags(markup):
        assert tag in ALLOWED_TAGS, (tag, markup)
        for name, value in attrs:
            assert name in DB_ATTRIBUTES, (name, markup)
            if name == "href":
                url = _normalised_url(value or "")
                assert not url.startswith(("javascript:", "vbscript:", "data:")), (value, markup)


# --- The output allow-list -----------------------------------------------------------------------


@pytest.mark.parametrize("payload", CORPUS)
def test_sanitiser_neutralises_each_payload(payload):
    assert_safe_display_html(sanitize_html(payload))
    assert_safe_display_html(sanitize_html(f"<p>before {payload} after</p>"))


@pytest.mark.parametrize("legit", LEGIT)
def test_sanitiser_keeps_what_the_editor_features_produce(legit):
    assert sanitize_html(legit) == legit


def test_sanitiser_unwraps_links_it_refuses_and_drops_script_content():
    assert sanitize_html('<p><a href="javascript:alert(1)">click</a></p>') == "<p>click</p>"
    assert sanitize_html("<p>a<script>alert(1)</script>b</p>") == "<p>ab</p>"
    assert sanitize_html('<p data-block-key="k1" style="color:red">x</p>') == "<p>x</p>"


@settings(deadline=None, derandomize=True, max_examples=200)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(CORPUS), st.sampled_from(LEGIT), st.sampled_from(TOKENS), st.text(max_size=12)
        ),
        max_size=8,
    ).map("".join)
)
def test_property_output_allow_list_holds_for_any_mix_of_payloads(markup):
    assert_safe_display_html(sanitize_html(markup))


@settings(deadline=None, derandomize=True, max_examples=200)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(CORPUS), st.sampled_from(LEGIT), st.sampled_from(TOKENS), st.text(max_size=12)
        ),
        max_size=8,
    ).map("".join)
)
def test_property_stored_html_keeps_only_editor_features(markup):
    cleaned = clean_db_html(markup, PARAGRAPH_FEATURES)
    assert_safe_db_html(cleaned)
    # Cleaning is stable: re-saving a cleaned page changes nothing (no spurious revisions).
    assert clean_db_html(cleaned, PARAGRAPH_FEATURES) == cleaned


# --- The input cleaner keeps Wagtail's database format -------------------------------------------


def test_input_cleaner_keeps_database_html_and_editor_output_byte_for_byte():
    editor_output = (
        '<p data-block-key="mupu3">It\'s "quoted" &amp; <b>bold</b> <i>it</i> x<sup>2</sup> '
        'H<sub>2</sub>O <a href="https://example.org/?a=1&amp;b=2">ext</a> '
        '<a id="7" linktype="page">page</a> <a id="3" linktype="document">doc</a></p>'
        '<ul><li data-block-key="lqads">item</li></ul>'
    )
    assert clean_db_html(editor_output, PARAGRAPH_FEATURES) == editor_output


def test_input_cleaner_keeps_embeds_where_the_feature_is_enabled():
    embed = '<embed alt="A scan" embedtype="image" format="left" id="12"/>'
    assert clean_db_html(f"<p>x</p>{embed}", ["image"]) == f"<p>x</p>{embed}"
    assert clean_db_html(f"<p>x</p>{embed}", SHORT_TEXT_FEATURES) == "<p>x</p>"


def test_input_cleaner_strips_handlers_from_wagtail_links():
    cleaned = clean_db_html('<p><a linktype="page" id="7" onclick="alert(1)">x</a></p>', PARAGRAPH_FEATURES)
    assert cleaned == '<p><a id="7" linktype="page">x</a></p>'


# --- End to end: saved through code, published through review, read from the API ----------------

DANGEROUS = ("<script", "javascript:", "vbscript:", "data:text", "onerror", "onload", "onclick", "srcdoc")


def _payload_html() -> str:
    return "<p>" + " ".join(CORPUS) + "</p>"


def _payload_body(target: Page) -> list[dict]:
    legit = (
        f"<p><b>Bold claim</b> see {page_link(target, 'the target')} and "
        '<a href="https://www.nice.org.uk/guidance">NICE</a>.</p>'
    )
    return [
        block("paragraph", {"text": legit + _payload_html(), "citations": []}),
        block("callout", {"kind": "info", "title": "Callout", "text": _payload_html()}),
        block(
            "faq",
            {"title": "FAQ", "items": items([{"question": "Safe?", "answer": _payload_html()}])},
        ),
    ]


def _rich_text_strings(payload: dict) -> list[str]:
    return [value for key, value in walk(payload) if key in {"text", "answer", "narrative", "body"}]


def _assert_clean_api(client, page: Page, detail_url: str) -> dict:
    body = get_json(client, detail_url)
    for value in _rich_text_strings(body):
        assert isinstance(value, str)
        assert_safe_display_html(value)
    raw = json.dumps(body).lower()
    assert not [marker for marker in DANGEROUS if marker in raw]
    v2 = get_json(client, f"/api/v2/pages/{page.pk}/")
    assert not [marker for marker in DANGEROUS if marker in json.dumps(v2).lower()]
    return body


def _stored_sources(page: Page) -> str:
    return json.dumps(page.live_revision.content)


@pytest.fixture
def live_target(make_article, publish_reviewed) -> ArticlePage:
    target = make_article("ketamine-target")
    publish_reviewed(target)
    return target


def test_payloads_saved_through_code_are_cleaned_on_save_and_absent_from_the_api(
    client, make_article, publish_reviewed, live_target
):
    page = make_article("payload-article", body=_payload_body(live_target))
    publish_reviewed(page)

    stored = _stored_sources(page).lower()
    assert not [marker for marker in DANGEROUS if marker in stored]
    body = _assert_clean_api(client, page, "/api/v1/articles/payload-article/")
    paragraph = body["body"][0]["value"]["text"]
    assert "<b>Bold claim</b>" in paragraph
    assert '<a href="/articles/ketamine-target/">the target</a>' in paragraph
    assert '<a href="https://www.nice.org.uk/guidance">NICE</a>' in paragraph


def test_legacy_payloads_stored_before_cleaning_are_sanitised_on_output(
    client, make_article, publish_reviewed, live_target, monkeypatch
):
    # Content saved before input cleaning existed: the output allow-list alone must hold.
    monkeypatch.setattr("articles.rich_text.clean_rich_text_fields", lambda instance: None)
    page = make_article("legacy-article", body=_payload_body(live_target))
    publish_reviewed(page)
    assert "onerror" in _stored_sources(page)  # the payloads really are stored

    body = _assert_clean_api(client, page, "/api/v1/articles/legacy-article/")
    paragraph = body["body"][0]["value"]["text"]
    assert '<a href="/articles/ketamine-target/">the target</a>' in paragraph
    assert '<a href="https://www.nice.org.uk/guidance">NICE</a>' in paragraph


def test_case_story_narrative_payloads_never_reach_storage_or_the_api(
    client, make_case_story, publish_reviewed
):
    story = make_case_story("payload-story", narrative="<p><i>He improved.</i></p>" + _payload_html())
    publish_reviewed(story)

    assert not [marker for marker in DANGEROUS if marker in _stored_sources(story).lower()]
    body = _assert_clean_api(client, story, "/api/v1/case-stories/payload-story/")
    assert body["narrative"].startswith("<p><i>He improved.</i></p>")


def test_payloads_through_the_demo_loader_never_reach_storage(
    client, site_tree, publish_reviewed, live_target
):
    spec = PageSpec(
        model=ArticlePage,
        slug="demo-payload",
        title="Demo payload",
        fields={"summary": "Loaded by the demo loader.", "body": _payload_body(live_target)},
    )

    page, status = sync_page(site_tree.articles, spec, publish_reviewed, overwrite=False)

    assert status == "created"
    page.refresh_from_db()
    assert not [marker for marker in DANGEROUS if marker in _stored_sources(page).lower()]
    _assert_clean_api(client, page, "/api/v1/articles/demo-payload/")
    # The loader compares cleaned content with cleaned content: a rerun adds no revision.
    revisions = page.revisions.count()
    _page, rerun = sync_page(site_tree.articles, spec, publish_reviewed, overwrite=True)
    assert rerun == "unchanged"
    assert page.revisions.count() == revisions


# --- Through the admin form ----------------------------------------------------------------------


def _contentstate_with_links(text: str, urls: list[str]) -> str:
    """Draftail's form value: one paragraph, each URL a LINK entity over one word of `text`."""
    words = text.split(" ")
    ranges, offset = [], 0
    for index, word in enumerate(words):
        if index < len(urls):
            ranges.append({"offset": offset, "length": len(word), "key": index})
        offset += len(word) + 1
    entity_map = {
        str(index): {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}
        for index, url in enumerate(urls)
    }
    blocks = [
        {
            "key": "xss01",
            "type": "unstyled",
            "depth": 0,
            "text": text,
            "inlineStyleRanges": [],
            "entityRanges": ranges,
            "data": {},
        }
    ]
    return json.dumps({"blocks": blocks, "entityMap": entity_map})


ADMIN_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "jav\tascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "https://www.nice.org.uk/",
]
ADMIN_TEXT = "one two three four five nice <script>alert(1)</script><img src=x onerror=alert(1)>"


def test_admin_edit_with_payloads_stores_no_dangerous_markup(superuser_client, make_article):
    page = make_article("admin-payload")
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    paragraph = paragraph_form()
    paragraph[1]["text"] = _contentstate_with_links(ADMIN_TEXT, ADMIN_URLS)
    data = article_form_data(slug=page.slug, body=[paragraph])

    response = superuser_client.post(url, data)

    assert response.status_code == 302, response.context and response.context["form"].errors
    draft = Page.objects.get(pk=page.pk).get_latest_revision_as_object()
    source = draft.body[0].value["text"].source
    assert_safe_db_html(source)
    assert not [
        marker for marker in ("javascript:", "vbscript:", "data:", "<script", "<img") if marker in source
    ]
    assert '<a href="https://www.nice.org.uk/">nice</a>' in source
    # Typed text stays text: escaped, never markup.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in source


def test_admin_edit_of_a_case_story_narrative_stores_no_dangerous_markup(superuser_client, make_case_story):
    from wagtail.test.utils.form_data import querydict_from_html

    story = make_case_story("admin-story")
    url = reverse("wagtailadmin_pages:edit", args=(story.pk,))
    page_html = superuser_client.get(url).content.decode()
    data = querydict_from_html(page_html, form_id="page-edit-form")
    data["narrative"] = _contentstate_with_links(ADMIN_TEXT, ADMIN_URLS)

    response = superuser_client.post(url, data)

    assert response.status_code == 302, response.context and response.context["form"].errors
    narrative = CaseStoryPage.objects.get(pk=story.pk).get_latest_revision_as_object().narrative
    assert_safe_db_html(narrative)
    assert "javascript:" not in narrative.lower() and "<script" not in narrative


# --- Plain text is data --------------------------------------------------------------------------

SCRIPT_TITLE = "<script>alert('title')</script> & <b>not bold</b>"
IMG_LABEL = '<img src=x onerror="alert(1)">'


def test_plain_text_fields_come_out_verbatim_as_json_strings(
    client, make_article, publish_reviewed, reference
):
    body = [
        block("heading", {"text": SCRIPT_TITLE, "level": "h2"}),
        block(
            "statistic",
            {"value": "44%", "label": IMG_LABEL, "reference": reference.pk, "context": SCRIPT_TITLE},
        ),
        block("key_points", {"title": IMG_LABEL, "points": items([SCRIPT_TITLE])}),
    ]
    page = make_article("plain-text", title=SCRIPT_TITLE, summary=IMG_LABEL, body=body)
    publish_reviewed(page)

    response = client.get("/api/v1/articles/plain-text/")
    data = response.json()

    assert data["title"] == SCRIPT_TITLE
    assert data["summary"] == IMG_LABEL
    heading, statistic, key_points = data["body"]
    assert heading["value"]["text"] == SCRIPT_TITLE
    assert statistic["value"]["label"] == IMG_LABEL
    assert statistic["value"]["context"] == SCRIPT_TITLE
    assert key_points["value"] == {"title": IMG_LABEL, "points": [SCRIPT_TITLE]}
    # JSON is served as JSON, never sniffed as HTML.
    assert response["Content-Type"].startswith("application/json")
    assert response.get("X-Content-Type-Options") == "nosniff"
    v2 = get_json(client, f"/api/v2/pages/{page.pk}/")
    assert v2["title"] == SCRIPT_TITLE


def test_the_admin_preview_template_escapes_plain_text():
    class _Page:
        title = SCRIPT_TITLE

    rendered = render_to_string(
        "articles/preview.html", {"page": _Page(), "payload": {"title": SCRIPT_TITLE}}
    )

    assert "<script>alert(" not in rendered
    assert "&lt;script&gt;alert(" in rendered


def test_api_v2_exposes_no_rich_text_fields():
    """v2 would render rich text with Wagtail's stock serialiser, outside the output allow-list:
    our page models declare no `api_fields`, so v2 serves titles and metadata only."""
    from wagtail.fields import RichTextField, StreamField
    from wagtail.models import get_page_models

    for model in get_page_models():
        for api_field in getattr(model, "api_fields", []):
            name = getattr(api_field, "name", api_field)
            field = model._meta.get_field(name)
            assert not isinstance(field, RichTextField | StreamField), (model, name)
