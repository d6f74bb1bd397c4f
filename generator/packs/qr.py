"""QR codes for each entry's online address, drawn locally as inline SVG (no network)."""

from __future__ import annotations

from functools import lru_cache

import segno


@lru_cache(maxsize=4096)
def qr_svg_data_uri(url: str) -> str:
    """A data: URI of an SVG QR code for `url`, black on white with a quiet zone."""
    return segno.make(url, error="m", micro=False).png_data_uri(scale=4, border=2)
