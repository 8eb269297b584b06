"""entry.pdf: the entry HTML printed by WeasyPrint as a tagged PDF/UA-1 document."""

from __future__ import annotations

import mimetypes
from collections.abc import Mapping
from typing import Any

#: PDF/UA-1 turns on tagging (pdf_tags); the language and title come from the HTML.
PDF_OPTIONS: dict[str, Any] = {"pdf_variant": "pdf/ua-1", "pdf_tags": True,
                               "pdf_identifier": True}
_BASE = "https://pack.invalid/"


class RefusedUrl(ValueError):
    """The entry asked for something that is not a member of the pack."""


def render_pdf(html: str, members: Mapping[str, bytes]) -> bytes:
    """`html` as PDF; it may load only pack members (images), nothing from disk or network."""
    # imported here: WeasyPrint is slow to import and only packs need it
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class MemberFetcher(URLFetcher):  # type: ignore[misc]
        """Serves pack members only; anything else is refused."""

        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            name = url.removeprefix(_BASE)
            if not url.startswith(_BASE) or name not in members:
                raise RefusedUrl(f"not a pack member: {url}")
            mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, members[name], {"Content-Type": mime})

    document = HTML(string=html, base_url=_BASE, url_fetcher=MemberFetcher(fail_on_errors=True))
    pdf = document.write_pdf(**PDF_OPTIONS)
    assert isinstance(pdf, bytes)
    return pdf
