"""The GeoPackage layers' default styles: frontline's QML in the ``layer_styles`` table.

QGIS applies a layer's default style from this table when the ``.gpkg`` is opened alone (the
same table and columns QGIS itself writes).
"""

from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from pathlib import Path

from mapper.render import qgis_style as qs
from mapper.render.qgis_time import TimeFrame, cumulative, interval

__all__ = ["gpkg_styles", "write_gpkg_styles"]

#: Default styles of the GeoPackage's layers: (layer, renderer, label field, temporal).
_GPKG_STYLES: tuple[
    tuple[
        str,
        Callable[[Sequence[tuple[str, str | None]]], ET.Element],
        str | None,
        Callable[[TimeFrame], qs.Temporal] | None,
    ],
    ...,
] = (
    ("events", qs.events_renderer, "place_name", cumulative),
    ("mentions", lambda _pairs: qs.places_renderer(), "place_name", None),
    ("frontline", lambda _pairs: qs.frontline_rules_renderer(), None, interval),
)


def gpkg_styles(frame: TimeFrame, pairs: Sequence[tuple[str, str | None]]) -> dict[str, str]:
    """The QML default style of each styled GeoPackage layer."""
    out = {}
    for layer, renderer, label_field, temporal in _GPKG_STYLES:
        children = qs.style_children(
            renderer(pairs),
            label_field,
            temporal(frame) if temporal else None,
            label_once=layer == "events",
        )
        out[layer] = qs.qml_document(children, labels=label_field is not None)
    return out


_LAYER_STYLES = """
CREATE TABLE IF NOT EXISTS layer_styles (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, f_table_catalog TEXT(256),
    f_table_schema TEXT(256), f_table_name TEXT(256), f_geometry_column TEXT(256),
    styleName TEXT(30), styleQML TEXT, styleSLD TEXT, useAsDefault BOOLEAN, description TEXT,
    owner TEXT(30), ui TEXT(30),
    update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
)
"""


def _stored_styles(conn: sqlite3.Connection) -> dict[str, str]:
    """The default styles frontline already stored in the file, by layer (none: no table)."""
    try:
        rows = conn.execute(
            "SELECT f_table_name, styleQML FROM layer_styles"
            " WHERE styleName = 'frontline' AND useAsDefault = 1"
        ).fetchall()
    except sqlite3.OperationalError:
        return {}
    return {str(name): str(qml) for name, qml in rows}


def write_gpkg_styles(gpkg: Path, frame: TimeFrame, pairs: Sequence[tuple[str, str | None]]) -> int:
    """Store the default styles in ``gpkg``'s ``layer_styles`` table (frontline's rows replaced).

    Only layers present in the file are styled; returns how many styles were written. When the
    stored styles are already these, the file is left untouched (a store run that adds nothing
    does not change the file).
    """
    conn = sqlite3.connect(gpkg)
    try:
        present = {
            row[0]: row[1]
            for row in conn.execute("SELECT table_name, column_name FROM gpkg_geometry_columns")
        }
        styles = {k: v for k, v in gpkg_styles(frame, pairs).items() if k in present}
        if _stored_styles(conn) == styles:
            return 0
        conn.execute(_LAYER_STYLES)
        exists = conn.execute(
            "SELECT 1 FROM gpkg_contents WHERE table_name = 'layer_styles'"
        ).fetchone()
        if not exists:
            conn.execute(
                "INSERT INTO gpkg_contents (table_name, data_type, identifier, last_change)"
                " VALUES ('layer_styles', 'attributes', 'layer_styles',"
                " strftime('%Y-%m-%dT%H:%M:%fZ','now'))"
            )
        conn.execute("DELETE FROM layer_styles WHERE styleName = 'frontline'")
        written = 0
        for layer, qml in styles.items():
            conn.execute(
                "UPDATE layer_styles SET useAsDefault = 0 WHERE f_table_name = ?", (layer,)
            )
            conn.execute(
                "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name,"
                " f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, description,"
                " owner, ui) VALUES ('', '', ?, ?, 'frontline', ?, '', 1, ?, '', '')",
                (layer, present[layer], qml, "written by frontline, like its HTML map"),
            )
            written += 1
        conn.commit()
    finally:
        conn.close()
    return written
