"""StreamField blocks for article bodies and guides.

Required-field checks (a statistic's reference, an image's alt text) use Wagtail's deferred
validation: drafts save with them missing, publishing and submitting for review do not.
"""

from wagtail import blocks
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from .choices import CalloutKind

# Headings and embeds are blocks of their own, so paragraphs keep a small, safe feature set.
PARAGRAPH_FEATURES = [
    "bold",
    "italic",
    "ol",
    "ul",
    "link",
    "document-link",
    "superscript",
    "subscript",
]
SHORT_TEXT_FEATURES = ["bold", "italic", "link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200)
    level = blocks.ChoiceBlock(choices=[("h2", "Section (H2)"), ("h3", "Subsection (H3)")], default="h2")

    class Meta:
        icon = "title"
        label = "Heading"


class ParagraphBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(features=PARAGRAPH_FEATURES)
    citations = blocks.ListBlock(
        SnippetChooserBlock("articles.Reference"),
        default=[],
        help_text="References that support this paragraph; the API numbers them in the order "
        "of the page's reference list.",
    )

    class Meta:
        icon = "pilcrow"
        label = "Paragraph"


class StatisticBlock(blocks.StructBlock):
    value = blocks.CharBlock(max_length=32, help_text="The figure itself, e.g. '44%' or '1 in 3'.")
    label = blocks.CharBlock(max_length=240, help_text="What the figure measures, in plain words.")
    reference = SnippetChooserBlock(
        "articles.Reference",
        help_text="Required before publishing: every statistic must cite its source.",
    )
    context = blocks.TextBlock(
        required=False, help_text="Caveats a reader needs, e.g. the range or population studied."
    )

    class Meta:
        icon = "table"
        label = "Statistic"


class KeyPointsBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, default="Key points")
    points = blocks.ListBlock(blocks.CharBlock(max_length=300), min_num=1)

    class Meta:
        icon = "list-ul"
        label = "Key points"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(max_length=200, required=False)
    reference = SnippetChooserBlock("articles.Reference", required=False)

    class Meta:
        icon = "openquote"
        label = "Quote"


class CaptionedImageBlock(blocks.StructBlock):
    # Wagtail's ImageBlock refuses to publish an image without alt text unless it is
    # marked decorative.
    image = ImageBlock()
    caption = blocks.CharBlock(max_length=300, required=False)

    class Meta:
        icon = "image"
        label = "Image"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(choices=CalloutKind.choices, default=CalloutKind.INFO)
    title = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=SHORT_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = "Callout"


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=300)
    answer = blocks.RichTextBlock(features=PARAGRAPH_FEATURES)


class FAQBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, default="Frequently asked questions")
    items = blocks.ListBlock(FAQItemBlock(), min_num=1)

    class Meta:
        icon = "help"
        label = "FAQ"


class CaseStoryEmbedBlock(blocks.StructBlock):
    case_story = blocks.PageChooserBlock(page_type="articles.CaseStoryPage")
    introduction = blocks.CharBlock(max_length=300, required=False)

    class Meta:
        icon = "user"
        label = "Case story"


class GuideCallToActionBlock(blocks.StructBlock):
    guide = blocks.PageChooserBlock(page_type="articles.GuidePage")
    heading = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False)

    class Meta:
        icon = "download"
        label = "Guide call to action"


class ArticleBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    statistic = StatisticBlock()
    key_points = KeyPointsBlock()
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    callout = CalloutBlock()
    faq = FAQBlock()
    case_story = CaseStoryEmbedBlock()
    guide_cta = GuideCallToActionBlock()


class GuideStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200)
    body = blocks.RichTextBlock(features=PARAGRAPH_FEATURES)
    image = ImageBlock(required=False)

    class Meta:
        icon = "list-ol"
        label = "Step"


class GuideStepsBlock(blocks.StreamBlock):
    step = GuideStepBlock()
