"""Store the guide's editions as Wagtail documents, identified by title."""

from __future__ import annotations

from io import BytesIO

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.documents.models import AbstractDocument
from wagtail.utils.file import hash_filelike

from . import editions
from .content.guide import DOWNLOADS, DownloadSpec
from .report import LoadReport, Status, status_of


def ensure_document(spec: DownloadSpec, data: bytes, *, overwrite: bool) -> tuple[AbstractDocument, Status]:
    """The document titled `spec.title`: created if missing, refreshed only when `overwrite`."""
    document_model = get_document_model()
    document = document_model.objects.filter(title=spec.title).first()
    created = document is None
    if created:
        document = document_model(title=spec.title)
    elif not overwrite:
        return document, "kept"
    # Generation is deterministic, so an unchanged edition has the same hash and is left alone.
    changed = not created and document.file_hash != hash_filelike(BytesIO(data))
    if created or changed:
        # Through the file field, so the file lands in the configured storage (disk or S3).
        document.file = ContentFile(data, name=spec.filename)
        document._set_document_file_metadata()
        document.save()
    return document, status_of(created, changed)


def ensure_guide_documents(report: LoadReport, *, overwrite: bool) -> dict[str, AbstractDocument]:
    """Every edition of the guide, by download format."""
    documents = {}
    for spec in DOWNLOADS:
        document, status = ensure_document(spec, editions.build(spec.format), overwrite=overwrite)
        report.record("Documents", status)
        documents[spec.format] = document
    return documents
