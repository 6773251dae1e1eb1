"""Base forms for Wagtail's image and document admin (WAGTAILIMAGES_IMAGE_FORM_BASE and
WAGTAILDOCS_DOCUMENT_FORM_BASE), used by the single add/edit views and the multiple uploader alike.

Every rejection is a `ValidationError` on the file field, which the add views render as a form error
and the multiple uploader returns as `{"success": false, "error_message": ...}`; never a 500.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from .documents import validate_document_content
from .fields import SafeImageField
from .filenames import safe_upload_name


class SafeImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Swapped here rather than declared on the class: a declared field would survive the
        # multiple uploader's edit form, which excludes "file" through Meta.exclude.
        if (field := self.fields.get("file")) is not None:
            self.fields["file"] = SafeImageField(
                label=field.label, required=field.required, widget=field.widget
            )

    def clean_file(self):
        file = self.cleaned_data.get("file")
        # Only a new upload has the Willow image the field attaches; an edit without one keeps the
        # stored file.
        if file is not None and hasattr(file, "image"):
            file.name = safe_upload_name(file.name)
        return file


class SafeDocumentForm(BaseDocumentForm):
    def clean_file(self):
        file = self.cleaned_data.get("file")
        if not isinstance(file, UploadedFile):
            return file
        file.name = safe_upload_name(file.name)
        allowed = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None)
        extension = os.path.splitext(file.name)[1].lower().lstrip(".")
        if allowed and extension not in allowed:
            return file  # Wagtail's model validation names the allowed extensions
        validate_document_content(file, file.name)
        return file
