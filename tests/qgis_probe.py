"""Open frontline's outputs in real QGIS, as a person would, and report what QGIS saw as JSON.

Run by tests/test_qgis.py with Debian's ``/usr/bin/python3`` (which has PyQGIS) in a subprocess:

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/qgis_probe.py OUTDIR PNGDIR DATE DATE

It reads ``OUTDIR/frontline.qgz``, opens ``events.geojson``, ``frontline.geojson`` and every
GeoPackage layer directly, counts the features each temporal layer shows on each DATE (through
QGIS's own temporal filter), and renders the project at each DATE into ``PNGDIR/qgis-DATE.png``
with ``QgsMapRendererParallelJob``. This file never imports frontline.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any


def _layer_report(layer: Any) -> dict[str, Any]:
    from qgis.core import QgsWkbTypes

    renderer = layer.renderer() if layer.isSpatial() else None
    report: dict[str, Any] = {
        "valid": layer.isValid(),
        "features": layer.featureCount(),
        "crs": layer.crs().authid(),
        "geometry": QgsWkbTypes.geometryDisplayString(layer.geometryType()),
        "fields": [f.name() for f in layer.fields()],
        "renderer": renderer.type() if renderer else None,
        "labels": bool(layer.labelsEnabled()) if layer.isSpatial() else False,
        "label_field": "",
        "temporal": False,
        "source": layer.source(),
    }
    if layer.isSpatial() and layer.labelsEnabled() and layer.labeling() is not None:
        report["label_field"] = layer.labeling().settings().fieldName
    if renderer is not None and renderer.type() == "categorizedSymbol":
        report["class_expression"] = renderer.classAttribute()
        report["categories"] = [
            {
                "value": str(c.value()),
                "label": c.label(),
                "color": c.symbol().color().name(),
                "alpha": c.symbol().color().alpha(),
                "shape": c.symbol().symbolLayer(0).properties().get("name", ""),
            }
            for c in renderer.categories()
        ]
    if renderer is not None and renderer.type() == "singleSymbol":
        symbol = renderer.symbol()
        report["symbol"] = {"color": symbol.color().name(), "alpha": symbol.color().alpha()}
        sl = symbol.symbolLayer(0)
        props = sl.properties()
        report["symbol"]["line_style"] = props.get("line_style", "")
    if renderer is not None and renderer.type() == "RuleRenderer":
        report["rules"] = [r.filterExpression() for r in renderer.rootRule().children()]
    if layer.isSpatial():
        props = layer.temporalProperties()
        report["temporal"] = bool(props.isActive())
        report["temporal_mode"] = int(props.mode())
        report["temporal_start"] = props.startExpression()
        report["temporal_end"] = props.endExpression()
    return report


def _shown(layer: Any, day: str) -> int:
    """How many features QGIS's temporal filter shows in the one-day frame starting on ``day``."""
    from qgis.core import (
        QgsDateTimeRange,
        QgsFeatureRequest,
        QgsVectorLayerTemporalContext,
    )
    from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QTime

    start = QDateTime(QDate.fromString(day, Qt.ISODate), QTime(0, 0), Qt.UTC)
    frame = QgsDateTimeRange(start, start.addDays(1), True, False)
    context = QgsVectorLayerTemporalContext()
    context.setLayer(layer)
    expression = layer.temporalProperties().createFilterString(context, frame)
    request = QgsFeatureRequest().setFilterExpression(expression)
    return sum(1 for _ in layer.getFeatures(request))


def _render(project: Any, day: str, path: str) -> dict[str, Any]:
    from qgis.core import QgsDateTimeRange, QgsMapRendererParallelJob, QgsMapSettings
    from qgis.PyQt.QtCore import QDate, QDateTime, QSize, Qt, QTime
    from qgis.PyQt.QtGui import QColor

    root = project.layerTreeRoot()
    layers = [lyr for lyr in root.layerOrder() if root.findLayer(lyr.id()).isVisible()]
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(project.crs())
    settings.setBackgroundColor(QColor("white"))
    settings.setOutputSize(QSize(900, 700))
    settings.setExtent(project.viewSettings().defaultViewExtent())
    start = QDateTime(QDate.fromString(day, Qt.ISODate), QTime(0, 0), Qt.UTC)
    settings.setIsTemporal(True)
    settings.setTemporalRange(QgsDateTimeRange(start, start.addDays(1), True, False))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    image.save(path, "PNG")
    colors: dict[str, int] = {}
    for x in range(0, image.width(), 3):
        for y in range(0, image.height(), 3):
            name = QColor(image.pixel(x, y)).name()
            colors[name] = colors.get(name, 0) + 1
    return {"path": path, "width": image.width(), "height": image.height(), "colors": colors}


def main(outdir: str, pngdir: str, days: list[str]) -> dict[str, Any]:
    """Everything QGIS saw, as a JSON-ready dict."""
    from qgis.core import Qgis, QgsMapLayer, QgsProject, QgsVectorLayer
    from qgis.PyQt.QtXml import QDomDocument

    os.chdir(outdir)
    out: dict[str, Any] = {"qgis": Qgis.QGIS_VERSION}
    project = QgsProject.instance()
    out["project_read"] = bool(project.read(os.path.join(outdir, "frontline.qgz")))
    out["project_crs"] = project.crs().authid()
    settings = project.timeSettings()
    span = settings.temporalRange()
    out["time_range"] = [span.begin().toString("yyyy-MM-dd"), span.end().toString("yyyy-MM-dd")]
    out["time_step"] = [settings.timeStep(), int(settings.timeStepUnit())]
    out["absolute_paths"] = project.readBoolEntry("Paths", "/Absolute", True)[0]
    extent = project.viewSettings().defaultViewExtent()
    out["view_extent"] = [
        extent.xMinimum(),
        extent.yMinimum(),
        extent.xMaximum(),
        extent.yMaximum(),
    ]
    root = project.layerTreeRoot()
    out["layers"] = {}
    for layer in root.layerOrder():
        report = _layer_report(layer)
        report["visible"] = root.findLayer(layer.id()).isVisible()
        if report["temporal"]:
            report["shown"] = {day: _shown(layer, day) for day in days}
        out["layers"][layer.name()] = report
    out["renders"] = {
        day: _render(project, day, os.path.join(pngdir, f"qgis-{day}.png")) for day in days
    }
    direct = {
        "events.geojson": "events.geojson",
        "frontline.geojson": "frontline.geojson",
    }
    for name in ("events", "mentions", "frontline", "articles", "fused_events"):
        direct[f"gpkg:{name}"] = f"frontline.gpkg|layername={name}"
    out["direct"] = {}
    for key, uri in direct.items():
        layer = QgsVectorLayer(uri, key, "ogr")
        report = _layer_report(layer)
        if key.startswith("gpkg:") and layer.isSpatial():
            # QGIS 3.22 applies a default style's renderer on open but not its temporal
            # settings; a user's "Load style" (importNamedStyle) applies them: do that.
            qml, _error = layer.getStyleFromDatabase(_default_style_id(layer))
            doc = QDomDocument()
            doc.setContent(qml)
            copy = QgsVectorLayer(uri, key, "ogr")
            copy.importNamedStyle(doc, QgsMapLayer.AllStyleCategories)
            report["style_temporal"] = bool(copy.temporalProperties().isActive())
            report["style_renderer"] = copy.renderer().type()
        out["direct"][key] = report
    return out


def _default_style_id(layer: Any) -> str:
    _count, ids, _names, _descriptions, _error = layer.listStylesInDatabase()
    return ids[0] if ids else ""


if __name__ == "__main__":
    from qgis.core import QgsApplication

    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    try:
        result = main(os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), sys.argv[3:])
        sys.stdout.write(json.dumps(result) + "\n")
        sys.stdout.flush()
    except Exception as err:  # noqa: BLE001 - reported to the test, which fails on it
        sys.stdout.write(json.dumps({"error": f"{type(err).__name__}: {err}"}) + "\n")
        sys.stdout.flush()
    os._exit(0)  # QGIS 3.22 can crash while tearing down in a script: exit once the work is done
