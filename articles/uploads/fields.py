"""The image upload field: Wagtail's, with the header-only checks run before Willow decodes."""

from __future__ import annotations

from PIL import Image

from django.core.exceptions import ValidationError

from wagtail.images.fields import WagtailImageField

from .images import check_image_header


class SafeImageField(WagtailImageField):
    def to_python(self, data):
        if hasattr(data, "read"):
            check_image_header(data, self.max_image_pixels)
        try:
            return super().to_python(data)
        except ValidationError:
            raise
        except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError) as exc:
            # Willow decodes the image to report its size; a damaged file must be a form error.
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from exc
