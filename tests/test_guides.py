"""A guide's downloads: each is a library document or an external file, never both or neither."""

import pytest

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail.documents import get_document_model

from articles.choices import DownloadFormat
from articles.models import GuideDownload, GuidePage

from .helpers import guide_form_data

EXACTLY_ONE = "Choose a document from the library or give an external URL (exactly one)."
PDF_BYTES = b"%PDF-1.4 a tiny test file"


@pytest.fixture
def guide(make_guide) -> GuidePage:
    return make_guide("preparing-for-an-infusion")


@pytest.fixture
def document(db):
    return get_document_model().objects.create(
        title="Infusion guide (PDF)", file=ContentFile(PDF_BYTES, name="infusion-guide.pdf")
    )


@pytest.mark.parametrize(
    "row",
    [
        {"document": "", "external_url": ""},
        {"document": "DOCUMENT", "external_url": "https://example.org/guide.pdf"},
    ],
    ids=["neither", "both"],
)
def test_download_needs_exactly_one_of_document_or_external_url_in_the_admin(
    superuser_client, guide, document, row
):
    if row["document"] == "DOCUMENT":
        row = {**row, "document": str(document.pk)}

    response = superuser_client.post(
        reverse("wagtailadmin_pages:edit", args=(guide.pk,)), guide_form_data(downloads=[row])
    )

    assert response.status_code == 200
    formset = response.context["form"].formsets["downloads"]
    assert formset.errors[0]["__all__"] == [EXACTLY_ONE]
    assert not GuidePage.objects.get(pk=guide.pk).get_latest_revision_as_object().downloads.exists()


@pytest.mark.parametrize("source", ["document", "external_url"])
def test_download_with_one_source_is_saved(superuser_client, guide, document, source):
    row = {"document": "", "external_url": ""}
    row[source] = str(document.pk) if source == "document" else "https://example.org/guide.pdf"

    response = superuser_client.post(
        reverse("wagtailadmin_pages:edit", args=(guide.pk,)), guide_form_data(downloads=[row])
    )

    assert response.status_code == 302
    [download] = GuidePage.objects.get(pk=guide.pk).get_latest_revision_as_object().downloads.all()
    assert download.format == DownloadFormat.PDF


def test_download_model_validation_refuses_neither_and_both(document):
    with pytest.raises(ValidationError, match="exactly one"):
        GuideDownload(format=DownloadFormat.PDF).full_clean(exclude=["page"])
    with pytest.raises(ValidationError, match="exactly one"):
        GuideDownload(
            format=DownloadFormat.PDF, document=document, external_url="https://example.org/guide.pdf"
        ).full_clean(exclude=["page"])


def test_download_of_a_library_document_records_its_size(guide, document):
    download = GuideDownload(page=guide, format=DownloadFormat.PDF, document=document)

    download.save()

    assert download.size_bytes == len(PDF_BYTES)
