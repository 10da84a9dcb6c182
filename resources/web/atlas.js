// Kachin Atlas web map. Draws window.ATLAS_DATA (written by `kachin-atlas export-web`) with
// Leaflet and follows one day, as the window's clock does. The time rules are the model's
// (atlas/time/time_cursor.h, time_mode.h), applied to the spans the export wrote: days are
// integers (days since 1970-01-01) and every span is half-open [begin, end), null = unbounded.
(function () {
  'use strict';
  var D = window.ATLAS_DATA;
  if (window.performance && performance.mark) performance.mark('atlas-start');
  var DAY_MS = 86400000;
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

  // --- days and spans ---------------------------------------------------------------------
  function isoDay(day) { return new Date(day * DAY_MS).toISOString().slice(0, 10); }
  function parseDay(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    return m ? Math.round(Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY_MS) : null;
  }
  function dayLabel(day) {
    var d = new Date(day * DAY_MS);
    return d.getUTCDate() + ' ' + MONTHS[d.getUTCMonth()] + ' ' + d.getUTCFullYear();
  }
  function isEmpty(t) { return t[0] !== null && t[1] !== null && t[1] <= t[0]; }
  function contains(t, day) { return (t[0] === null || t[0] <= day) && (t[1] === null || day < t[1]); }
  function overlaps(a, b) {
    var lo = a[0] === null ? b[0] : b[0] === null ? a[0] : Math.max(a[0], b[0]);
    var hi = a[1] === null ? b[1] : b[1] === null ? a[1] : Math.min(a[1], b[1]);
    return !(lo !== null && hi !== null && hi <= lo);
  }
  // The days that count as "now" (TimeCursor::window).
  function windowOf(day) {
    var w = D.window;
    if (w.kind === 'cumulative') return [null, day + 1];
    return [day - Math.max(w.days || 1, 1) + 1, day + 1];
  }
  // opacityAt (time_cursor.h): 1 while overlapping, fading over `fade` days after the end.
  function opacityAt(span, fade, win) {
    if (isEmpty(span) || isEmpty(win)) return 0;
    if (overlaps(span, win)) return 1;
    if (span[1] === null || win[0] === null || span[1] > win[0]) return 0;
    if (fade <= 0) return 0;
    return Math.min(1, Math.max(0, (fade - (win[0] - span[1])) / (fade + 1)));
  }
  // FeatureTimes::opacity, plus the window's faint superseded front-line versions.
  function featureOpacity(layer, f, day) {
    var T = layer.time;
    if (!T || !f.t) return 1;
    if (f.x) return 0;
    var win = T.onDay ? [day, day + 1] : windowOf(day);
    var o;
    if (!T.persists) o = opacityAt(f.t, T.fade, win);
    else if (isEmpty(f.t) || !overlaps([f.t[0], null], win)) o = 0;
    else o = T.fade <= 0 ? 1 : Math.max(T.faded, opacityAt(f.t, T.fade, win));
    if (o <= 0 && T.earlier && f.t[1] !== null && f.t[1] <= day) o = T.earlier;
    return o;
  }
  function spanAt(list, day) {
    for (var i = 0; list && i < list.length; i++) if (contains(list[i], day)) return list[i];
    return null;
  }
  function controllerAt(id, day) {
    var s = spanAt((D.timelines[id] || {}).controller, day);
    return s ? s[2] : null;
  }
  function statusAt(id, day) {
    var s = spanAt((D.timelines[id] || {}).status, day);
    return s ? s[2] : null;
  }
  // The value a layer's categories are matched against on `day` (stateCategory in the model).
  function categoryValue(layer, f, day) {
    var field = layer.style.categoryField;
    if (!field) return null;
    if (field === '@controller') return (D.timelines[f.id] ? controllerAt(f.id, day) : f.c) || '';
    if (field === '@status') return statusAt(f.id, day) || '';
    return f.c === undefined ? '' : f.c;
  }
  function categoryOf(style, value) {
    for (var i = 0; value !== null && i < style.categories.length; i++)
      if (style.categories[i].value === value) return i;
    return -1;
  }

  // --- the state `kachin-atlas state --date` reports, from the same values ------------------
  function stateFor(dayOrIso) {
    var day = typeof dayOrIso === 'string' ? parseDay(dayOrIso) : dayOrIso;
    var win = windowOf(day);
    var S = D.state || { mines: [], crossings: [], front_lines: [], control_areas: [] };
    function versionAt(g) {
      for (var i = 0; i < g.versions.length; i++) if (contains(g.versions[i].t, day)) return g.versions[i];
      return null;
    }
    return {
      date: isoDay(day),
      window: { kind: D.window.kind, from: win[0] === null ? null : isoDay(win[0]), to: isoDay(win[1] - 1) },
      mines: S.mines.map(function (id) { return { id: id, controller: controllerAt(id, day) }; }),
      crossings: S.crossings.map(function (id) {
        return { id: id, controller: controllerAt(id, day), status: statusAt(id, day) };
      }),
      events: D.events.filter(function (e) { return overlaps(e.t, win); }).map(function (e) { return e.id; }),
      front_lines: S.front_lines.map(function (g) {
        var v = versionAt(g);
        return { line_id: g.group, in_force: v ? v.id : null };
      }),
      control_areas: S.control_areas.map(function (g) {
        var v = versionAt(g);
        return v ? { area_id: g.group, as_of: v.as_of } : null;
      }).filter(Boolean)
    };
  }

  // --- symbols ----------------------------------------------------------------------------
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function dashArray(sym) {
    var w = Math.max(sym.width, 1);
    return sym.dash === 'dash' ? (4 * w) + ' ' + (2 * w) : sym.dash === 'dot' ? w + ' ' + (2 * w)
      : sym.dash === 'dashdot' ? (4 * w) + ' ' + (2 * w) + ' ' + w + ' ' + (2 * w) : null;
  }
  // The marker as SVG, `size` px across, as render/marker.cpp draws it.
  function markerSvg(sym, size) {
    var s = size || sym.size, r = s / 2, pad = Math.ceil(sym.width) + 1, box = s + 2 * pad, c = box / 2;
    var paint = 'fill="' + sym.fill + '" fill-opacity="' + sym.fillA + '" stroke="' + sym.stroke +
      '" stroke-opacity="' + sym.strokeA + '" stroke-width="' + sym.width + '"';
    var shape;
    function poly(points) { return '<polygon points="' + points.map(function (p) { return (c + p[0]).toFixed(2) + ',' + (c + p[1]).toFixed(2); }).join(' ') + '" ' + paint + '/>'; }
    switch (sym.shape) {
    case 'square': shape = '<rect x="' + (c - r) + '" y="' + (c - r) + '" width="' + s + '" height="' + s + '" ' + paint + '/>'; break;
    case 'diamond': shape = poly([[0, -r], [r, 0], [0, r], [-r, 0]]); break;
    case 'triangle': shape = poly([[0, -r], [r, r * 0.8], [-r, r * 0.8]]); break;
    case 'star':
      var pts = [];
      for (var i = 0; i < 10; i++) {
        var a = -Math.PI / 2 + i * Math.PI / 5, rr = i % 2 ? r * 0.45 : r;
        pts.push([rr * Math.cos(a), rr * Math.sin(a)]);
      }
      shape = poly(pts); break;
    case 'cross':
      shape = '<path d="M' + (c - r) + ' ' + c + 'H' + (c + r) + 'M' + c + ' ' + (c - r) + 'V' + (c + r) + '" stroke="' + sym.stroke +
        '" stroke-width="' + Math.max(sym.width, 2) + '"/>'; break;
    default: shape = '<circle cx="' + c + '" cy="' + c + '" r="' + r + '" ' + paint + '/>';
    }
    return { html: '<svg xmlns="http://www.w3.org/2000/svg" width="' + box + '" height="' + box + '">' + shape + '</svg>', box: box };
  }
  function pathStyle(sym, opacity, layerOpacity) {
    var o = opacity * layerOpacity;
    return {
      color: sym.stroke, opacity: sym.strokeA * o, weight: sym.dash === 'none' ? 0 : sym.width,
      fillColor: sym.fill, fillOpacity: sym.fillA * o, dashArray: dashArray(sym), lineJoin: 'round'
    };
  }
  function swatchSvg(sym, kind) {
    if (kind === 'point') return markerSvg(sym, Math.min(sym.size, 14)).html;
    if (kind === 'line')
      return '<svg xmlns="http://www.w3.org/2000/svg" width="22" height="12"><line x1="1" y1="6" x2="21" y2="6" stroke="' + sym.stroke +
        '" stroke-opacity="' + sym.strokeA + '" stroke-width="' + Math.max(sym.width, 1) + '"' +
        (dashArray(sym) ? ' stroke-dasharray="' + dashArray(sym) + '"' : '') + '/></svg>';
    return '<svg xmlns="http://www.w3.org/2000/svg" width="22" height="14"><rect x="1" y="1" width="20" height="12" fill="' + sym.fill +
      '" fill-opacity="' + sym.fillA + '" stroke="' + sym.stroke + '" stroke-opacity="' + sym.strokeA + '" stroke-width="' +
      Math.min(sym.width, 2.5) + '"/></svg>';
  }
  function geometryKind(g) {
    if (!g) return null;
    return /Point/.test(g.type) ? 'point' : /LineString/.test(g.type) ? 'line' : 'polygon';
  }

  // --- the map ----------------------------------------------------------------------------
  var mapEl = document.getElementById('map');
  mapEl.style.background = D.background;
  var map = L.map(mapEl, { zoomSnap: 0.25, zoomDelta: 0.5, attributionControl: false, zoomControl: false,
                           minZoom: 4, maxZoom: D.maxZoom || 14 });
  map.fitBounds(D.view, { padding: [4, 4] });
  // The date stamp, as on the window's map and its exports, then zoom and a scale bar.
  var stamp = L.control({ position: 'topleft' });
  stamp.onAdd = function () { return L.DomUtil.create('div', 'atlas-stamp'); };
  stamp.addTo(map);
  L.control.zoom({ position: 'topleft' }).addTo(map);
  L.control.scale({ position: 'bottomleft', imperial: false, maxWidth: 120 }).addTo(map);
  map.createPane('atlas-labels').style.zIndex = 640;

  var drawn = [];   // one entry per feature with geometry: {layer, f, leaflet, kind, cat, opacity}
  var labels = [];  // {entry, marker, priority, rank}
  // The basemap is drawn on one canvas, below the data, in layer order (hundreds of outlines and
  // rivers, nothing to click); the data layers stay SVG and HTML markers, which carry their ids
  // in the DOM.
  map.createPane('atlas-basemap').style.zIndex = 399;
  var basemapCanvas = L.canvas({ pane: 'atlas-basemap' });
  D.layers.forEach(function (layer, li) {
    layer.index = li;
    if (layer.role === 'basemap') {
      layer.pane = 'atlas-basemap';
      layer.renderer = basemapCanvas;
      return;
    }
    layer.pane = 'atlas-layer-' + li;
    map.createPane(layer.pane).style.zIndex = 400 + li;
  });
  // A layer drawn from an earlier layer's features (the countries' borders over their fill)
  // takes the geometry by position; the export wrote it once.
  function shareGeometry(layer, features, source, offset) {
    for (var k = 0; k < features.length; k++) features[k].g = source[offset + k].g;
  }
  D.layers.forEach(function (layer) {
    if (layer.geometryOf !== undefined) shareGeometry(layer, layer.features, D.layers[layer.geometryOf].features, 0);
  });
  var GEOJSON_DEPTH = { LineString: 0, MultiLineString: 1, Polygon: 1, MultiPolygon: 2 };
  function basemapPath(layer, g) {
    var latlngs = L.GeoJSON.coordsToLatLngs(g.coordinates, GEOJSON_DEPTH[g.type]);
    var options = { pane: layer.pane, renderer: layer.renderer, interactive: false };
    return /Polygon/.test(g.type) ? L.polygon(latlngs, options) : L.polyline(latlngs, options);
  }
  function addFeature(layer, f) {
    var kind = geometryKind(f.g);
    if (!kind) return;
    var L0 = layer.style, pane = layer.pane;
    var entry = { layer: layer, f: f, kind: kind, cat: null, opacity: -1 };
    var group;
    if (layer.role === 'basemap' && kind !== 'point') {
      group = basemapPath(layer, f.g);
    } else {
      group = L.geoJSON({ type: 'Feature', geometry: f.g, properties: {} }, {
        pane: pane,
        interactive: layer.role !== 'basemap',
        pointToLayer: function (_, latlng) {
          return L.marker(latlng, { pane: pane, keyboard: layer.role !== 'basemap' && layer.key !== 'events',
                                    title: f.l || '', icon: L.divIcon({ className: 'atlas-icon', html: '' }) });
        }
      });
    }
    entry.leaflet = group;
    entry.bounds = group.getBounds();
    // Drawn the same on every day: no time and no state of the day to colour it by.
    entry.fixed = !layer.time && (L0.categoryField || '').charAt(0) !== '@';
    if (layer.role !== 'basemap') group.bindPopup(function () { return popupHtml(entry); }, { maxWidth: 320, autoPanPadding: [8, 8] });
    drawn.push(entry);
    if (f.l && L0.label.field) {
      var at = entry.bounds.getCenter();
      var sym = L0.symbol;
      var dx = kind === 'point' ? Math.round(sym.size / 2 + 5) : 0;
      var px = (L0.label.size * 96 / 72).toFixed(1);
      var halo = L0.label.halo;
      var html = '<span style="left:' + dx + 'px;font-size:' + px + 'px;color:' + L0.label.color + ';font-weight:' +
        (L0.label.bold ? 'bold' : 'normal') + ';text-shadow:0 0 2px ' + halo + ',0 0 2px ' + halo + ',0 0 3px ' + halo + '">' +
        esc(f.l) + '</span>';
      var marker = L.marker(at, { pane: 'atlas-labels', interactive: false, keyboard: false,
        icon: L.divIcon({ className: 'atlas-label' + (kind === 'point' ? '' : ' atlas-centre'), html: html, iconSize: null }) });
      labels.push({ entry: entry, marker: marker, priority: L0.label.priority, rank: f.r || 0, order: labels.length,
                    dx: dx, point: kind === 'point' });
    }
    return entry;
  }
  function sortLabels() {
    labels.sort(function (a, b) { return b.priority - a.priority || b.rank - a.rank || a.order - b.order; });
  }
  D.layers.forEach(function (layer) { layer.features.forEach(function (f) { addFeature(layer, f); }); });
  sortLabels();

  // The basemap away from the initial view (data/atlas-far.js), added once the first map is on
  // screen: nothing of it is in view until the reader pans or zooms out. It is built in slices
  // of a few milliseconds, so the slider and the map answer meanwhile.
  function loadFar(done) {
    var script = document.createElement('script');
    script.src = 'data/atlas-far.js';
    script.onload = function () {
      var far = window.ATLAS_FAR || {}, queue = [], at = 0;
      Object.keys(far).forEach(function (key) {  // in layer order: a layer's source comes first
        var layer = D.layers[+key], features = far[key];
        if (layer.geometryOf !== undefined)
          shareGeometry(layer, features, D.layers[layer.geometryOf].features, layer.features.length);
        features.forEach(function (f) { layer.features.push(f); queue.push([layer, f]); });
      });
      (function slice() {
        var until = performance.now() + 10;
        while (at < queue.length && performance.now() < until) {
          var entry = addFeature(queue[at][0], queue[at][1]);
          at++;
          if (entry) drawFeature(entry, current);
        }
        if (at < queue.length) return setTimeout(slice, 0);
        // The canvas draws in the order paths were added: put the basemap back in layer order.
        drawn.filter(function (e) { return e.leaflet.options.renderer === basemapCanvas && e.opacity > 0; })
          .sort(function (a, b) { return a.layer.index - b.layer.index; })  // stable: features keep their order
          .forEach(function (e) { e.leaflet.bringToFront(); });
        sortLabels();
        updateLegend();
        updateCredits();
        placeLabels();
        done();
      })();
    };
    script.onerror = function () { done(); };
    document.body.appendChild(script);
  }

  // Draws one feature for `day`: shown or not, its category's symbol, its opacity.
  function drawFeature(entry, day) {
    if (entry.fixed && entry.opacity > 0) return;
    var layer = entry.layer, style = layer.style;
    var opacity = featureOpacity(layer, entry.f, day);
    var cat = categoryOf(style, categoryValue(layer, entry.f, day));
    if (opacity <= 0) {
      if (entry.opacity > 0) map.removeLayer(entry.leaflet);
      entry.opacity = 0;
      return;
    }
    var adding = entry.opacity <= 0;
    var parts = entry.leaflet.eachLayer ? entry.leaflet.getLayers() : [entry.leaflet];
    // Styled before it is added, so it is drawn once, in its colours.
    if (cat !== entry.cat || opacity !== entry.opacity) {
      var sym = cat >= 0 ? style.categories[cat].symbol : style.symbol;
      parts.forEach(function (l) {
        if (l instanceof L.Marker) {
          var m = markerSvg(sym);
          l.setIcon(L.divIcon({ className: 'atlas-icon', html: m.html, iconSize: [m.box, m.box] }));
          l.setOpacity(opacity * style.opacity);
        } else {
          l.setStyle(pathStyle(sym, opacity, style.opacity));
        }
      });
    }
    if (adding) entry.leaflet.addTo(map);
    var id = entry.f.id || '';
    if (id && layer.role !== 'basemap')
      parts.forEach(function (l) {
        var el = l.getElement && l.getElement();
        if (el && el.getAttribute('data-atlas-id') !== id) el.setAttribute('data-atlas-id', id);
      });
    entry.cat = cat;
    entry.opacity = opacity;
  }

  // Labels of drawn features, beside their symbol: right, else left, above or below; where
  // every place collides the higher priority (then rank) wins, as the window's placer decides.
  var PLACES = [
    function (dx) { return { left: dx + 'px', transform: 'translateY(-50%)' }; },
    function (dx) { return { left: -dx + 'px', transform: 'translate(-100%, -50%)' }; },
    function (dx) { return { left: '0px', transform: 'translate(-50%, calc(-100% - ' + (dx - 2) + 'px))' }; },
    function (dx) { return { left: '0px', transform: 'translate(-50%, ' + (dx - 2) + 'px)' }; }
  ];
  // Rectangles in container pixels, worked out from the map (no layout read per candidate).
  function markerRects() {
    var out = [];
    drawn.forEach(function (e) {
      if (e.kind !== 'point' || e.opacity <= 0 || e.layer.key === 'events' || e.layer.role === 'basemap') return;
      var sym = e.cat >= 0 ? e.layer.style.categories[e.cat].symbol : e.layer.style.symbol;
      var h = sym.size / 2;
      e.leaflet.eachLayer(function (l) {
        var p = map.latLngToContainerPoint(l.getLatLng());
        out.push({ left: p.x - h, right: p.x + h, top: p.y - h, bottom: p.y + h });
      });
    });
    return out;
  }
  var CANDIDATES = [  // [left offset as a fraction of the width, top offset as a fraction of the height, css]
    function (dx, w, h) { return [dx, -h / 2, 'translateY(-50%)', dx]; },
    function (dx, w, h) { return [-dx - w, -h / 2, 'translate(-100%, -50%)', -dx]; },
    function (dx, w, h) { return [-w / 2, -h - (dx - 2), 'translate(-50%, calc(-100% - ' + (dx - 2) + 'px))', 0]; },
    function (dx, w, h) { return [-w / 2, dx - 2, 'translate(-50%, ' + (dx - 2) + 'px)', 0]; }
  ];
  function placeLabels() {
    var kept = markerRects();
    var size = map.getSize();
    function collides(r) {
      return kept.some(function (k) { return r.left < k.right && r.right > k.left && r.top < k.bottom && r.bottom > k.top; });
    }
    var writes = [];
    // All additions first, then all measures (one layout, not one per label), then placement.
    var shown = labels.filter(function (lab) {
      var show = lab.entry.opacity > 0;
      if (!show) { if (map.hasLayer(lab.marker)) map.removeLayer(lab.marker); return false; }
      if (!map.hasLayer(lab.marker)) lab.marker.addTo(map);
      return true;
    });
    shown.forEach(function (lab) {
      if (lab.w) return;
      var box = lab.marker.getElement().firstChild.getBoundingClientRect();  // once: the text's size does not change
      lab.w = box.width; lab.h = box.height;
    });
    shown.forEach(function (lab) {
      var span = lab.marker.getElement().firstChild;
      var p = map.latLngToContainerPoint(lab.marker.getLatLng());
      var cands = lab.point ? CANDIDATES : [function (dx, w, h) { return [-w / 2, -h / 2, null, null]; }];
      var chosen = null;
      for (var i = 0; i < cands.length && !chosen; i++) {
        var c = cands[i](lab.dx, lab.w, lab.h);
        var r = { left: p.x + c[0] - 1, right: p.x + c[0] + lab.w + 1, top: p.y + c[1], bottom: p.y + c[1] + lab.h };
        if (!collides(r)) {
          chosen = c;
          if (r.right > 0 && r.left < size.x && r.bottom > 0 && r.top < size.y) kept.push(r);
        }
      }
      writes.push([span, chosen]);
    });
    writes.forEach(function (w) {
      var span = w[0], c = w[1];
      span.style.visibility = c ? '' : 'hidden';
      if (c && c[2]) { span.style.left = c[3] + 'px'; span.style.transform = c[2]; }
    });
  }

  // --- popups: what the inspector shows -------------------------------------------------------
  function swatch(colour) { return '<span class="swatch" style="background:' + colour + '"></span>'; }
  function controllerText(value) {
    var c = D.palette.controller[value];
    return swatch(c ? c.colour : D.palette.other) + '<b>' + esc(c ? c.label : value) + '</b>';
  }
  function sinceText(b, e) {
    if (b !== null && e !== null) return 'from ' + dayLabel(b) + ' until ' + dayLabel(e - 1);
    if (b !== null) return 'since ' + dayLabel(b);
    if (e !== null) return 'until ' + dayLabel(e - 1) + ' (start not given by the sources)';
    return '(start not given by the sources; still in force)';
  }
  function sourcesHtml(ids) {
    if (!ids || !ids.length) return '';
    return '<h4>Sources</h4><ul class="sources">' + ids.map(function (id) {
      var s = D.sources[id];
      if (!s) return '<li><b>' + esc(id) + '</b></li>';
      var line = '<b>' + esc(id) + '</b> ' + esc(s.outlet);
      if (s.title) line += ' — “' + esc(s.title) + '”';
      if (s.date) line += ' (' + esc(s.date) + ')';
      if (s.href) line += '<br><a href="' + esc(s.href) + '" target="_blank" rel="noopener noreferrer">' + esc(s.url.split(';')[0].trim()) + '</a>';
      else if (s.url) line += '<br><span class="muted">' + esc(s.url) + '</span>';
      return '<li>' + line + '</li>';
    }).join('') + '</ul>';
  }
  function eventPopup(e, day) {
    var win = windowOf(day);
    var kindColour = D.palette.kind[e.kind] || D.palette.other;
    var h = '<h3>' + esc(e.title) + '</h3><p class="sub">' + swatch(kindColour) + esc(e.kind) + ' · ' + esc(e.date) +
      ' · <code>' + esc(e.id) + '</code></p><p>';
    if (overlaps(e.t, win)) h += '<b>In the map’s window</b> (' + dayLabel(day) + ')';
    else if (e.t[0] !== null && e.t[0] > day) h += '<b>' + (e.t[0] - day) + ' day(s) after</b> the map’s date';
    else if (e.t[1] !== null) h += '<b>' + (day - e.t[1] + 1) + ' day(s) before</b> the map’s date';
    h += '</p><p>' + esc(e.summary) + '</p>';
    if (e.actors.length) h += '<p><span class="muted">Actors:</span> ' + e.actors.map(esc).join(', ') + '</p>';
    if (e.concerns.length) h += '<p><span class="muted">Concerns:</span> ' + e.concerns.map(function (c) { return esc(c[1]); }).join(', ') + '</p>';
    if (e.confidence) h += '<p class="muted">confidence ' + esc(e.confidence) + '</p>';
    return h + sourcesHtml(e.sources);
  }
  var eventsById = {};
  D.events.forEach(function (e) { eventsById[e.id] = e; });

  function popupHtml(entry) {
    var day = current, f = entry.f, layer = entry.layer;
    var h = '<div class="atlas-popup">';
    if (layer.key === 'events' && eventsById[f.id]) return h + eventPopup(eventsById[f.id], day) + '</div>';
    var p = f.popup;
    if (!p) {
      // A user's layer: its attributes.
      h += '<h3>' + esc(f.l || f.id || layer.style.title) + '</h3><p class="sub">' + esc(layer.style.title) + '</p><table>';
      (f.a || []).forEach(function (a) { h += '<tr><td class="muted">' + esc(a[0]) + '</td><td>' + esc(a[1]) + '</td></tr>'; });
      return h + '</table>' + sourcesHtml(f.s) + '</div>';
    }
    h += '<h3>' + esc(p.title) + '</h3><p class="sub">' + esc(p.sub) + ' · <code>' + esc(f.id) + '</code></p>';
    if (p.names.length) h += '<p class="names">' + p.names.map(esc).join(' · ') + '</p>';
    var now = ['<b>On ' + dayLabel(day) + '</b>'];
    var tl = D.timelines[f.id] || {};
    if (tl.controller) {
      var c = spanAt(tl.controller, day);
      now.push(c ? 'Controlled by ' + controllerText(c[2]) + ' ' + sinceText(c[0], c[1]) + ' <span class="muted">(' + esc(c[3]) + ')</span>'
                 : 'Controller not known on this day');
    }
    if (layer.key === 'crossings') {
      var s = spanAt(tl.status, day);
      now.push(s ? swatch(D.palette.status[s[2]] || D.palette.other) + '<b>' + esc(s[2].charAt(0).toUpperCase() + s[2].slice(1)) + '</b>' +
                   (s[3] ? ' by ' + esc(s[3]) : '') + ' ' + sinceText(s[0], s[1]) : 'Status not known on this day');
    }
    if (layer.time && f.t) {
      if (contains(f.t, day)) now.push('This version is <b>in force</b> (' + sinceText(f.t[0], f.t[1]) + ')');
      else if (f.t[0] !== null && day < f.t[0]) now.push('Not yet in force: from ' + dayLabel(f.t[0]));
      else now.push('Superseded: in force ' + sinceText(f.t[0], f.t[1]));
      if (layer.key === 'control') now.push('Held by ' + controllerText(f.c));
    }
    if (p.quality.length) now.push('<span class="muted">' + p.quality.map(esc).join(' · ') + '</span>');
    h += '<p>' + now.join('<br>') + '</p>';
    if (p.figures) {
      h += '<h4>Reported figures</h4><ul>' + p.figures.map(function (fig) {
        return '<li' + (fig[0] > day ? ' class="later"' : '') + '>' + esc(fig[1]) + '</li>';
      }).join('') + '</ul>';
    }
    if (p.events.length) {
      var win = windowOf(day), past = 0, later = 0;
      var items = p.events.map(function (ev) {
        var e = D.events[ev[0]];
        var future = e.t[0] !== null && e.t[0] > day;
        if (future) later++; else past++;
        var cls = future ? 'later' : overlaps(e.t, win) ? 'now' : '';
        return '<li' + (cls ? ' class="' + cls + '"' : '') + '>' + swatch(D.palette.kind[e.kind] || D.palette.other) + esc(e.date) +
          ' — ' + esc(e.title) + ' <span class="muted">(' + esc(ev[1]) + ')</span></li>';
      });
      h += '<h4>Events (' + past + ' up to this day, ' + later + ' later)</h4><ul>' + items.join('') + '</ul>';
    }
    if (p.note) h += '<details><summary>Note</summary><p>' + esc(p.note) + '</p></details>';
    return h + sourcesHtml(p.sources) + '</div>';
  }

  // --- legend and credits of what is drawn ----------------------------------------------------
  var legend = L.control({ position: 'topright' });
  var legendBody;
  legend.onAdd = function () {
    var box = L.DomUtil.create('details', 'atlas-legend');
    if (map.getSize().x > 600) box.open = true;  // the size Leaflet measured: no layout here
    box.innerHTML = '<summary>Legend</summary><div></div>';
    legendBody = box.lastChild;
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  };
  legend.addTo(map);

  function updateLegend() {
    var sections = [];
    var basemapItems = [];
    var bounds = map.getBounds();
    for (var li = D.layers.length - 1; li >= 0; li--) {
      var layer = D.layers[li], style = layer.style;
      var used = {}, other = false, any = false, kind = null;
      drawn.forEach(function (e) {
        if (e.layer !== layer || e.opacity <= 0) return;
        if (!e.bounds.isValid() || !bounds.intersects(e.bounds)) return;
        any = true; kind = kind || e.kind;
        if (e.cat >= 0) used[e.cat] = true; else other = true;
      });
      if (!any) continue;
      if (layer.role === 'basemap') {
        // Kachin State and the borders, as the printed legend has them.
        if (style.categories.length && !style.showOther) style.categories.forEach(function (c, i) { if (used[i]) basemapItems.push([c.symbol, c.label, kind]); });
        else if (!style.categories.length) basemapItems.push([style.symbol, style.title, kind]);
        continue;
      }
      var items = [];
      style.categories.forEach(function (c, i) { if (used[i]) items.push([c.symbol, c.label, kind]); });
      if (!style.categories.length) {
        // One symbol: one line named after the layer, as the window's legend has it.
        sections.push({ title: '', items: [[style.symbol, style.title, kind]] });
        continue;
      }
      if (other && style.showOther) items.push([style.symbol, style.categoryField.charAt(0) === '@' ? 'Not known' : 'Other', kind]);
      sections.push({ title: style.title, items: items });
    }
    if (basemapItems.length) sections.push({ title: 'Basemap', items: basemapItems });
    legendBody.innerHTML = sections.map(function (s) {
      return (s.title ? '<h2>' + esc(s.title) + '</h2><ul>' : '<ul class="solo">') + s.items.map(function (it) {
        return '<li>' + swatchSvg(it[0], it[2]) + '<span>' + esc(it[1]) + '</span></li>';
      }).join('') + '</ul>';
    }).join('');
  }

  // "Sources: outlets… (references S…)" from the features drawn in view (formatCredits).
  function updateCredits() {
    var bounds = map.getBounds(), ids = {}, files = {}, basemap = false;
    drawn.forEach(function (e) {
      if (e.opacity <= 0) return;
      if (!e.bounds.isValid() || !bounds.intersects(e.bounds)) return;
      if (e.layer.role === 'basemap') { basemap = true; return; }
      if (e.f.s) e.f.s.forEach(function (id) { ids[id] = true; });
      else if (!e.layer.key && e.layer.file) files[e.layer.file] = true;
    });
    var refs = Object.keys(ids).filter(function (id) { return D.sources[id]; })
      .sort(function (a, b) { return D.sources[a].rank - D.sources[b].rank; });
    var outlets = {};
    refs.forEach(function (id) { D.sources[id].outlets.forEach(function (o) { if (!outlets[o.toLowerCase()]) outlets[o.toLowerCase()] = o; }); });
    var parts = [];
    var names = Object.keys(outlets).sort().map(function (k) { return outlets[k]; });
    if (names.length) parts.push('Sources: ' + names.map(esc).join('; ') + ' (references ' + refs.join(', ') + ' in the Kachin Atlas data, geodata/SOURCES.md).');
    var fileNames = Object.keys(files);
    if (fileNames.length) parts.push('Data: ' + fileNames.map(esc).join(', ') + '.');
    if (refs.length) parts.push('Areas and lines marked schematic are approximate.');
    if (basemap) parts.push('Basemap: Natural Earth.');
    parts.push('Made with Kachin Atlas and <a href="https://leafletjs.com" target="_blank" rel="noopener noreferrer">Leaflet</a>.');
    document.getElementById('atlas-credits').innerHTML = parts.join(' ');
  }

  // --- the clock ------------------------------------------------------------------------------
  var slider = document.getElementById('atlas-slider');
  var output = document.getElementById('atlas-date');
  var play = document.getElementById('atlas-play');
  var current = null;
  slider.min = D.range[0];
  slider.max = D.range[1];
  var windowText = D.window.kind === 'cumulative' ? 'events up to this day'
    : D.window.days === 1 ? 'events of this day' : 'events of the last ' + D.window.days + ' days';

  function setDay(day) {
    day = Math.max(D.range[0], Math.min(D.range[1], Math.round(day)));
    if (day === current) return;
    current = day;
    slider.value = day;
    slider.setAttribute('aria-valuetext', dayLabel(day));
    output.innerHTML = '<b>' + dayLabel(day) + '</b>';
    stamp.getContainer().innerHTML = dayLabel(day) + '<small>' + windowText + '</small>';
    drawn.forEach(function (e) { drawFeature(e, day); });
    // Legend and credits first: the labels measure their text, and one layout then serves all.
    updateLegend();
    updateCredits();
    placeLabels();
    if (map._popup && map._popup.isOpen() && map._popup._source) map._popup._source.openPopup();
  }
  slider.addEventListener('input', function () { setDay(+slider.value); });
  slider.addEventListener('keydown', function (ev) {
    // PageUp / PageDown: a month; the arrows move a day (the browser's own steps).
    if (ev.key === 'PageUp' || ev.key === 'PageDown') {
      ev.preventDefault();
      setDay(current + (ev.key === 'PageUp' ? 30 : -30));
    }
  });
  var timer = null;
  function stop() {
    clearInterval(timer); timer = null;
    play.innerHTML = '&#9654;'; play.setAttribute('aria-label', 'Play');
  }
  play.addEventListener('click', function () {
    if (timer) return stop();
    var step = Math.max(1, Math.round((D.range[1] - D.range[0]) / 400));
    if (current >= D.range[1]) setDay(D.range[0]);
    play.innerHTML = '&#10074;&#10074;'; play.setAttribute('aria-label', 'Pause');
    timer = setInterval(function () {
      if (current >= D.range[1]) return stop();
      setDay(current + step);
    }, 120);
  });
  map.on('zoomend moveend', function () { updateLegend(); updateCredits(); placeLabels(); });
  window.addEventListener('resize', function () { map.invalidateSize(); });

  setDay(D.day);
  // "Drawn" is when the first frame with every layer of the day is on screen: after the next
  // animation frame (where Leaflet's canvases draw) has been painted. atlasDrawn resolves with
  // the time since navigation; atlasComplete once the basemap away from the view is in too.
  function mark(name) {
    if (window.performance && performance.mark) performance.mark(name);
    return window.performance ? performance.now() : 0;
  }
  window.atlasDrawn = new Promise(function (resolve) {
    requestAnimationFrame(function () { setTimeout(function () { resolve(mark('atlas-drawn')); }, 0); });
  });
  window.atlasComplete = window.atlasDrawn.then(function () {
    return new Promise(function (resolve) { loadFar(function () { resolve(mark('atlas-complete')); }); });
  });

  // For scripts and tests: the state on a day (as `kachin-atlas state --date` reports it), the
  // clock and the Leaflet map.
  window.atlasStateFor = stateFor;
  window.atlasSetDate = function (iso) { setDay(parseDay(iso)); return isoDay(current); };
  window.atlasMap = map;
  window.atlasDate = function () { return isoDay(current); };
})();
