"""Upload safety for admin images and documents (hardening issue, item 2).

Wagtail's own settings cover size, pixel count and allowed extensions (cms/settings/base.py); these
modules add what it lacks: safe file names, content-versus-extension checks for documents, a frame
limit for animated images and metadata stripping for stored images.
"""
