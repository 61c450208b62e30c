"""Open folium maps in Debian's chromium with no network: CDN files come from npm copies.

Used by ``tests/test_browser.py`` and ``benchmarks/bench_map.py``. ``ensure_assets()`` runs
``npm install`` of ``package.json`` (next to this file) once into a cache directory;
``route_offline(page, modules)`` answers every request of the page from those copies, tiles with
a 1x1 PNG, and records anything it could not answer in ``unmatched``.
"""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

__all__ = [
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "AssetsUnavailable",
    "ensure_assets",
    "local_file_for",
    "route_offline",
]

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PNG_1X1 = base64.b64decode(  # one pixel of OSM land colour (242, 239, 233)
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP49P4lAAWhAstl7N0JAAAAAElFTkSuQmCC"
)

# URL prefix -> folder inside node_modules ("" = answer with an empty stylesheet)
PREFIXES: tuple[tuple[str, str], ...] = (
    ("https://cdn.jsdelivr.net/npm/leaflet@1.9.3/", "leaflet/"),
    ("https://code.jquery.com/jquery-3.7.1.min.js", "jquery/dist/jquery.min.js"),
    ("https://cdnjs.cloudflare.com/ajax/libs/jquery/3.7.1/", "jquery/dist/"),
    ("https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/", "bootstrap/"),
    (
        "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@6.2.0/",
        "@fortawesome/fontawesome-free/",
    ),
    (
        "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/",
        "leaflet.awesome-markers/dist/",
    ),
    ("https://cdnjs.cloudflare.com/ajax/libs/jqueryui/1.10.2/", "jquery-ui-dist/"),
    (
        "https://cdn.jsdelivr.net/npm/iso8601-js-period@0.2.1/iso8601.min.js",
        "iso8601-js-period/iso8601.js",
    ),
    ("https://cdn.jsdelivr.net/npm/leaflet-timedimension@1.1.1/", "leaflet-timedimension/"),
    ("https://cdnjs.cloudflare.com/ajax/libs/moment.js/2.18.1/", "moment/min/"),
    (
        "https://cdnjs.cloudflare.com/ajax/libs/highlight.js/8.4/styles/default.min.css",
        "highlight.js/styles/default.css",
    ),
    ("https://netdna.bootstrapcdn.com/bootstrap/3.0.0/fonts/", "bootstrap3/dist/fonts/"),
    (
        "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/",
        "leaflet.markercluster/dist/",
    ),
    ("https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css", ""),
    (
        "https://cdn.jsdelivr.net/gh/python-visualization/folium/folium/templates/leaflet.awesome.rotate.min.css",
        "",
    ),
)
TILE_HOSTS = ("tile.openstreetmap.org",)
CONTENT_TYPES = {
    ".js": "application/javascript",
    ".css": "text/css",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".eot": "application/vnd.ms-fontobject",
}


class AssetsUnavailable(RuntimeError):
    """npm or chromium is missing, or ``npm install`` failed (the message says which)."""


def _cache_root() -> Path:
    env = os.environ.get("FRONTLINE_BROWSER_ASSETS")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("frontline")) / "browser-assets"


def ensure_assets() -> Path:
    """The ``node_modules`` folder with the CDN copies, installing it once if needed."""
    if not Path(CHROMIUM).exists():
        raise AssetsUnavailable(f"chromium not found at {CHROMIUM} (apt-get install chromium)")
    manifest = (HERE / "package.json").read_bytes()
    digest = hashlib.sha256(manifest).hexdigest()[:12]
    target = _cache_root() / digest
    modules = target / "node_modules"
    if (target / ".complete").exists():
        return modules
    npm = shutil.which("npm")
    if npm is None:
        raise AssetsUnavailable("npm not found: it installs the map's JS/CSS for offline tests")
    target.mkdir(parents=True, exist_ok=True)
    (target / "package.json").write_bytes(manifest)
    proc = subprocess.run(
        [npm, "install", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"],
        cwd=target,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if proc.returncode != 0:
        raise AssetsUnavailable(f"npm install failed: {proc.stderr.strip()[-500:]}")
    (target / ".complete").write_text("ok\n")
    return modules


def local_file_for(url: str, modules: Path) -> Path | None | str:
    """The local file answering ``url``; ``""`` for an empty stylesheet; None if unknown."""
    clean = url.split("?", 1)[0].split("#", 1)[0]
    for prefix, folder in PREFIXES:
        if clean.startswith(prefix):
            if folder == "":
                return ""
            rest = clean[len(prefix) :]
            return modules / (folder + rest if folder.endswith("/") else folder)
    return None


def route_offline(page: Any, modules: Path, unmatched: list[str]) -> None:
    """Serve every request of ``page`` locally; unknown URLs get 404 and go to ``unmatched``."""

    def handle(route: Any) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:", "about:", "blob:")):
            route.continue_()
            return
        if any(host in url for host in TILE_HOSTS):
            route.fulfill(status=200, body=PNG_1X1, content_type="image/png")
            return
        local = local_file_for(url, modules)
        if local == "":
            route.fulfill(status=200, body="", content_type="text/css")
            return
        if isinstance(local, Path) and local.is_file():
            ctype = CONTENT_TYPES.get(local.suffix, "application/octet-stream")
            route.fulfill(status=200, body=local.read_bytes(), content_type=ctype)
            return
        unmatched.append(url)
        route.fulfill(status=404, body="not available offline", content_type="text/plain")

    page.route("**/*", handle)
