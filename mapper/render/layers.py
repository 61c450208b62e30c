"""The registry of map layers and styles: which event types each layer draws, and how.

Every event type in :data:`mapper.model.EVENT_TYPES` belongs to exactly one :class:`LayerSpec`
(a test guards this), and every side has a colour (:func:`side_style`).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "EVENT_LAYERS",
    "EXTRA_LAYERS",
    "SIDE_STYLES",
    "LayerSpec",
    "SideStyle",
    "UNKNOWN_AREA",
    "layer_for_type",
    "side_style",
]


@dataclass(frozen=True, slots=True)
class LayerSpec:
    """One toggleable layer of the map.

    ``marker`` is ``"icon"`` (a Font Awesome pin, ``icon`` names it) or ``"circle"`` (a circle of
    ``color`` outlined in the side's colour). ``show`` says whether it is on when the map opens.
    """

    key: str
    label: str
    types: tuple[str, ...]
    marker: str
    icon: str
    color: str
    show: bool = True


@dataclass(frozen=True, slots=True)
class SideStyle:
    """Colours of one side: a hex colour for zones and circles, an awesome-markers colour name."""

    label: str
    color: str
    marker_color: str


#: Event layers in the order the layer control lists them.
EVENT_LAYERS: tuple[LayerSpec, ...] = (
    LayerSpec("captures", "Captures and entries", ("capture", "entry"), "icon", "flag", "#333333"),
    LayerSpec(
        "positions",
        "Reported positions (with uncertainty)",
        ("advance",),
        "circle",
        "location-crosshairs",
        "#6a1b9a",
    ),
    LayerSpec("targets", "Targets", ("target",), "circle", "crosshairs", "#ef6c00"),
    LayerSpec(
        "encirclements", "Encirclements", ("encirclement",), "circle", "circle-notch", "#00838f"
    ),
    LayerSpec("clashes", "Clashes", ("clash",), "circle", "burst", "#c62828"),
    LayerSpec("bombardments", "Bombardments", ("bombardment",), "circle", "bomb", "#4e342e"),
    LayerSpec(
        "withdrawals",
        "Withdrawals",
        ("withdrawal",),
        "circle",
        "person-walking-arrow-right",
        "#546e7a",
    ),
)

#: Layers that are not events: places mentioned, the estimated zones and front line.
EXTRA_LAYERS: tuple[LayerSpec, ...] = (
    LayerSpec("places", "Places mentioned", (), "circle", "location-dot", "#757575", show=False),
    LayerSpec("zones", "Control zones (estimated)", (), "area", "", "#000000"),
    LayerSpec("front", "Front line (estimated)", (), "line", "", "#111111"),
)

#: Colours per side; any other side gets :data:`OTHER_SIDE`.
SIDE_STYLES: dict[str, SideStyle] = {
    "government": SideStyle("Government", "#d32f2f", "red"),
    "opposition": SideStyle("Opposition", "#388e3c", "green"),
    "russia": SideStyle("Russia", "#8e0000", "darkred"),
    "ukraine": SideStyle("Ukraine", "#1565c0", "blue"),
    "turkey": SideStyle("Turkey", "#f57c00", "orange"),
}
OTHER_SIDE = SideStyle("Other / unknown", "#616161", "gray")
#: The style of the area farther than the reach of any evidence (``FrontSnapshot.unknown``,
#: ``"kind": "unknown"`` in ``frontline.geojson``): drawn hatched or faint, never as a side.
UNKNOWN_AREA = SideStyle("Unknown (no evidence near)", "#bdbdbd", "lightgray")


def side_style(side: str | None) -> SideStyle:
    """The style of ``side`` (lower-case name), or the grey "other" style."""
    return SIDE_STYLES.get((side or "").lower(), OTHER_SIDE)


def layer_for_type(event_type: str) -> LayerSpec | None:
    """The event layer that draws ``event_type``, or None for an unknown type."""
    for spec in EVENT_LAYERS:
        if event_type in spec.types:
            return spec
    return None
