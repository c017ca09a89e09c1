// The escape route on a world map (d3 + topojson-client + world-atlas, all
// served by Cairn). Stops come from the person's events in timeline order:
// movements give their from / via / to places, arrests, detentions, jobs and
// other events their place. A place known only as a country is drawn as that
// country's shape, not as a dot at its centre.

// ISO 3166-1 alpha-2 -> numeric, for the countries world-atlas names by number.
const NUMERIC = { KP: '408', KR: '410', CN: '156', RU: '643', MN: '496', LA: '418', TH: '764', VN: '704',
  KH: '116', MM: '104', JP: '392', US: '840', GB: '826', CA: '124', DE: '276', FR: '250', AU: '036',
  PH: '608', ID: '360', MY: '458', SG: '702', IN: '356', NL: '528', BE: '056', NO: '578', SE: '752' };

// `moves`: the movement types (a Set; GET /api/event-types says which).
export function routeStops(events, moves) {
  const stops = [];
  const push = (place, ev, role) => {
    if (!place) return;
    const last = stops[stops.length - 1];
    if (last && last.place.id === place.id) return;
    stops.push({ place, type: ev.type, date: ev.date, role, event: ev.id });
  };
  for (const ev of events) {
    if (moves.has(ev.type)) {
      push(ev.from, ev, 'from');
      push(ev.via, ev, 'via');
      push(ev.to, ev, 'to');
      push(ev.place, ev, 'place');
    } else if (ev.place) {
      push(ev.place, ev, 'place');
    }
  }
  return stops;
}

let atlas = null;
async function loadAtlas() {
  if (!atlas) {
    const res = await fetch('/vendor/countries-110m.json');
    if (!res.ok) throw new Error('world-atlas is missing (run scripts/setup.sh)');
    atlas = await res.json();
  }
  return atlas;
}

export async function drawMap(container, stops) {
  const d3 = window.d3, topojson = window.topojson;
  if (!d3 || !topojson) {
    container.textContent = 'The map needs d3 and topojson-client (web/node_modules is missing: run scripts/setup.sh).';
    return;
  }
  let world;
  try { world = await loadAtlas(); } catch (e) { container.textContent = e.message; return; }
  const countries = topojson.feature(world, world.objects.countries).features;
  const byNumber = new Map(countries.map((f) => [String(f.id), f]));
  const byName = new Map(countries.map((f) => [f.properties.name.toLowerCase(), f]));
  const shapeOf = (p) => byNumber.get(NUMERIC[p.country]) || byName.get((p.name || '').toLowerCase());

  // Each stop: a point (a place with coordinates that is not a country) or
  // a country shape.
  const placed = stops.map((s) => {
    const isCountry = s.place.kind === 'country';
    const shape = isCountry ? shapeOf(s.place) : null;
    const point = !isCountry && s.place.geo ? [s.place.geo[1], s.place.geo[0]] : null;
    return { ...s, shape, point };
  }).filter((s) => s.shape || s.point);

  const width = Math.max(420, container.clientWidth || 640), height = Math.round(width * 0.62);
  const focus = { type: 'FeatureCollection', features: placed.map((s) => s.shape || { type: 'Feature', geometry: { type: 'Point', coordinates: s.point } }) };
  const projection = d3.geoMercator();
  if (placed.length) {
    projection.fitExtent([[40, 40], [width - 110, height - 40]], focus);
    if (projection.scale() > 2500) projection.scale(2500);  // one city: not the street
  } else {
    projection.fitSize([width, height], { type: 'Sphere' });
  }
  const path = d3.geoPath(projection);
  const svg = d3.select(container).append('svg').attr('class', 'map').attr('viewBox', `0 0 ${width} ${height}`)
    .attr('role', 'img').attr('aria-label', 'Map of the route');
  const visited = new Set(placed.filter((s) => s.shape).map((s) => s.shape));
  svg.append('g').selectAll('path').data(countries).join('path')
    .attr('class', (f) => (visited.has(f) ? 'country visited' : 'country'))
    .attr('data-country', (f) => f.properties.name).attr('d', path)
    .append('title').text((f) => f.properties.name);
  // Legs between consecutive stops. A country is entered at its border, at
  // the point nearest to where the route comes from (the first stop: nearest
  // to where it goes), and the route goes on from there; a stop already
  // inside the country (a city in it) reaches it where it is. So no leg ends
  // at a dot in a country's middle; the countries legs end at are
  // highlighted.
  const xy = (s) => (s.point ? projection(s.point) : path.centroid(s.shape));
  const inside = (shape, at) => {
    const ll = projection.invert(at);
    return ll && d3.geoContains(shape, ll);
  };
  const enter = (s, from) => (inside(s.shape, from) ? from : nearestOnBorder(s.shape, projection, from, width) || xy(s));
  const anchors = [];
  for (let i = 0; i < placed.length; i++) {
    const s = placed[i];
    if (!s.shape) anchors.push(xy(s));
    else if (i > 0) anchors.push(enter(s, anchors[i - 1]));
    else if (placed.length > 1) anchors.push(enter(s, xy(placed[1])));
    else anchors.push(xy(s));
  }
  const legs = [];
  for (let i = 1; i < placed.length; i++) legs.push({ a: placed[i - 1], b: placed[i], from: anchors[i - 1], to: anchors[i] });
  const ends = new Set(legs.flatMap((l) => [l.a.shape, l.b.shape]).filter(Boolean));
  svg.selectAll('path.country').classed('route-end', (f) => ends.has(f));
  svg.append('g').selectAll('path').data(legs).join('path').attr('class', 'leg')
    .attr('data-from', (l) => l.a.place.name).attr('data-to', (l) => l.b.place.name)
    .attr('data-from-country', (l) => (l.a.shape ? l.a.shape.properties.name : null))
    .attr('data-to-country', (l) => (l.b.shape ? l.b.shape.properties.name : null))
    .attr('d', (l) => `M${l.from[0]},${l.from[1]}L${l.to[0]},${l.to[1]}`);
  const pts = placed.map((s, i) => ({ s, i, at: xy(s) }));
  const g = svg.append('g');
  g.selectAll('circle').data(pts.filter((p) => p.s.point)).join('circle').attr('class', 'stop')
    .attr('r', 5).attr('cx', (p) => p.at[0]).attr('cy', (p) => p.at[1])
    .append('title').text((p) => `${p.i + 1}. ${p.s.place.name} (${p.s.type.replace(/_/g, ' ')})`);
  g.selectAll('text').data(pts).join('text').attr('class', 'stop-label')
    .attr('x', (p) => p.at[0] + 7).attr('y', (p) => p.at[1] - 6 - (p.i % 2) * 10)
    .text((p) => `${p.i + 1} ${p.s.place.name}`);
}

// The point of `shape`'s projected border nearest to `target` ([x, y]), or
// null. Edges longer than half the map are skipped: they are rings cut by the
// antimeridian, not borders.
function nearestOnBorder(shape, projection, target, width) {
  const g = shape.geometry;
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  let best = null, bestD = Infinity;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      const pts = ring.map((c) => projection(c)).filter(Boolean);
      for (let i = 1; i < pts.length; i++) {
        const [ax, ay] = pts[i - 1], [bx, by] = pts[i];
        const dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
        if (Math.abs(dx) > width / 2) continue;
        const t = len2 ? Math.max(0, Math.min(1, ((target[0] - ax) * dx + (target[1] - ay) * dy) / len2)) : 0;
        const x = ax + t * dx, y = ay + t * dy;
        const d = (x - target[0]) ** 2 + (y - target[1]) ** 2;
        if (d < bestD) { bestD = d; best = [x, y]; }
      }
    }
  }
  return best;
}
