"""``frontline.qgz``: a QGIS project beside the outputs, and the GeoPackage layers' own styles.

The project opens the run's GeoJSON files (relative paths, so the folder can move) as styled
layers: events categorised by type and side, uncertainty areas and control zones by side
(translucent), the front line dashed, places mentioned labelled; each with temporal settings,
so QGIS's temporal controller animates the front with no setup (rules in :mod:`.qgis_time`).
The GeoPackage gets the same styles as its layers' default styles (:mod:`.qgis_gpkg`); the
symbols and renderers are :mod:`.qgis_style`'s. All is XML written by frontline; PyQGIS is not
needed.
"""

from __future__ import annotations

import contextlib
import os
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mapper.render import qgis_style as qs
from mapper.render.qgis_gpkg import write_gpkg_styles
from mapper.render.qgis_time import TimeFrame, cumulative, interval, time_frame

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

__all__ = [
    "PROJECT_FILE",
    "QGIS_LAYERS",
    "QgisLayer",
    "TimeFrame",
    "time_frame",
    "write_gpkg_styles",
    "write_qgis",
    "write_qgis_project",
]

#: The project's file name in the output folder.
PROJECT_FILE = "frontline.qgz"
_WGS84_PROJ = "+proj=longlat +datum=WGS84 +no_defs"


@dataclass(frozen=True, slots=True)
class QgisLayer:
    """One layer of the project: which file, which features, how drawn, when shown."""

    key: str
    name: str
    file: str
    geometry: str  # Point, Polygon or Line (QGIS's geometry names)
    renderer: Callable[[Sequence[tuple[str, str | None]]], ET.Element]
    label_field: str | None = None
    temporal: Callable[[TimeFrame], qs.Temporal] | None = None
    geometry_filter: str | None = None  # OGR sub-layer of a mixed file
    subset: str | None = None
    visible: bool = True


#: The project's layers, top of the legend first (rules as data: add a layer here).
QGIS_LAYERS: tuple[QgisLayer, ...] = (
    QgisLayer(
        "events",
        "Events (by type and side)",
        "events.geojson",
        "Point",
        qs.events_renderer,
        label_field="place_name",
        temporal=cumulative,
    ),
    QgisLayer(
        "uncertainty",
        "Reported positions: uncertainty",
        "uncertainty.geojson",
        "Polygon",
        lambda _pairs: qs.side_fill_renderer(uncertainty=True),
        temporal=cumulative,
    ),
    QgisLayer(
        "front",
        "Front line (estimated)",
        "frontline.geojson",
        "Line",
        lambda _pairs: qs.line_renderer(),
        temporal=interval,
        geometry_filter="LineString",
        subset="\"kind\" = 'line'",
    ),
    QgisLayer(
        "zones",
        "Control zones (estimated)",
        "frontline.geojson",
        "Polygon",
        lambda _pairs: qs.side_fill_renderer(),
        temporal=interval,
        geometry_filter="Polygon",
        subset="\"kind\" = 'zone'",
    ),
)


def _text(parent: ET.Element, tag: str, text: str, **attrib: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrib)
    element.text = text
    return element


def _srs(parent: ET.Element, tag: str | None = None) -> None:
    """WGS84 as a ``<spatialrefsys>`` inside ``parent`` (inside a new ``tag`` element if given)."""
    holder = ET.SubElement(parent, tag) if tag else parent
    srs = ET.SubElement(holder, "spatialrefsys")
    _text(srs, "proj4", _WGS84_PROJ)
    _text(srs, "srsid", "3452")
    _text(srs, "srid", "4326")
    _text(srs, "authid", "EPSG:4326")
    _text(srs, "description", "WGS 84")
    _text(srs, "projectionacronym", "longlat")
    _text(srs, "ellipsoidacronym", "EPSG:7030")
    _text(srs, "geographicflag", "true")


def _source(layer: QgisLayer) -> str:
    parts = [f"./{layer.file}"]
    if layer.geometry_filter:
        parts.append(f"geometrytype={layer.geometry_filter}")
    if layer.subset:
        parts.append(f"subset={layer.subset}")
    return "|".join(parts)


def _maplayer(
    parent: ET.Element,
    layer_id: str,
    name: str,
    source: str,
    geometry: str,
    style: list[ET.Element],
    labels: bool,
) -> None:
    wkb = {"Point": "Point", "Polygon": "MultiPolygon", "Line": "MultiLineString"}[geometry]
    element = ET.SubElement(
        parent,
        "maplayer",
        type="vector",
        geometry=geometry,
        wkbType=wkb,
        labelsEnabled="1" if labels else "0",
        styleCategories="AllStyleCategories",
        hasScaleBasedVisibilityFlag="0",
    )
    _text(element, "id", layer_id)
    _text(element, "datasource", source)
    _text(element, "layername", name)
    _srs(element, "srs")
    _text(element, "provider", "ogr", encoding="UTF-8")
    element.extend(style)


def _extent(parent: ET.Element, tag: str, bounds: tuple[float, float, float, float]) -> ET.Element:
    xmin, ymin, xmax, ymax = bounds
    return ET.SubElement(
        parent, tag, xmin=repr(xmin), ymin=repr(ymin), xmax=repr(xmax), ymax=repr(ymax)
    )


def project_xml(
    frame: TimeFrame,
    pairs: Sequence[tuple[str, str | None]],
    bounds: tuple[float, float, float, float],
    *,
    title: str,
    places: str | None = None,
) -> str:
    """The ``.qgs`` document: layers, legend, relative paths, time range, default view.

    ``places`` is the relative path of the GeoPackage whose ``mentions`` layer becomes a
    labelled "Places mentioned" layer (hidden at first, as on the HTML map).
    """
    root = ET.Element("qgis", version=qs.QGIS_VERSION, projectname=title)
    ET.SubElement(root, "homePath", path="")
    _text(root, "title", title)
    _srs(root, "projectCrs")
    tree = ET.SubElement(root, "layer-tree-group")
    layers = ET.SubElement(root, "projectlayers")
    order: list[str] = []
    entries: list[tuple[str, str, str, str, list[ET.Element], bool, bool]] = []
    if places:
        style = qs.style_children(qs.places_renderer(), "place_name", None)
        source = f"{places}|layername=mentions"
        entries.append(
            ("frontline_places", "Places mentioned", source, "Point", style, True, False)
        )
    for spec in QGIS_LAYERS:
        temporal = spec.temporal(frame) if spec.temporal else None
        style = qs.style_children(
            spec.renderer(pairs), spec.label_field, temporal, label_once=spec.key == "events"
        )
        labels = spec.label_field is not None
        entries.append(
            (
                f"frontline_{spec.key}",
                spec.name,
                _source(spec),
                spec.geometry,
                style,
                labels,
                spec.visible,
            )
        )
    for layer_id, name, source, geometry, style, labels, visible in entries:
        ET.SubElement(
            tree,
            "layer-tree-layer",
            id=layer_id,
            name=name,
            source=source,
            providerKey="ogr",
            checked="Qt::Checked" if visible else "Qt::Unchecked",
            expanded="1",
        )
        _maplayer(layers, layer_id, name, source, geometry, style, labels)
        order.append(layer_id)
    layerorder = ET.SubElement(root, "layerorder")
    for layer_id in order:
        ET.SubElement(layerorder, "layer", id=layer_id)
    properties = ET.SubElement(root, "properties")
    _text(ET.SubElement(properties, "Paths"), "Absolute", "false", type="bool")
    _text(ET.SubElement(properties, "SpatialRefSys"), "ProjectionsEnabled", "1", type="int")
    canvas = ET.SubElement(root, "mapcanvas", name="theMapCanvas")
    _text(canvas, "units", "degrees")
    extent = ET.SubElement(canvas, "extent")
    for key, value in zip(("xmin", "ymin", "xmax", "ymax"), bounds, strict=True):
        _text(extent, key, repr(value))
    _srs(canvas, "destinationsrs")
    view = ET.SubElement(root, "ProjectViewSettings", UseProjectScales="0", rotation="0")
    _srs(_extent(view, "DefaultViewExtent", bounds))  # the extent's CRS is its child
    times = ET.SubElement(
        root,
        "ProjectTimeSettings",
        timeStep="1",
        timeStepUnit="d",
        frameRate="4",
        cumulativeTemporalRange="0",
    )
    span = ET.SubElement(times, "TemporalRange")
    _text(span, "start", f"{frame.first.isoformat()}T00:00:00Z")
    _text(span, "end", f"{frame.end.isoformat()}T00:00:00Z")
    ET.indent(root)
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n" + ET.tostring(
        root, encoding="unicode"
    )


def write_qgis_project(
    outdir: Path,
    frame: TimeFrame,
    pairs: Sequence[tuple[str, str | None]],
    bounds: tuple[float, float, float, float],
    *,
    title: str = "frontline",
    gpkg: Path | None = None,
) -> Path:
    """Write ``outdir/frontline.qgz`` (a zip holding ``frontline.qgs``); returns its path."""
    outdir = Path(outdir)
    places = None
    if gpkg is not None:
        places = Path(os.path.relpath(Path(gpkg).resolve(), outdir.resolve())).as_posix()
        places = places if places.startswith("..") else f"./{places}"
    text = project_xml(frame, pairs, bounds, title=title, places=places)
    path = outdir / PROJECT_FILE
    tmp = outdir / f".{PROJECT_FILE}.{os.getpid()}.tmp"  # hidden: no folder walk reads it
    created = False
    try:
        with zipfile.ZipFile(tmp, "x", compression=zipfile.ZIP_DEFLATED) as archive:
            created = True
            archive.writestr(PROJECT_FILE.replace(".qgz", ".qgs"), text)
        os.replace(tmp, path)
    except BaseException:  # nothing half-written is left beside the project (Ctrl-C too)
        if created:
            with contextlib.suppress(OSError):
                tmp.unlink()
        raise
    return path


def _pairs(frame: pd.DataFrame) -> list[tuple[str, str | None]]:
    if not len(frame) or "type" not in frame.columns:
        return []
    sides = frame["side"] if "side" in frame.columns else [None] * len(frame)
    return sorted(
        {
            (str(t), s if isinstance(s, str) else None)
            for t, s in zip(frame["type"], sides, strict=True)
        },
        key=lambda p: (p[0], p[1] or ""),
    )


def _bounds(frames: Sequence[gpd.GeoDataFrame]) -> tuple[float, float, float, float]:
    boxes = [f.total_bounds for f in frames if len(f) and not f.geometry.is_empty.all()]
    if not boxes:
        return (-180.0, -90.0, 180.0, 90.0)
    xmin = min(b[0] for b in boxes)
    ymin = min(b[1] for b in boxes)
    xmax = max(b[2] for b in boxes)
    ymax = max(b[3] for b in boxes)
    pad = max(xmax - xmin, ymax - ymin, 0.05) * 0.08
    return (float(xmin - pad), float(ymin - pad), float(xmax + pad), float(ymax + pad))


def write_qgis(
    outdir: Path,
    events: gpd.GeoDataFrame,
    front: gpd.GeoDataFrame,
    uncertainty: gpd.GeoDataFrame,
    gpkg: Path,
    *,
    title: str | None = None,
    styles: bool = True,
) -> Path:
    """Write ``frontline.qgz`` for the run's frames and the default styles into ``gpkg``.

    With ``styles`` false (the GeoPackage could not be written) ``gpkg`` is neither read nor
    written: the project still names it.
    """
    import pyogrio

    frame = time_frame(events, front)
    pairs = _pairs(events)
    bounds = _bounds([events, front, uncertainty])
    path = write_qgis_project(outdir, frame, pairs, bounds, title=title or "frontline", gpkg=gpkg)
    if not styles:
        return path
    layers = {str(name) for name, _ in pyogrio.list_layers(gpkg)} if gpkg.exists() else set()
    if {"events", "frontline"} <= layers:  # a store: its own dates and (type, side) pairs
        stored = pyogrio.read_dataframe(
            gpkg, layer="events", columns=["type", "side", "date"], read_geometry=False
        )
        stored_front = pyogrio.read_dataframe(
            gpkg, layer="frontline", columns=["date"], read_geometry=False
        )
        frame, pairs = time_frame(stored, stored_front), _pairs(stored)
    if gpkg.exists():
        write_gpkg_styles(gpkg, frame, pairs)
    return path
