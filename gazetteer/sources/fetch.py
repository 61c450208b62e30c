"""Download a GeoNames country dump (``<CC>.zip``) over HTTP, for users with a network."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

from gazetteer.errors import SourceError

__all__ = ["DEFAULT_BASE_URL", "fetch_country"]

#: Where GeoNames publishes its dumps; override with ``base_url`` or ``$FRONTLINE_GEONAMES_URL``.
DEFAULT_BASE_URL = "https://download.geonames.org/export/dump/"


def fetch_country(
    country: str, dest_dir: Path, *, base_url: str | None = None, timeout: float = 60.0
) -> Path:
    """Download ``<base_url>/<CC>.zip`` into ``dest_dir`` and return its path.

    Raises
    ------
    SourceError
        Bad country code, HTTP or network failure, or a download that is not a zip.
    """
    cc = country.strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", cc):
        raise SourceError(f"country must be an ISO alpha-2 code like SY or UA, got {country!r}")
    base = base_url or os.environ.get("FRONTLINE_GEONAMES_URL") or DEFAULT_BASE_URL
    url = base.rstrip("/") + f"/{cc}.zip"
    dest_dir.mkdir(parents=True, exist_ok=True)
    dest = dest_dir / f"{cc}.zip"
    request = urllib.request.Request(url, headers={"User-Agent": "frontline-gazetteer/0.1"})
    fd, tmp = tempfile.mkstemp(dir=dest_dir, suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out, urllib.request.urlopen(request, timeout=timeout) as resp:  # noqa: S310
            shutil.copyfileobj(resp, out)
        is_zip = zipfile.is_zipfile(tmp)
        if is_zip:
            os.replace(tmp, dest)
    except (urllib.error.URLError, OSError) as err:
        raise SourceError(f"cannot download {url}: {err}") from err
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    if not is_zip:
        raise SourceError(f"{url}: the download is not a zip file")
    return dest
