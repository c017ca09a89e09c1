// A person's events on an SVG time axis (d3): one row per event, a bar from
// the earliest to the latest possible day for fuzzy dates, a point for exact
// ones; undated events sit, hollow, after the dated event they follow in
// their document (the API's order); events in a contradiction are red.
const ROW = 20;
const LEFT = 230;

function day(s) { return s ? new Date(s + 'T00:00:00Z') : null; }

export function drawTimeline(container, events, conflictEvents, onClick) {
  const d3 = window.d3;
  if (!d3) {
    container.textContent = 'The timeline needs d3 (web/node_modules is missing: run scripts/setup.sh).';
    return;
  }
  if (!events.length) {
    container.textContent = 'No events.';
    return;
  }
  // Position of each event: its interval, or the previous dated one's end.
  let lastEnd = null;
  const items = events.map((ev) => {
    const a = day(ev.date && ev.date.earliest);
    const b = day(ev.date && ev.date.latest);
    let item;
    if (a || b) {
      const start = a || b, end = b || a;
      item = { ev, start, end, undated: false, open: !a || !b };
      lastEnd = end;
    } else {
      item = { ev, start: lastEnd, end: lastEnd, undated: true };
    }
    return item;
  });
  const dated = items.filter((i) => !i.undated);
  const lo = d3.min(dated, (i) => i.start) || new Date('1950-01-01');
  const hi = d3.max(dated, (i) => i.end) || new Date();
  const width = Math.max(600, container.clientWidth || 900);
  const height = items.length * ROW + 40;
  const x = d3.scaleUtc().domain([d3.utcYear.offset(lo, -1), d3.utcYear.offset(hi, 1)]).range([LEFT, width - 20]).nice();
  const svg = d3.select(container).append('svg').attr('class', 'timeline').attr('viewBox', `0 0 ${width} ${height}`)
    .attr('role', 'img').attr('aria-label', 'Timeline of events');
  svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${height - 24})`).call(d3.axisBottom(x).ticks(Math.min(12, width / 90)));
  const rows = svg.append('g').selectAll('g').data(items).join('g').attr('transform', (d, i) => `translate(0,${i * ROW + 6})`);
  rows.append('text').attr('x', 6).attr('y', 12)
    .text((d) => `${d.ev.date ? (d.ev.date.display || d.ev.date.text) : 'undated'} · ${d.ev.type.replace(/_/g, ' ')}`);
  rows.append('line').attr('x1', LEFT).attr('x2', width - 20).attr('y1', 8).attr('y2', 8).attr('stroke', '#eef1f5');
  rows.append('rect')
    .attr('class', (d) => {
      const c = ['mark'];
      if (d.undated) c.push('undated');
      else if (d.end - d.start > 2 * 86400000) c.push('interval');
      // A decided contradiction: the accepted side as usual, the rejected one struck.
      if (d.ev.rejected) c.push('rejected');
      else if (d.ev.accepted) c.push('accepted');
      else if (conflictEvents.has(d.ev.id)) c.push('conflict');
      return c.join(' ');
    })
    .attr('data-event', (d) => d.ev.id)
    .attr('x', (d) => (d.start ? x(d.start) : LEFT) + (d.undated ? 4 : 0))
    .attr('y', 2)
    .attr('width', (d) => (d.undated || !d.start ? 10 : Math.max(6, x(d.end) - x(d.start))))
    .attr('height', 12).attr('rx', 3)
    .on('click', (e, d) => onClick(d.ev))
    .append('title').text((d) => {
      const q = d.ev.sources && d.ev.sources[0] ? d.ev.sources[0].quote : '';
      return `${d.ev.type}: ${d.ev.date ? (d.ev.date.display || d.ev.date.text) : 'undated'}${d.ev.rejected ? ` (rejected by ${d.ev.rejected})` : d.ev.accepted ? ` (accepted by ${d.ev.accepted})` : conflictEvents.has(d.ev.id) ? ' (contradicted)' : ''}\n${q}`;
    });
}
