"""HTML from the kind's template, PDF from that HTML with WeasyPrint — the same text in both."""
import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.template.loader import render_to_string

from .kinds import KindSpec

# Documents load nothing from outside: styles are inline, fonts are local() faces of the machine (Debian
# fonts-noto-cjk), which WeasyPrint reads through its URL fetcher as file:// URLs. The fetcher below lets through
# only those font files and data: URIs, so a stray URL in a template can reach neither the network nor other files.
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # one INFO line per layout step otherwise


def _fetcher():
    from weasyprint.urls import URLFetcher

    class LocalFontsOnly(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            if parts.scheme == "file":
                path = Path(unquote(parts.path)).resolve()
                if any(path.is_relative_to(d) for d in FONT_DIRS):
                    return super().fetch(url, headers)
            raise ValueError(f"documents load no external resources: {url}")

    return LocalFontsOnly()


def render_html(spec: KindSpec, context: dict) -> str:
    return render_to_string(spec.template, context)


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported here: loading Pango takes a moment, only documents need it

    return HTML(string=html, url_fetcher=_fetcher()).write_pdf()
