"""The map's JavaScript: builds markers, popups, sectors and the time-driven front line.

Article text reaches the page only as JSON data (:func:`mapper.render.safe.script_json`) and the
DOM only through ``textContent`` and validated ``href`` values: no string from an article is ever
parsed as HTML. Uncertainty sectors are drawn on a sphere (R = 6371.0088 km) from the same
bounds the geodesic ``uncertainty.geojson`` uses; the two differ by well under 1 %.
"""

from __future__ import annotations

__all__ = ["APP_JS"]

APP_JS = r"""
(function () {
  "use strict";
  var D = __DATA__;
  var map = __MAP__;
  var groups = __GROUPS__;
  var F = {}, INTERNED = {};
  D.fields.forEach(function (f, i) { F[f] = i; });
  D.interned.forEach(function (f) { INTERNED[f] = true; });

  function get(r, f) {
    var v = r[F[f]];
    if (v === null || v === undefined) { return null; }
    return INTERNED[f] ? D.strings[v] : v;
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== null && text !== undefined) { e.textContent = String(text); }
    return e;
  }
  function addRow(tbl, label, value) {
    if (value === null || value === undefined || value === "") { return; }
    var tr = el("tr"), td = el("td");
    tr.appendChild(el("th", null, label));
    if (value instanceof Node) { td.appendChild(value); } else { td.textContent = String(value); }
    tr.appendChild(td);
    tbl.appendChild(tr);
  }
  function httpUrl(u) {
    return (typeof u === "string" && /^https?:\/\/[^\s]+$/i.test(u)) ? u : null;
  }
  function sideStyle(side) { return D.sides[side] || D.otherSide; }
  function fmtKm(x) { return (Math.round(x * 100) / 100).toString(); }

  function eventPopup(r, spec) {
    var box = el("div", "fl-popup");
    var type = get(r, "type"), day = get(r, "date"), dayEnd = get(r, "date_end");
    box.appendChild(el("div", "fl-popup-title", type + " \u00b7 " + (day || "undated")));
    var tbl = el("table", "fl-popup-table");
    var when = day ? (dayEnd && dayEnd !== day ? day + " \u2013 " + dayEnd : day) : "unknown";
    if (get(r, "date_text")) { when += " (\u201c" + get(r, "date_text") + "\u201d)"; }
    addRow(tbl, "Type", type);
    addRow(tbl, "Date", when);
    addRow(tbl, "Side", get(r, "side") || get(r, "actor") || "unknown");
    addRow(tbl, "Place as written", get(r, "place"));
    var resolved = get(r, "place_name");
    if (resolved && get(r, "place_id")) { resolved += " (" + get(r, "place_id") + ")"; }
    addRow(tbl, "Resolved as", resolved);
    if (get(r, "distance_km") !== null) {
      var d = fmtKm(get(r, "distance_km")) + " km";
      if (get(r, "direction")) { d += " " + get(r, "direction"); }
      d += " of " + (get(r, "place_name") || get(r, "place") || "?");
      if (get(r, "dhi") !== null) {
        d += " (" + fmtKm(get(r, "dlo")) + "\u2013" + fmtKm(get(r, "dhi")) + " km";
        if (get(r, "halfwidth") !== null) { d += ", \u00b1" + get(r, "halfwidth") + "\u00b0"; }
        d += ")";
      }
      addRow(tbl, "Distance", d);
    }
    addRow(tbl, "Killed", get(r, "killed"));
    addRow(tbl, "Confidence", get(r, "confidence"));
    box.appendChild(tbl);
    var ev = get(r, "evidence");
    if (ev) { box.appendChild(el("blockquote", "fl-evidence", "\u201c" + ev + "\u201d")); }
    if (D.compact) {
      box.appendChild(el("div", "fl-note", "Evidence shortened on this large map; " +
                         "the full text is in events.geojson (id " + get(r, "id") + ")."));
    }
    var src = el("div", "fl-source");
    var url = httpUrl(get(r, "url")), name = get(r, "source") || get(r, "title");
    src.appendChild(el("span", null, "Source: "));
    if (url) {
      var a = el("a", null, name || url);
      a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
      src.appendChild(a);
    } else {
      src.appendChild(el("span", null, name || "unknown"));
    }
    if (get(r, "title") && get(r, "source")) {
      src.appendChild(el("div", "fl-title", get(r, "title")));
    }
    box.appendChild(src);
    return box;
  }

  var R_KM = 6371.0088, RAD = Math.PI / 180;
  function dest(lat, lon, km, brg) {
    var d = km / R_KM, b = brg * RAD, p1 = lat * RAD, l1 = lon * RAD;
    var p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(b));
    var l2 = l1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(p1),
                             Math.cos(d) - Math.sin(p1) * Math.sin(p2));
    return [p2 / RAD, l2 / RAD];
  }
  function arc(lat, lon, km, b1, b2) {
    var n = Math.max(8, Math.ceil(Math.abs(b2 - b1) / 3)), pts = [];
    for (var i = 0; i <= n; i++) { pts.push(dest(lat, lon, km, b1 + (b2 - b1) * i / n)); }
    return pts;
  }
  function uncertaintyShape(r, st) {
    var alat = get(r, "anchor_lat"), alon = get(r, "anchor_lon");
    var lo = get(r, "dlo"), hi = get(r, "dhi"), brg = get(r, "bearing"), hw = get(r, "halfwidth");
    if (alat === null || alon === null || hi === null) { return null; }
    var rings;
    if (brg === null) {
      rings = [arc(alat, alon, hi, 0, 360)];
      if (lo > 0) { rings.push(arc(alat, alon, lo, 0, 360)); }
    } else {
      var outer = arc(alat, alon, hi, brg - hw, brg + hw);
      var inner = lo > 0 ? arc(alat, alon, lo, brg + hw, brg - hw) : [[alat, alon]];
      rings = [outer.concat(inner)];
    }
    return L.polygon(rings, {color: st.color, weight: 1, dashArray: "4 3", fillOpacity: 0.15,
                             interactive: false, className: "fl-sector"});
  }

  function makeMarker(r, spec) {
    var ll = [get(r, "lat"), get(r, "lon")], st = sideStyle(get(r, "side")), m;
    var type = get(r, "type");
    if (spec.marker === "icon") {
      m = L.marker(ll, {icon: L.AwesomeMarkers.icon({
        icon: type === "entry" ? "right-to-bracket" : spec.icon, prefix: "fa",
        markerColor: st.marker, iconColor: "white", extraClasses: "fl-" + type + " "})});
    } else {
      m = L.circleMarker(ll, {radius: 7, color: st.color, weight: 3, fillColor: spec.color,
                              fillOpacity: 0.85, className: "fl-" + spec.key});
    }
    m.bindPopup(function () { return eventPopup(r, spec); }, {maxWidth: 380});
    return m;
  }

  // Google's encoded polyline, 4 decimals (mapper.render.polyline) -> [[lat, lon], ...]
  function decodeLine(text) {
    var i = 0, lat = 0, lon = 0, out = [];
    function next() {
      var b, shift = 0, result = 0;
      do {
        b = text.charCodeAt(i++) - 63;
        result |= (b & 0x1f) << shift;
        shift += 5;
      } while (b >= 0x20);
      return (result & 1) ? ~(result >> 1) : (result >> 1);
    }
    while (i < text.length) {
      lat += next();
      lon += next();
      out.push([lat / 1e4, lon / 1e4]);
    }
    return out;
  }

  function dayMs(iso) {
    if (!iso) { return null; }
    var p = iso.split("-");
    return Date.UTC(+p[0], +p[1] - 1, +p[2]);
  }

  var byType = {};
  D.layers.forEach(function (spec) {
    spec.types.forEach(function (t) { byType[t] = spec; });
  });
  var state = {map: map, groups: groups, index: -1, date: null, timeDimension: null,
               eventsShown: D.events.length};
  // every event item: its marker (and, for positions, sector and anchor line) and its day;
  // the time control shows the events dated on or before the slider's date
  var items = {}, holders = {};
  D.events.forEach(function (r) {
    var spec = byType[get(r, "type")];
    if (!spec || !groups[spec.key]) { return; }
    var item = {marker: makeMarker(r, spec), extras: [], t: dayMs(get(r, "date")), shown: true};
    if (spec.key === "positions") {
      var st = sideStyle(get(r, "side"));
      var shape = uncertaintyShape(r, st);
      if (shape) { item.extras.push(shape); }
      if (get(r, "anchor_lat") !== null && get(r, "distance_km") !== null) {
        item.extras.push(L.polyline(
          [[get(r, "anchor_lat"), get(r, "anchor_lon")], [get(r, "lat"), get(r, "lon")]],
          {color: st.color, weight: 2, dashArray: "6 5", interactive: false,
           className: "fl-anchor-line"}));
      }
    }
    (items[spec.key] = items[spec.key] || []).push(item);
  });
  Object.keys(items).forEach(function (key) {
    var holder = D.cluster
      ? L.markerClusterGroup({chunkedLoading: true, maxClusterRadius: 45}).addTo(groups[key])
      : groups[key];
    holders[key] = holder;
    var ms = items[key].map(function (it) { return it.marker; });
    if (D.cluster) {
      holder.addLayers(ms);
    } else {
      ms.forEach(function (m) { holder.addLayer(m); });
    }
    items[key].forEach(function (it) {
      it.extras.forEach(function (x) { groups[key].addLayer(x); });
    });
  });
  function showEventsUpTo(t) {
    Object.keys(items).forEach(function (key) {
      var add = [], remove = [];
      items[key].forEach(function (it) {
        var want = t === null || it.t === null || it.t <= t;
        if (want === it.shown) { return; }
        it.shown = want;
        (want ? add : remove).push(it);
      });
      var holder = holders[key];
      if (D.cluster) {
        holder.removeLayers(remove.map(function (it) { return it.marker; }));
        holder.addLayers(add.map(function (it) { return it.marker; }));
      } else {
        remove.forEach(function (it) { holder.removeLayer(it.marker); });
        add.forEach(function (it) { holder.addLayer(it.marker); });
      }
      remove.forEach(function (it) {
        it.extras.forEach(function (x) { groups[key].removeLayer(x); });
      });
      add.forEach(function (it) {
        it.extras.forEach(function (x) { groups[key].addLayer(x); });
      });
    });
    state.eventsShown = Object.keys(items).reduce(function (n, key) {
      return n + items[key].filter(function (it) { return it.shown; }).length;
    }, 0);
  }

  if (groups.places) {
    D.places.forEach(function (p) {
      var m = L.circleMarker([p[1], p[0]], {radius: 4, color: "#424242", weight: 1,
                                           fillColor: "#9e9e9e", fillOpacity: 0.8,
                                           className: "fl-place"});
      m.bindPopup(function () {
        var box = el("div", "fl-popup");
        box.appendChild(el("div", "fl-popup-title", p[2]));
        var tbl = el("table", "fl-popup-table");
        addRow(tbl, "As written", p[4]);
        addRow(tbl, "Mentions", p[3]);
        addRow(tbl, "Gazetteer id", p[5]);
        box.appendChild(tbl);
        return box;
      });
      m.addTo(groups.places);
    });
  }

  window.frontlineMap = state;
  var snaps = D.front.snaps;
  // zones and the line sit below the event layers (overlayPane is 400) so they never hide them
  map.createPane("flZones").style.zIndex = 360;
  map.createPane("flFront").style.zIndex = 380;
  function showFront(t) {
    var idx = -1;
    for (var i = 0; i < snaps.length; i++) { if (D.front.times[i] <= t) { idx = i; } }
    if (idx === state.index) { return; }
    state.index = idx;
    if (groups.zones) { groups.zones.clearLayers(); }
    if (groups.front) { groups.front.clearLayers(); }
    if (idx < 0) { state.date = null; return; }
    var s = snaps[idx];
    state.date = s.date;
    var caption = "Estimated on " + s.date + " from " + s.observations +
      " observations (confidence " + s.confidence + ")";
    if (groups.zones) {
      s.zones.forEach(function (z) {
        var st = sideStyle(z[0]);
        var polygons = z[1].map(function (rings) { return rings.map(decodeLine); });
        L.polygon(polygons, {pane: "flZones", color: st.color, weight: 0, fillColor: st.color,
                             fillOpacity: 0.14, className: "fl-zone"})
          .bindTooltip(function () {
            return el("span", null, st.label + " (estimated) \u2013 " + caption);
          }, {sticky: true})
          .addTo(groups.zones);
      });
    }
    if (groups.front && s.line) {
      L.polyline(s.line.map(decodeLine), {pane: "flFront", color: "#111111", weight: 3,
                                          dashArray: "10 6", className: "fl-frontline"})
        .bindTooltip(function () {
          return el("span", null, "Front line (estimated) \u2013 " + caption);
        }, {sticky: true})
        .addTo(groups.front);
    }
  }
  if (D.times.length && L.TimeDimension) {
    var td = L.timeDimension({times: D.times, currentTime: D.times[D.times.length - 1]});
    map.timeDimension = td;
    state.timeDimension = td;
    var Control = L.Control.TimeDimension.extend({
      _getDisplayDateFormat: function (date) { return date.toISOString().slice(0, 10); }
    });
    map.addControl(new Control({timeDimension: td, position: "bottomleft", autoPlay: false,
      loopButton: false, speedSlider: false, timeSliderDragUpdate: true, limitSliders: false,
      playerOptions: {transitionTime: 1200, loop: false, startOver: true}}));
    td.on("timeload", function (e) { showFront(e.time); showEventsUpTo(e.time); });
    showFront(td.getCurrentTime());
    showEventsUpTo(td.getCurrentTime());
  } else if (snaps.length) {
    showFront(D.front.times[snaps.length - 1]);
  }
})();
"""
