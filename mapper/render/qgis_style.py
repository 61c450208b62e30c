"""QGIS styles (QML) written by frontline itself: symbols, renderers, labels, temporal settings.

Every colour and shape comes from the map's own registry (:mod:`mapper.render.layers`), so QGIS
shows the data as the HTML map does: events categorised by type and side, zones by side and
translucent, the front line dashed, places labelled. The elements are QGIS 3.22's QML (read by
later versions too); PyQGIS is not needed to write them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mapper.model import EVENT_TYPES
from mapper.render.layers import (
    EXTRA_LAYERS,
    OTHER_SIDE,
    SIDE_STYLES,
    layer_for_type,
    side_style,
)

__all__ = [
    "EVENT_CATEGORY_EXPRESSION",
    "QGIS_VERSION",
    "Category",
    "Temporal",
    "event_categories",
    "events_renderer",
    "labeling",
    "line_renderer",
    "once_per_place",
    "places_renderer",
    "qml_document",
    "side_fill_renderer",
    "frontline_rules_renderer",
    "temporal_element",
]

#: The QGIS version the files declare (the oldest one they are tested with).
QGIS_VERSION = "3.22.0"
#: The value of an event's category: ``type/side`` (side lower-cased, empty when unknown).
EVENT_CATEGORY_EXPRESSION = "concat(\"type\", '/', coalesce(lower(\"side\"), ''))"
_SIDE_EXPRESSION = "coalesce(lower(\"side\"), '')"
#: Marker shapes by event type: captures and entries are flags (stars) in the side's colour on
#: the HTML map; every other type a circle of its layer's colour ringed in the side's colour.
_FLAG_TYPES = frozenset({"capture", "entry"})
_ZONE_ALPHA = 64  # of 255: zones are translucent
_UNCERTAINTY_ALPHA = 40


@dataclass(frozen=True, slots=True)
class Category:
    """One class of a categorised renderer: the value matched, its legend label, its symbol."""

    value: str
    label: str
    symbol: ET.Element


@dataclass(frozen=True, slots=True)
class Temporal:
    """Temporal settings: features are shown while ``start <= t < end`` (QGIS expressions)."""

    start: str
    end: str


def _rgba(color: str, alpha: int = 255) -> str:
    """``#rrggbb`` -> QGIS ``"r,g,b,a"``."""
    value = color.lstrip("#")
    r, g, b = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return f"{r},{g},{b},{alpha}"


def _options(parent: ET.Element, props: dict[str, str]) -> None:
    options = ET.SubElement(parent, "Option", type="Map")
    for key, value in props.items():
        ET.SubElement(options, "Option", type="QString", name=key, value=value)


def _symbol(kind: str, layer_class: str, props: dict[str, str], name: str = "0") -> ET.Element:
    symbol = ET.Element(
        "symbol", type=kind, name=name, alpha="1", clip_to_extent="1", force_rhr="0"
    )
    layer = ET.SubElement(
        symbol, "layer", attrib={"class": layer_class, "enabled": "1", "locked": "0", "pass": "0"}
    )
    _options(layer, props)
    return symbol


def marker(shape: str, fill: str, outline: str, size: float, outline_width: float) -> ET.Element:
    """A simple marker (circle, star...) in millimetres."""
    props = {
        "name": shape,
        "color": fill,
        "outline_color": outline,
        "outline_style": "solid",
        "outline_width": str(outline_width),
        "outline_width_unit": "MM",
        "size": str(size),
        "size_unit": "MM",
        "scale_method": "diameter",
        "joinstyle": "bevel",
    }
    return _symbol("marker", "SimpleMarker", props)


def fill(
    color: str, outline: str, *, outline_style: str = "solid", width: float = 0.4
) -> ET.Element:
    """A simple fill with an outline."""
    props = {
        "color": color,
        "style": "solid",
        "outline_color": outline,
        "outline_style": outline_style,
        "outline_width": str(width),
        "outline_width_unit": "MM",
        "joinstyle": "bevel",
    }
    return _symbol("fill", "SimpleFill", props)


def line(color: str, width: float, style: str = "solid") -> ET.Element:
    """A simple line (``style``: solid, dash, dot...)."""
    props = {
        "line_color": color,
        "line_width": str(width),
        "line_width_unit": "MM",
        "line_style": style,
        "capstyle": "round",
        "joinstyle": "round",
    }
    return _symbol("line", "SimpleLine", props)


def _event_symbol(event_type: str, side: str | None) -> ET.Element:
    spec = layer_for_type(event_type)
    side_color = side_style(side).color
    if event_type in _FLAG_TYPES or spec is None:
        return marker("star", _rgba(side_color), _rgba("#333333"), 4.2, 0.3)
    return marker("circle", _rgba(spec.color, 230), _rgba(side_color), 3.0, 0.7)


def event_categories(pairs: Iterable[tuple[str, str | None]]) -> list[Category]:
    """Categories for the (type, side) pairs present, in the map's layer order, then "other"."""
    type_order = {t: i for i, t in enumerate(EVENT_TYPES)}
    side_order = {s: i for i, s in enumerate(SIDE_STYLES)}
    seen = {(t, (s or "").lower()) for t, s in pairs if t}
    ordered = sorted(
        seen,
        key=lambda p: (type_order.get(p[0], len(type_order)), side_order.get(p[1], 99), p),
    )
    cats = [
        Category(f"{t}/{s}", f"{t} · {side_style(s).label}", _event_symbol(t, s))
        for t, s in ordered
    ]
    other = marker("circle", _rgba(OTHER_SIDE.color, 200), _rgba("#333333"), 2.4, 0.3)
    cats.append(Category("", "other", other))
    return cats


def _categorized(expression: str, categories: Sequence[Category]) -> ET.Element:
    renderer = ET.Element(
        "renderer-v2",
        type="categorizedSymbol",
        attr=expression,
        forceraster="0",
        symbollevels="0",
        enableorderby="0",
        referencescale="-1",
    )
    cats = ET.SubElement(renderer, "categories")
    symbols = ET.SubElement(renderer, "symbols")
    for i, cat in enumerate(categories):
        ET.SubElement(
            cats, "category", value=cat.value, label=cat.label, symbol=str(i), render="true"
        )
        cat.symbol.set("name", str(i))
        symbols.append(cat.symbol)
    return renderer


def _single(symbol: ET.Element) -> ET.Element:
    renderer = ET.Element(
        "renderer-v2", type="singleSymbol", forceraster="0", symbollevels="0", referencescale="-1"
    )
    ET.SubElement(renderer, "symbols").append(symbol)
    return renderer


def events_renderer(pairs: Iterable[tuple[str, str | None]]) -> ET.Element:
    """Events categorised by ``type/side``: the HTML map's shapes and colours."""
    return _categorized(EVENT_CATEGORY_EXPRESSION, event_categories(pairs))


def _side_categories(alpha: int, outline_style: str) -> list[Category]:
    cats = [
        Category(
            key,
            style.label,
            fill(_rgba(style.color, alpha), _rgba(style.color), outline_style=outline_style),
        )
        for key, style in SIDE_STYLES.items()
    ]
    other = fill(
        _rgba(OTHER_SIDE.color, alpha), _rgba(OTHER_SIDE.color), outline_style=outline_style
    )
    cats.append(Category("", OTHER_SIDE.label, other))
    return cats


def side_fill_renderer(*, uncertainty: bool = False) -> ET.Element:
    """Polygons by side, translucent: control zones, or (dashed) uncertainty areas."""
    if uncertainty:
        return _categorized(_SIDE_EXPRESSION, _side_categories(_UNCERTAINTY_ALPHA, "dash"))
    return _categorized(_SIDE_EXPRESSION, _side_categories(_ZONE_ALPHA, "solid"))


def line_renderer() -> ET.Element:
    """The estimated front line: dark and dashed."""
    front = next(spec for spec in EXTRA_LAYERS if spec.key == "front")
    return _single(line(_rgba(front.color), 0.8, "dash"))


def places_renderer() -> ET.Element:
    """Places mentioned: small grey dots."""
    places = next(spec for spec in EXTRA_LAYERS if spec.key == "places")
    return _single(marker("circle", _rgba(places.color, 200), _rgba("#ffffff"), 1.8, 0.2))


def frontline_rules_renderer() -> ET.Element:
    """The GeoPackage's mixed ``frontline`` layer: zone rules by side, then the dashed line."""
    renderer = ET.Element(
        "renderer-v2", type="RuleRenderer", forceraster="0", symbollevels="0", referencescale="-1"
    )
    root = ET.SubElement(renderer, "rules", key="root")
    symbols = ET.SubElement(renderer, "symbols")
    rules: list[tuple[str, str, ET.Element]] = []
    for key, style in SIDE_STYLES.items():
        symbol = fill(_rgba(style.color, _ZONE_ALPHA), _rgba(style.color))
        rules.append((f"\"kind\" = 'zone' AND {_SIDE_EXPRESSION} = '{key}'", style.label, symbol))
    known = ", ".join(f"'{k}'" for k in SIDE_STYLES)
    other = fill(_rgba(OTHER_SIDE.color, _ZONE_ALPHA), _rgba(OTHER_SIDE.color))
    rules.append(
        (f"\"kind\" = 'zone' AND {_SIDE_EXPRESSION} NOT IN ({known})", OTHER_SIDE.label, other)
    )
    front = next(spec for spec in EXTRA_LAYERS if spec.key == "front")
    rules.append(("\"kind\" = 'line'", front.label, line(_rgba(front.color), 0.8, "dash")))
    for i, (expression, label, symbol) in enumerate(rules):
        ET.SubElement(root, "rule", key=f"rule{i}", filter=expression, label=label, symbol=str(i))
        symbol.set("name", str(i))
        symbols.append(symbol)
    return renderer


def once_per_place(field: str) -> str:
    """A label expression: ``field`` on the first event at each place only (no repeats)."""
    first_day = f'to_date(minimum("date", group_by:="{field}"))'
    first_id = f'minimum("id", group_by:=concat("{field}", \'|\', "date"))'
    return f'if(to_date("date") = {first_day} AND "id" = {first_id}, "{field}", \'\')'


def labeling(field: str, *, size: float = 8.0, expression: str | None = None) -> ET.Element:
    """Labels of ``field`` (or of ``expression``) with a white halo, placed around points."""
    element = ET.Element("labeling", type="simple")
    settings = ET.SubElement(element, "settings", calloutType="simple")
    style = ET.SubElement(
        settings,
        "text-style",
        fieldName=expression or field,
        isExpression="1" if expression else "0",
        fontFamily="Sans Serif",
        fontSize=str(size),
        fontSizeUnit="Point",
        textColor="40,40,40,255",
        textOpacity="1",
        namedStyle="Regular",
        fontWeight="50",
        multilineHeight="1",
    )
    ET.SubElement(
        style,
        "text-buffer",
        bufferDraw="1",
        bufferSize="0.7",
        bufferSizeUnits="MM",
        bufferColor="255,255,255,255",
        bufferOpacity="0.9",
        bufferNoFill="1",
        bufferJoinStyle="128",
    )
    ET.SubElement(
        settings, "placement", placement="6", dist="1", distUnits="MM", priority="5"
    )  # 6 = around the point (cartographic)
    ET.SubElement(settings, "rendering", obstacle="1", scaleVisibility="0", upsidedownLabels="0")
    return element


def temporal_element(temporal: Temporal | None) -> ET.Element:
    """``<temporal>``: start/end from expressions (mode 4), begin included, end excluded."""
    element = ET.Element(
        "temporal",
        enabled="1" if temporal else "0",
        mode="4" if temporal else "0",
        startExpression=temporal.start if temporal else "",
        endExpression=temporal.end if temporal else "",
        startField="",
        endField="",
        durationField="",
        durationUnit="d",
        fixedDuration="0",
        accumulate="0",
        limitMode="0",
    )
    fixed = ET.SubElement(element, "fixedRange")
    ET.SubElement(fixed, "start")
    ET.SubElement(fixed, "end")
    return element


def style_children(
    renderer: ET.Element,
    label_field: str | None,
    temporal: Temporal | None,
    *,
    label_once: bool = False,
) -> list[ET.Element]:
    """What a layer's style holds, for a QML file or a project's ``<maplayer>``.

    ``label_once``: label only the first event at each place (events repeat their places).
    """
    children = [renderer, temporal_element(temporal)]
    if label_field:
        expression = once_per_place(label_field) if label_once else None
        children.append(labeling(label_field, expression=expression))
    blend = ET.Element("blendMode")
    blend.text = "0"
    opacity = ET.Element("layerOpacity")
    opacity.text = "1"
    return [*children, blend, opacity]


def qml_document(children: Sequence[ET.Element], *, labels: bool) -> str:
    """A whole QML style document (as QGIS saves one to a ``.qml`` or ``layer_styles``)."""
    root = ET.Element(
        "qgis",
        version=QGIS_VERSION,
        styleCategories="AllStyleCategories",
        labelsEnabled="1" if labels else "0",
    )
    root.extend(children)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n" + body + "\n"
