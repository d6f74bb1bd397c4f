"""QR codes for each entry's online address, drawn locally as PNG data URIs (no network)."""

from __future__ import annotations

from functools import lru_cache

import segno


@lru_cache(maxsize=4096)
def qr_png_data_uri(url: str) -> str:
    """A data: URI of a PNG QR code for `url`, black on white with a quiet zone."""
    return segno.make(url, error="m", micro=False).png_data_uri(scale=4, border=2)
