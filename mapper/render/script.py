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

  function eventPopup(g) {
    var box = el("div", "fl-popup");
    var type = g("type"), day = g("date"), dayEnd = g("date_end");
    box.appendChild(el("div", "fl-popup-title", type + " \u00b7 " + (day || "undated")));
    var tbl = el("table", "fl-popup-table");
    var when = day ? (dayEnd && dayEnd !== day ? day + " \u2013 " + dayEnd : day) : "unknown";
    if (g("date_text")) { when += " (\u201c" + g("date_text") + "\u201d)"; }
    addRow(tbl, "Type", type);
    addRow(tbl, "Date", when);
    addRow(tbl, "Side", g("side") || g("actor") || "unknown");
    addRow(tbl, "Place as written", g("place"));
    var resolved = g("place_name");
    if (resolved && g("place_id")) { resolved += " (" + g("place_id") + ")"; }
    addRow(tbl, "Resolved as", resolved);
    if (g("distance_km") !== null) {
      var d = fmtKm(g("distance_km")) + " km";
      if (g("direction")) { d += " " + g("direction"); }
      d += " of " + (g("place_name") || g("place") || "?");
      if (g("dhi") !== null) {
        d += " (" + fmtKm(g("dlo")) + "\u2013" + fmtKm(g("dhi")) + " km";
        if (g("halfwidth") !== null) { d += ", \u00b1" + g("halfwidth") + "\u00b0"; }
        d += ")";
      }
      addRow(tbl, "Distance", d);
    }
    addRow(tbl, "Killed", g("killed"));
    addRow(tbl, "Confidence", g("confidence"));
    if (D.fused) { addRow(tbl, "Reported by", reportedBy(g)); }
    var superseded = supersededText(g);
    if (superseded) { addRow(tbl, "Superseded", el("span", "fl-superseded", superseded)); }
    box.appendChild(tbl);
    var ev = g("evidence");
    if (ev) { box.appendChild(el("blockquote", "fl-evidence", "\u201c" + ev + "\u201d")); }
    if (D.compact) {
      box.appendChild(el("div", "fl-note", "Evidence shortened on this large map; " +
                         "the full text is in events.geojson (id " + g("id") + ")."));
    }
    var reports = g("reports");
    if (reports) {
      box.appendChild(reportList(reports, ev));
    } else {
      var src = el("div", "fl-source");
      src.appendChild(el("span", null, "Source: "));
      src.appendChild(sourceLink(g("source"), g("title"), g("url")));
      if (g("title") && g("source")) {
        src.appendChild(el("div", "fl-title", g("title")));
      }
      box.appendChild(src);
    }
    return box;
  }
  function str(i) { return i === null || i === undefined ? null : D.strings[i]; }
  // a link to the article (validated http(s) URL) named by its outlet, else plain text
  function sourceLink(source, title, href) {
    var url = httpUrl(href), name = source || title;
    if (!url) { return el("span", null, name || "unknown"); }
    var a = el("a", null, name || url);
    a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
    return a;
  }
  // how many outlets report a fused event; a claim when one outlet or one side's media alone
  function reportedBy(g) {
    var n = g("corroboration") || 1, claim = n === 1 || g("claim") === 1;
    var box = el("span", null, n + (n === 1 ? " outlet" : " outlets"));
    if (claim) {
      box.appendChild(document.createTextNode(" – "));
      box.appendChild(el("span", "fl-claim", n === 1 ? "claim (one source only)" :
                         "claim (one side’s media only)"));
    } else {
      box.appendChild(document.createTextNode(" (corroborated)"));
    }
    return box;
  }
  function supersededText(g) {
    var on = g("superseded_on");
    if (!on) { return null; }
    var how = g("superseded_how"), by = g("superseded_side");
    how = how || (by ? "taken by " + by : null);
    return "superseded by " + on + (how ? " (" + how + ")" : "");
  }
  // a fused event's reports: [source, title, url, date, date_text] interned, then evidence
  function reportList(reports, shown) {
    var wrap = el("div", "fl-source");
    wrap.appendChild(el("div", null, "Sources (" + reports.length + " reports):"));
    var list = el("ol", "fl-reports");
    reports.forEach(function (rep) {
      var li = el("li", "fl-report");
      li.appendChild(sourceLink(str(rep[0]), str(rep[1]), str(rep[2])));
      var when = str(rep[3]) || "undated";
      if (str(rep[4])) { when += " (“" + str(rep[4]) + "”)"; }
      li.appendChild(document.createTextNode(" · " + when));
      if (str(rep[1]) && str(rep[0])) { li.appendChild(el("div", "fl-title", str(rep[1]))); }
      if (rep[5] && rep[5] !== shown) {
        li.appendChild(el("div", "fl-report-evidence", "“" + rep[5] + "”"));
      }
      list.appendChild(li);
    });
    wrap.appendChild(list);
    return wrap;
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
  // the rings of a reported distance: an annulus, or a sector when a direction is given
  function sectorRings(alat, alon, lo, hi, brg, hw) {
    if (brg === null) {
      var rings = [arc(alat, alon, hi, 0, 360)];
      if (lo > 0) { rings.push(arc(alat, alon, lo, 0, 360)); }
      return rings;
    }
    var outer = arc(alat, alon, hi, brg - hw, brg + hw);
    var inner = lo > 0 ? arc(alat, alon, lo, brg + hw, brg - hw) : [[alat, alon]];
    return [outer.concat(inner)];
  }
  function uncertaintyShape(r, st) {
    var alat = get(r, "anchor_lat"), alon = get(r, "anchor_lon"), hi = get(r, "dhi");
    if (alat === null || alon === null || hi === null) { return null; }
    var rings = sectorRings(alat, alon, get(r, "dlo"), hi, get(r, "bearing"), get(r, "halfwidth"));
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
    m.bindPopup(function () { return eventPopup(function (f) { return get(r, f); }); },
                {maxWidth: 380});
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
  var state = {map: map, groups: groups, index: -1, date: null, timeDimension: null, t: null,
               canvas: null, drawn: !D.canvas,
               eventsShown: D.canvas ? D.cols.count : D.events.length};
  // every event item: its marker (and, for positions, sector and anchor line) and its day;
  // the time control shows the events dated on or before the slider's date
  var items = {}, holders = {};
  if (!D.canvas) { D.events.forEach(function (r) {
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
  }); }
  Object.keys(items).forEach(function (key) {
    var holder = groups[key];
    holders[key] = holder;
    items[key].forEach(function (it) { holder.addLayer(it.marker); });
    items[key].forEach(function (it) {
      it.extras.forEach(function (x) { groups[key].addLayer(x); });
    });
  });
  function showEventsUpTo(t) {
    if (D.canvas) { canvasShowUpTo(t); return; }
    Object.keys(items).forEach(function (key) {
      var add = [], remove = [];
      items[key].forEach(function (it) {
        var want = t === null || it.t === null || it.t <= t;
        if (want === it.shown) { return; }
        it.shown = want;
        (want ? add : remove).push(it);
      });
      var holder = holders[key];
      remove.forEach(function (it) { holder.removeLayer(it.marker); });
      add.forEach(function (it) { holder.addLayer(it.marker); });
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

  // ---- canvas mode (large maps): typed columns drawn on canvas tiles, popups on demand ----
  // Events are aggregated per 8-pixel cell at every zoom (a cell of one event is its marker),
  // so a view never draws more circles than it has cells; rows for popups stay unparsed JSON
  // until the first click.
  var C = null, canvasLayers = {}, rowsCache = null;
  var UNDATED = -2147483648, CELL = 8, MARGIN = 32, PICK_PX = 10, SECTOR_ZOOM = 9;
  function b64(text, Type) {
    var bin = atob(text), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
    return new Type(bytes.buffer);
  }
  function shownAt(i, t) {
    var d = C.day[i];
    return t === null || d === UNDATED || d * 86400000 <= t;
  }
  function worldX(lon) { return 256 * (lon + 180) / 360; }
  function worldY(lat) {
    var s = Math.sin(Math.max(-85.0511, Math.min(85.0511, lat)) * RAD);
    return 256 * (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI));
  }
  function canvasRows() {
    if (rowsCache === null) {
      rowsCache = JSON.parse(document.getElementById("fl-rows").textContent);
    }
    return rowsCache;
  }
  var ARTICLE = {source: 0, url: 1, title: 2};
  function canvasGetter(i) {
    var r = canvasRows()[i], cols = D.cols;
    return function (f) {
      if (f === "lat") { return C.lat[i] / 1e5; }
      if (f === "lon") { return C.lon[i] / 1e5; }
      if (f === "type") { return cols.types[C.type[i]]; }
      if (f === "side") { return C.side[i] === 255 ? null : cols.sides[C.side[i]]; }
      if (f === "date") {
        if (C.day[i] === UNDATED) { return null; }
        return new Date(C.day[i] * 86400000).toISOString().slice(0, 10);
      }
      if (f in ARTICLE) {
        var a = get(r, "article"), s = a === null ? null : D.articles[a][ARTICLE[f]];
        return s === null || s === undefined ? null : D.strings[s];
      }
      return get(r, f);
    };
  }
  function drawSectors(ctx, layer, s, ox, oy, size) {
    var sides = D.cols.sides;
    layer.sectors.forEach(function (q) {
      var i = q[0];
      if (!shownAt(i, state.t)) { return; }
      if (q[8] * s < ox || q[7] * s > ox + size.x || q[10] * s < oy || q[9] * s > oy + size.y) {
        return;
      }
      var st = sideStyle(C.side[i] === 255 ? null : sides[C.side[i]]);
      var rings = sectorRings(q[1], q[2], q[3], q[4], q[5], q[6]);
      ctx.beginPath();
      rings.forEach(function (ring) {
        ring.forEach(function (p, k) {
          var x = worldX(p[1]) * s - ox, y = worldY(p[0]) * s - oy;
          if (k) { ctx.lineTo(x, y); } else { ctx.moveTo(x, y); }
        });
        ctx.closePath();
      });
      ctx.globalAlpha = 0.15; ctx.fillStyle = st.color; ctx.fill("evenodd");
      ctx.globalAlpha = 1; ctx.setLineDash([4, 3]); ctx.lineWidth = 1;
      ctx.strokeStyle = st.color; ctx.stroke();
      ctx.beginPath(); ctx.setLineDash([6, 5]); ctx.lineWidth = 2;
      ctx.moveTo(worldX(q[2]) * s - ox, worldY(q[1]) * s - oy);
      ctx.lineTo(C.x[i] * s - ox, C.y[i] * s - oy);
      ctx.stroke(); ctx.setLineDash([]);
    });
  }
  function drawLayer(ctx, layer, coords, size) {
    var s = Math.pow(2, coords.z), ox = coords.x * size.x, oy = coords.y * size.y;
    var lox = ox - MARGIN, hix = ox + size.x + MARGIN;
    var loy = oy - MARGIN, hiy = oy + size.y + MARGIN;
    if (coords.z >= SECTOR_ZOOM && layer.sectors.length) {
      drawSectors(ctx, layer, s, ox, oy, size);
    }
    var cells = {}, keys = [], idx = layer.idx, t = state.t;
    for (var k = 0; k < idx.length; k++) {
      var i = idx[k], gx = C.x[i] * s, gy = C.y[i] * s;
      if (gx < lox || gx >= hix || gy < loy || gy >= hiy || !shownAt(i, t)) { continue; }
      var key = Math.floor(gx / CELL) * 1048576 + Math.floor(gy / CELL);
      var c = cells[key];
      if (c === undefined) { c = cells[key] = [0, 0, 0, i]; keys.push(key); }
      c[0] += gx; c[1] += gy; c[2] += 1;
    }
    var sides = D.cols.sides;
    keys.forEach(function (key) {
      var c = cells[key], n = c[2], x = c[0] / n - ox, y = c[1] / n - oy;
      var side = C.side[c[3]] === 255 ? null : sides[C.side[c[3]]];
      var r = n === 1 ? 6 : Math.min(14, 6 + 2 * Math.log2(n));
      ctx.beginPath();
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      ctx.fillStyle = layer.spec.color; ctx.globalAlpha = 0.85; ctx.fill(); ctx.globalAlpha = 1;
      ctx.lineWidth = n === 1 ? 3 : 2;
      ctx.strokeStyle = n === 1 ? sideStyle(side).color : "#212121";
      ctx.stroke();
      if (n >= 10) {
        ctx.fillStyle = "#ffffff"; ctx.font = "bold 9px sans-serif";
        ctx.textAlign = "center"; ctx.textBaseline = "middle";
        ctx.fillText(n > 999 ? Math.round(n / 1000) + "k" : String(n), x, y);
      }
    });
  }
  function drawTile(ctx, coords, size) {
    Object.keys(canvasLayers).forEach(function (key) {
      if (map.hasLayer(groups[key])) { drawLayer(ctx, canvasLayers[key], coords, size); }
    });
  }
  function setupCanvas() {
    var cols = D.cols;
    C = {lat: b64(cols.lat, Int32Array), lon: b64(cols.lon, Int32Array),
         day: b64(cols.day, Int32Array), type: b64(cols.type, Uint8Array),
         side: b64(cols.side, Uint8Array)};
    var n = C.lat.length;
    C.x = new Float64Array(n); C.y = new Float64Array(n);
    for (var i = 0; i < n; i++) {
      C.x[i] = worldX(C.lon[i] / 1e5);
      C.y[i] = worldY(C.lat[i] / 1e5);
    }
    // events sit above the estimated zones and the front line; clicks pass through to the map
    var pane = map.createPane("flEvents");
    pane.style.zIndex = 420;
    pane.style.pointerEvents = "none";
    var members = {};
    for (var j = 0; j < n; j++) {
      var spec = byType[cols.types[C.type[j]]];
      if (spec && groups[spec.key]) { (members[spec.key] = members[spec.key] || []).push(j); }
    }
    var sectorsOf = {};
    D.sectors.forEach(function (q) {
      var spec = byType[cols.types[C.type[q[0]]]];
      if (!spec) { return; }
      // bounds in world pixels at zoom 0: the sector's reach (hi km) around its anchor
      var dLat = q[4] / 111.2, dLon = q[4] / (111.2 * Math.max(0.05, Math.cos(q[1] * RAD)));
      var xs = [worldX(q[2] - dLon), worldX(q[2] + dLon), C.x[q[0]]];
      var ys = [worldY(q[1] + dLat), worldY(q[1] - dLat), C.y[q[0]]];
      var box = [Math.min.apply(null, xs) - 1e-3, Math.max.apply(null, xs) + 1e-3,
                 Math.min.apply(null, ys) - 1e-3, Math.max.apply(null, ys) + 1e-3];
      (sectorsOf[spec.key] = sectorsOf[spec.key] || []).push(q.concat(box));
    });
    Object.keys(members).forEach(function (key) {
      canvasLayers[key] = {idx: Uint32Array.from(members[key]), shown: members[key].length,
                           sectors: sectorsOf[key] || [],
                           spec: byType[cols.types[C.type[members[key][0]]]]};
    });
    // one canvas per tile for every event layer; the layer control's check boxes redraw it
    var Tiles = L.GridLayer.extend({
      createTile: function (coords) {
        var tile = L.DomUtil.create("canvas", "fl-canvas-tile"), size = this.getTileSize();
        tile.width = size.x; tile.height = size.y;
        drawTile(tile.getContext("2d"), coords, size);
        return tile;
      }
    });
    state.canvas = new Tiles({pane: "flEvents", updateWhenZooming: false, keepBuffer: 1});
    map.on("overlayadd overlayremove", function (e) {
      if (e.layer !== groups.places && e.layer !== groups.zones && e.layer !== groups.front) {
        state.canvas.redraw();
      }
    });
    // one handler: a click on a zone or the line reaches the map too (Leaflet propagates it),
    // so a handler on those layers as well would open the popup twice
    map.on("click", canvasPick);
    // drawn once the page's own script has set the view (fitBounds), not twice
    setTimeout(function () { state.canvas.addTo(map); state.drawn = true; }, 0);
  }
  function canvasPick(e) {
    var z = map.getZoom(), s = Math.pow(2, z), p = map.project(e.latlng, z);
    var best = -1, bestD = PICK_PX * PICK_PX + 1, near = 0;
    Object.keys(canvasLayers).forEach(function (key) {
      if (!map.hasLayer(groups[key])) { return; }
      var idx = canvasLayers[key].idx;
      for (var k = 0; k < idx.length; k++) {
        var i = idx[k], dx = C.x[i] * s - p.x, dy = C.y[i] * s - p.y, d2 = dx * dx + dy * dy;
        if (d2 > PICK_PX * PICK_PX || !shownAt(i, state.t)) { continue; }
        near += 1;
        if (d2 < bestD) { best = i; bestD = d2; }
      }
    });
    if (best < 0) { return; }
    var box = eventPopup(canvasGetter(best));
    if (near > 1) {
      box.appendChild(el("div", "fl-note", (near - 1) + " more event(s) within " + PICK_PX +
                         " px: zoom in to pick them."));
    }
    L.popup({maxWidth: 380}).setLatLng([C.lat[best] / 1e5, C.lon[best] / 1e5])
      .setContent(box).openOn(map);
  }
  function canvasShowUpTo(t) {
    var changed = false;
    state.t = t;
    Object.keys(canvasLayers).forEach(function (key) {
      var layer = canvasLayers[key], idx = layer.idx, shown = 0;
      for (var k = 0; k < idx.length; k++) { if (shownAt(idx[k], t)) { shown += 1; } }
      // the events shown grow with the date: the same count is the same set, nothing to draw
      if (shown !== layer.shown) { layer.shown = shown; changed = true; }
    });
    if (changed && state.canvas && map.hasLayer(state.canvas)) { state.canvas.redraw(); }
    state.eventsShown = Object.keys(canvasLayers).reduce(function (n, key) {
      return n + canvasLayers[key].shown;
    }, 0);
  }
  if (D.canvas) { setupCanvas(); }

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
            var sure = z[2] === undefined ? "" : ", confidence " + z[2];
            return el("span", null, st.label + " (estimated" + sure + ") \u2013 " + caption);
          }, {sticky: true})
          .addTo(groups.zones);
      });
    }
    if (groups.zones && s.unknown !== null && s.unknown !== undefined) {
      // beyond the reach of any evidence: grey, hatched by its dashed outline, never a side
      var unknown = D.unknownArea;
      var area = D.front.unknowns[s.unknown];
      L.polygon(area.map(function (rings) { return rings.map(decodeLine); }),
                {pane: "flZones", color: unknown.color, weight: 1, dashArray: "4 4",
                 fillColor: unknown.color, fillOpacity: 0.3, className: "fl-unknown"})
        .bindTooltip(function () {
          return el("span", null, unknown.label + " – " + caption);
        }, {sticky: true})
        .addTo(groups.zones);
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
