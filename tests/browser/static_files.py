"""Make the live server serve the stylesheets, so browser tests see the real page.

pytest-django's live server answers /static/ through the staticfiles finders, which know only
the source names (css/site.css), while production's CompressedManifestStaticFilesStorage writes
hashed names (css/site.3f2a….css) into the pages: every stylesheet 404s and the browser shows
unstyled pages. With plain storage the pages link the source names, which the finders serve.
The CSS is the same file either way.

Use with `pytestmark = [..., pytest.mark.usefixtures("served_static")]` and
`from tests.browser.static_files import served_static  # noqa: F401`.
"""

import pytest


@pytest.fixture
def served_static(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
