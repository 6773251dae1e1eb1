"""Custom image model, in place from the first migration (swapping it later is costly)."""

from django.db import models

from wagtail.images.models import AbstractImage, AbstractRendition, Image

from ..uploads.images import replace_with_stripped_file


class MedicalImage(AbstractImage):
    """An image with a default alt text and a credit line; blocks may override the alt text."""

    alt_text = models.CharField(
        max_length=255,
        blank=True,
        help_text="Default description for screen readers, used wherever the image appears "
        "without its own alt text. Describe what the image shows, not that it is an image.",
    )
    credit = models.CharField(
        max_length=255,
        blank=True,
        help_text="Photographer, illustrator or licence, shown with the image where required.",
    )

    admin_form_fields = Image.admin_form_fields + ("alt_text", "credit")

    def save(self, *args, **kwargs) -> None:
        # GPS, camera serials and capture times never reach storage (articles/uploads/images.py);
        # renditions are made from the stripped original, so they carry none either.
        replace_with_stripped_file(self)
        super().save(*args, **kwargs)

    @property
    def default_alt_text(self) -> str:
        return self.alt_text or getattr(self, "description", "") or ""


class MedicalRendition(AbstractRendition):
    image = models.ForeignKey(MedicalImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
