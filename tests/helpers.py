"""Builders for page content: raw StreamField values for models, POST data for the admin forms."""

from typing import Any

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.choices import Audience, DownloadFormat

# --- StreamField values (for building pages through the model API; pass model instances) -----


def paragraph_block(text: str = "Ketamine is an anaesthetic also studied for depression.") -> tuple:
    return ("paragraph", {"text": f"<p>{text}</p>", "citations": []})


def statistic_block(reference, value: str = "44%") -> tuple:
    return (
        "statistic",
        {"value": value, "label": "of patients responded", "reference": reference, "context": ""},
    )


def image_block(image, alt_text: str = "", decorative: bool = False) -> tuple:
    return (
        "image",
        {"image": {"image": image, "alt_text": alt_text, "decorative": decorative}, "caption": ""},
    )


# --- Admin form data (what the page editor POSTs) ---------------------------------------------


def heading_form(text: str = "What is ketamine?") -> tuple:
    return ("heading", {"text": text, "level": "h2"})


def paragraph_form(text: str = "Ketamine is an anaesthetic.", citations: list[int] = ()) -> tuple:
    return (
        "paragraph",
        {
            "text": rich_text(f"<p>{text}</p>"),
            "citations": streamfield_list(str(pk) for pk in citations),
        },
    )


def statistic_form(reference_id: int | None, value: str = "44%") -> tuple:
    return (
        "statistic",
        {
            "value": value,
            "label": "of patients responded",
            "reference": str(reference_id) if reference_id else "",
            "context": "",
        },
    )


def image_form(image_id: int, alt_text: str = "", decorative: bool = False) -> tuple:
    image = {"image": str(image_id), "alt_text": alt_text}
    if decorative:
        # An unticked checkbox is simply absent from the POST.
        image["decorative"] = "on"
    return ("image", {"image": image, "caption": ""})


def streamfield_list(values) -> dict[str, Any]:
    """ListBlock form data: like a stream, but items carry `value`, `deleted`, `order`, no type."""
    items = {
        str(index): {"value": value, "deleted": "", "order": str(index), "id": ""}
        for index, value in enumerate(values)
    }
    items["count"] = str(len(items))
    return items


def article_form_data(
    *,
    title: str = "Ketamine and depression",
    slug: str = "ketamine-and-depression",
    body: list[tuple] | None = None,
    reference_ids: list[int] = (),
    action: str | None = None,
    many_to_many: dict[str, list[int]] | None = None,
    **fields: Any,
) -> dict[str, Any]:
    """POST data for the ArticlePage add/edit form. `action` is e.g. "action-submit"; None saves a draft.

    `many_to_many` sets ParentalManyToMany fields (topics, conditions, treatments, authors) by id.
    """
    data = {
        "title": title,
        "slug": slug,
        "summary": "What the evidence says about ketamine for depression.",
        "audience": Audience.PATIENTS,
        "body": streamfield(body if body is not None else [paragraph_form()]),
        "reference_links": inline_formset([{"reference": str(pk), "note": ""} for pk in reference_ids]),
        "comments": inline_formset([]),
        **fields,
    }
    post = nested_form_data(data)
    # Multi-value fields are lists in the POST, not hyphen-numbered keys.
    post.update({name: [str(pk) for pk in ids] for name, ids in (many_to_many or {}).items()})
    if action:
        post[action] = action
    return post


def guide_form_data(
    *,
    title: str = "Preparing for an infusion",
    slug: str = "preparing-for-an-infusion",
    downloads: list[dict] = (),
) -> dict[str, Any]:
    """POST data for the GuidePage edit form: one step; `downloads` rows override the defaults."""
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "What to expect on the day.",
            "audience": Audience.PATIENTS,
            "steps": streamfield(
                [
                    (
                        "step",
                        {
                            "title": "Eat lightly",
                            "body": rich_text("<p>Before you come.</p>"),
                            "image": {"image": "", "alt_text": ""},
                        },
                    )
                ]
            ),
            "downloads": inline_formset(
                [
                    {"format": DownloadFormat.PDF, "language": "en", "version": "", "size_bytes": "", **row}
                    for row in downloads
                ]
            ),
            "comments": inline_formset([]),
        }
    )
