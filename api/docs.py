"""The OpenAPI document and interactive docs for v1, served from drf-spectacular-sidecar's
static files (no CDN)."""

from drf_spectacular.renderers import (
    OpenApiJsonRenderer,
    OpenApiJsonRenderer2,
    OpenApiYamlRenderer,
    OpenApiYamlRenderer2,
)
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView


class SchemaView(SpectacularAPIView):
    # JSON first (as application/json): YAML or the OpenAPI media types only when asked for.
    renderer_classes = [OpenApiJsonRenderer2, OpenApiJsonRenderer, OpenApiYamlRenderer2, OpenApiYamlRenderer]


class SwaggerView(SpectacularSwaggerView):
    url_name = "api-v1:schema"


class RedocView(SpectacularRedocView):
    url_name = "api-v1:schema"
