"""The optional online source: a geopy geocoder (Nominatim by default), rate-limited, cached.

Off by default. For a name the offline sources cannot place, it asks the geocoder once,
restricted to the country (and a viewbox when given), through geopy's ``RateLimiter`` (at most
one request a second, as Nominatim's usage policy asks), with a descriptive user agent. Every
answer, hits and misses alike, is cached in the user database, so a name is asked only once;
places it returns are stored with source ``"nominatim"`` (or the geocoder's name).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from typing import Any

from gazetteer.index import Index, insert_places, open_user_db
from gazetteer.place import Place
from gazetteer.translit import name_key

__all__ = ["USER_AGENT", "OnlineGeocoder", "make_geocoder"]

USER_AGENT = "frontline-gazetteer/0.1 (war-dispatch mapper; offline-first, cached, 1 req/s)"


def make_geocoder(
    *, domain: str | None = None, scheme: str | None = None, timeout: float = 10.0
) -> Any:
    """The configured geopy geocoder: Nominatim unless ``$FRONTLINE_GEOCODER`` names another.

    ``$FRONTLINE_GEOCODER`` is a geopy service name (``nominatim``, ``photon``, ``arcgis``...);
    ``$FRONTLINE_GEOCODER_API_KEY`` is passed to services that need a key;
    ``$FRONTLINE_NOMINATIM_DOMAIN`` / ``$FRONTLINE_NOMINATIM_SCHEME`` point Nominatim at
    another server (tests use one on 127.0.0.1).
    """
    from geopy.geocoders import get_geocoder_for_service

    service = os.environ.get("FRONTLINE_GEOCODER", "nominatim").strip().lower()
    cls = get_geocoder_for_service(service)
    kwargs: dict[str, Any] = {"timeout": timeout}
    if service == "nominatim":
        kwargs["user_agent"] = USER_AGENT
        kwargs["domain"] = domain or os.environ.get(
            "FRONTLINE_NOMINATIM_DOMAIN", "nominatim.openstreetmap.org"
        )
        kwargs["scheme"] = scheme or os.environ.get("FRONTLINE_NOMINATIM_SCHEME", "https")
    else:
        kwargs["user_agent"] = USER_AGENT
        if os.environ.get("FRONTLINE_GEOCODER_API_KEY"):
            kwargs["api_key"] = os.environ["FRONTLINE_GEOCODER_API_KEY"]
    return cls(**kwargs)


class OnlineGeocoder:
    """Ask a geopy geocoder for names the offline index lacks; cache every answer.

    Parameters
    ----------
    index
        The index whose user database caches the answers.
    geocoder
        A geopy geocoder; default :func:`make_geocoder` (Nominatim, or the service the
        environment names).
    min_delay_seconds
        The rate limit between requests.
    """

    def __init__(
        self,
        index: Index,
        *,
        geocoder: Any | None = None,
        domain: str | None = None,
        scheme: str | None = None,
        min_delay_seconds: float = 1.0,
        timeout: float = 10.0,
    ) -> None:
        from geopy.extra.rate_limiter import RateLimiter

        if geocoder is None:
            geocoder = make_geocoder(domain=domain, scheme=scheme, timeout=timeout)
        self.index = index
        self.geocoder = geocoder
        self.source = type(geocoder).__name__.lower()
        self._geocode = RateLimiter(
            geocoder.geocode,
            min_delay_seconds=min_delay_seconds,
            max_retries=1,
            swallow_exceptions=False,
        )
        self.requests = 0

    @staticmethod
    def cache_key(
        name: str, country: str | None, viewbox: tuple[float, float, float, float] | None
    ) -> str:
        """The cache key of one question: name key, country and viewbox."""
        return json.dumps([name_key(name), country, viewbox])

    def lookup(
        self,
        name: str,
        *,
        country: str | None = None,
        viewbox: tuple[float, float, float, float] | None = None,
    ) -> Place | None:
        """The geocoder's place for ``name`` (cached), or None.

        ``viewbox`` is (south, west, north, east) in degrees; with it the search is bounded.
        Network errors are a miss for this call and are not cached.
        """
        key = self.cache_key(name, country, viewbox)
        conn = open_user_db(self.index.cache_dir)
        try:
            row = conn.execute(
                "SELECT place_id FROM online_cache WHERE query = ?", (key,)
            ).fetchone()
            if row is not None:
                return self.index.place(row[0]) if row[0] else None
            kwargs: dict[str, Any] = {"exactly_one": True}
            if country:
                kwargs["country_codes"] = [country.lower()]
            if viewbox:
                s, w, n, e = viewbox
                kwargs["viewbox"] = [(s, w), (n, e)]
                kwargs["bounded"] = True
            self.requests += 1
            try:
                location = self._geocode(name, **kwargs)
            except Exception:  # noqa: BLE001 - geopy raises many kinds; a miss, not cached
                return None
            place = None
            if location is not None:
                raw = getattr(location, "raw", {}) or {}
                osm = f"{raw.get('osm_type', 'place')}{raw.get('osm_id', raw.get('place_id', ''))}"
                place = Place(
                    id=f"{self.source}:{osm or name_key(name)}",
                    name=name,
                    lat=float(location.latitude),
                    lon=float(location.longitude),
                    country=country,
                    kind="village",
                    alt_names=(str(location.address),) if location.address else (),
                    source=self.source,
                )
                insert_places(conn, [place])
            now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            conn.execute(
                "INSERT OR REPLACE INTO online_cache VALUES (?, ?, ?)",
                (key, place.id if place else None, now),
            )
            conn.commit()
            return place
        finally:
            conn.close()
