// Cairn's browser front end: one page, hash routes, the JSON API of
// `cairn serve`. Every piece of document text reaches the page as a text node
// (el() below never parses HTML), so markup in a document stays inert.
import { drawTimeline } from './timeline.js';
import { drawMap, routeStops } from './map.js';

const main = document.getElementById('main');
const tokenInput = document.getElementById('token');
tokenInput.value = sessionStorage.getItem('cairn-token') || '';
// A new token may make another user: everything is asked again.
tokenInput.addEventListener('change', () => { sessionStorage.setItem('cairn-token', tokenInput.value); location.reload(); });
// Every API request carries the token: with a users file, reading needs it too.
const authHeaders = () => (tokenInput.value ? { 'X-Cairn-Token': tokenInput.value } : {});

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'class') node.className = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

async function api(path) {
  const res = await fetch('/api/' + path, { headers: { Accept: 'application/json', ...authHeaders() } });
  const body = await res.json().catch(() => ({ error: res.statusText }));
  if (!res.ok) throw new Error(body.error || res.statusText);
  return body;
}

// A page of a list: its rows and the total X-Total-Count gives.
async function apiPage(path) {
  const res = await fetch('/api/' + path, { headers: { Accept: 'application/json', ...authHeaders() } });
  const body = await res.json().catch(() => ({ error: res.statusText }));
  if (!res.ok) throw new Error(body.error || res.statusText);
  return { rows: body, total: Number(res.headers.get('X-Total-Count') || body.length) };
}

async function post(path, payload) {
  const res = await fetch('/api/' + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Cairn-Token': tokenInput.value },
    body: JSON.stringify(payload),
  });
  const body = await res.json().catch(() => ({ error: res.statusText }));
  if (!res.ok) throw new Error(body.error || res.statusText);
  return body;
}

const enc = encodeURIComponent;
// The event types come from the server (data/event_types.tsv, GET
// /api/event-types), asked once: the type filter lists them, the route takes
// its movements from them.
let eventTypesAsked = null;
function eventTypes() {
  if (!eventTypesAsked) eventTypesAsked = api('event-types').catch((e) => { eventTypesAsked = null; throw e; });
  return eventTypesAsked;
}

function docLink(src, label) {
  return el('a', { href: `#/doc/${enc(src.doc)}?at=${src.start}&end=${src.end}`, class: 'quote-link' },
    label || src.doc);
}
function personLink(ref) {
  return ref ? el('a', { href: `#/person/${enc(ref.id)}` }, ref.name) : '';
}
function placeLink(ref) {
  return ref ? el('a', { href: `#/place/${enc(ref.id)}` }, ref.name) : '';
}
function dateText(d) { return d ? (d.display || d.text || '?') : 'undated'; }

function eventItem(ev, { showSubject = false } = {}) {
  const roles = [];
  for (const r of ['place', 'from', 'via', 'to']) {
    if (ev[r]) roles.push(el('span', {}, ` ${r === 'place' ? 'in' : r} `, placeLink(ev[r])));
  }
  if (ev.object) roles.push(el('span', {}, ' · ', ev.object.name));
  return el('div', { class: 'event-item' + (ev.rejected ? ' rejected' : ''), 'data-event': ev.id },
    el('div', {},
      el('span', { class: 'muted' }, dateText(ev.date), ' '),
      showSubject && ev.subject ? [personLink(ev.subject), ' '] : '',
      el('span', { class: 'etype' }, ev.type.replace(/_/g, ' ')), roles,
      ev.hedged ? el('span', { class: 'badge' }, 'hedged') : '',
      ev.rejected ? el('span', { class: 'badge rejected', title: 'the other side of the contradiction was accepted' }, `rejected (${ev.rejected})`) : '',
      ev.accepted ? el('span', { class: 'badge accepted' }, `accepted (${ev.accepted})`) : ''),
    (ev.sources || []).map((s) => el('blockquote', {}, '“', s.quote, '” ', docLink(s, `${s.doc} @${s.start}`))));
}

function setTitle(t) { document.title = t ? `${t} · Cairn` : 'Cairn'; }

// ---------------------------------------------------------------- pages

async function searchPage(params) {
  setTitle('Search');
  const types = await eventTypes();
  const q = el('input', { type: 'search', name: 'q', size: 40, value: params.get('q') || '',
    placeholder: '"Tumen River" OR Yalu, repatriat*, NOT China' });
  // Any spelling or an id; suggestions come from the server as one types
  // (the people list may hold thousands).
  const suggestions = el('datalist', { id: 'person-suggestions' });
  const person = el('input', { type: 'search', name: 'person', list: 'person-suggestions', size: 18,
    placeholder: 'anyone', value: params.get('person') || '', oninput: async (e) => {
      const f = e.target.value.trim();
      if (f.length < 2) return;
      const r = await apiPage(`people?filter=${enc(f)}&limit=20`).catch(() => ({ rows: [] }));
      suggestions.replaceChildren(...r.rows.map((p) => el('option', { value: p.id }, p.name)));
    } });
  const type = el('select', { name: 'type' }, el('option', { value: '' }, 'any event'),
    types.map(({ type: t }) => el('option', { value: t, selected: params.get('type') === t }, t.replace(/_/g, ' '))));
  const from = el('input', { type: 'number', name: 'from', placeholder: 'from', class: 'year', value: params.get('from') || '' });
  const to = el('input', { type: 'number', name: 'to', placeholder: 'to', class: 'year', value: params.get('to') || '' });
  const results = el('div', { id: 'results' });
  const form = el('form', { class: 'row card', onsubmit: (e) => {
    e.preventDefault();
    const p = new URLSearchParams();
    for (const [k, v] of [['q', q.value], ['person', person.value], ['type', type.value], ['from', from.value], ['to', to.value]])
      if (v) p.set(k, v);
    location.hash = '#/search?' + p.toString();
  } },
  el('label', {}, 'Words ', q), el('label', {}, 'Person ', person, suggestions), el('label', {}, 'Event ', type),
  el('label', {}, 'Years ', from, ' – ', to), el('button', { type: 'submit' }, 'Search'));
  main.replaceChildren(el('h1', {}, 'Search'),
    el('p', { class: 'muted' }, 'All words must match; "quoted phrases", OR, NOT and prefix* work as in the CLI.'),
    form, results);
  if (![...params.keys()].length) return;
  const p = new URLSearchParams(params);
  const pageSize = 50;
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  p.set('limit', String(pageSize));
  try {
    const r = await api('search?' + p.toString());
    if (!r.hits.length) {
      results.replaceChildren(el('p', {}, offset ? 'No more documents.' : 'No document matches.'));
      return;
    }
    // A query matching very many documents is ranked among its newest
    // matches (the server bounds the work); its total is then "at least".
    const count = r.total_exact ? `${r.total} documents`
      : `more than ${r.total} documents; the best among the ${r.total} most recently added are shown (narrow the query to rank them all)`;
    const pageLink = (o, label) => {
      const np = new URLSearchParams(params);
      if (o) np.set('offset', String(o)); else np.delete('offset');
      return el('a', { href: '#/search?' + np.toString(), class: 'page-link' }, label);
    };
    const nav = el('p', { class: 'pager' },
      offset > 0 ? pageLink(Math.max(0, offset - pageSize), '← previous') : '',
      ` ${offset + 1}–${offset + r.hits.length} `,
      offset + r.hits.length < r.total ? pageLink(offset + pageSize, 'next →') : '');
    results.replaceChildren(el('p', { class: 'muted' }, count), nav,
      ...r.hits.map((h) => {
        const terms = [...(h.snippet || '').matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]);
        return el('div', { class: 'card hit' },
          el('a', { href: `#/doc/${enc(h.doc)}?hl=${enc([...new Set(terms)].join('\n'))}`, class: 'hit-link' },
            h.title || h.name), ' ', el('span', { class: 'muted' }, h.name),
          el('div', {}, snippet(h.snippet)));
      }));
  } catch (e) { results.replaceChildren(el('p', { class: 'error' }, e.message)); }
}

// "[match]" in snippets -> <mark>, everything else as text.
function snippet(s) {
  const out = [];
  const re = /\[([^\]]*)\]/g;
  let last = 0;
  for (const m of (s || '').matchAll(re)) {
    out.push(s.slice(last, m.index), el('mark', {}, m[1]));
    last = m.index + m[0].length;
  }
  out.push((s || '').slice(last));
  return out;
}

function sortableTable(columns, rows, { filter = '' } = {}) {
  let key = null, dir = 1;
  const tbody = el('tbody');
  const render = () => {
    let rs = rows.filter((r) => !filter || columns.some((c) => String(c.text(r)).toLowerCase().includes(filter.toLowerCase())));
    if (key) rs = [...rs].sort((a, b) => {
      const x = key.sort(a), y = key.sort(b);
      return (x < y ? -1 : x > y ? 1 : 0) * dir;
    });
    tbody.replaceChildren(...rs.map((r) => el('tr', {}, columns.map((c) => el('td', {}, c.cell(r))))));
  };
  const head = el('tr', {}, columns.map((c) => el('th', { class: 'sortable', onclick: () => {
    dir = key === c ? -dir : (c.desc ? -1 : 1); key = c; render();
  } }, c.title)));
  render();
  return { table: el('table', {}, el('thead', {}, head), tbody), setFilter: (f) => { filter = f; render(); } };
}

// The people list is paged, filtered and sorted by the server: a store may
// hold thousands of persons.
async function peoplePage(params = new URLSearchParams()) {
  setTitle('People');
  const pageSize = 100;
  const filter = params.get('filter') || '';
  const sort = params.get('sort') || 'events';
  const reverse = params.get('reverse') === '1';
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const { rows: people, total } = await apiPage(`people?filter=${enc(filter)}&sort=${enc(sort)}` +
    `${reverse ? '&reverse=1' : ''}&offset=${offset}&limit=${pageSize}`);
  const go = (change) => {
    const np = new URLSearchParams({ filter, sort, offset: String(offset), ...change });
    if (reverse && !('reverse' in change)) np.set('reverse', '1');
    for (const [k, v] of [...np.entries()]) if (v === '' || (k === 'offset' && v === '0')) np.delete(k);
    location.hash = '#/people?' + np.toString();
  };
  const columns = [['Name', 'name'], ['Aliases', null], ['Documents', 'docs'], ['Events', 'events'], ['Conflicts', 'conflicts']];
  const head = el('tr', {}, columns.map(([title, key]) => el('th', key ? {
    class: 'sortable' + (sort === key ? ' sorted' : ''),
    onclick: () => go({ sort: key, offset: '0', reverse: sort === key && !reverse ? '1' : '' }),
  } : {}, title, sort === key ? (reverse ? ' ▲' : ' ▼') : '')));
  const body = el('tbody', {}, people.map((p) => el('tr', {},
    el('td', {}, el('a', { href: `#/person/${enc(p.id)}` }, p.name),
      p.protected ? el('span', { class: 'badge protected' }, 'protected') : ''),
    el('td', {}, p.aliases.join(', ')), el('td', {}, p.docs), el('td', {}, p.events),
    el('td', {}, p.conflicts ? el('span', { class: 'badge conflict' }, p.conflicts) : '0'))));
  const input = el('input', { type: 'search', placeholder: 'filter by name or alias', value: filter,
    onchange: (e) => go({ filter: e.target.value, offset: '0' }) });
  const nav = el('p', { class: 'pager' },
    offset > 0 ? el('a', { href: '#', class: 'page-link', onclick: (e) => { e.preventDefault(); go({ offset: String(Math.max(0, offset - pageSize)) }); } }, '← previous') : '',
    ` ${total ? offset + 1 : 0}–${offset + people.length} of ${total} `,
    offset + people.length < total ? el('a', { href: '#', class: 'page-link', onclick: (e) => { e.preventDefault(); go({ offset: String(offset + pageSize) }); } }, 'next →') : '');
  main.replaceChildren(el('h1', {}, 'People'), el('p', { class: 'muted' }, `${total} persons`),
    el('p', {}, input), nav, el('table', {}, el('thead', {}, head), body));
}

async function personPage(id) {
  const [p, tl, conflicts, types] = await Promise.all([api('person/' + enc(id)), api('timeline/' + enc(id)),
    api('conflicts?person=' + enc(id)).catch(() => []), eventTypes()]);
  setTitle(p.name);
  const conflictEvents = new Set();
  for (const c of conflicts) for (const cl of c.claims || []) for (const e of cl.events || []) conflictEvents.add(e);
  const timeline = el('div', { id: 'timeline' });
  const map = el('div', { id: 'map' });
  const legs = el('ol', { class: 'legs' });
  const events = el('div', { class: 'facts' }, p.events.map((ev) => eventItem(ev)));
  const conflictList = el('div', {}, conflicts.length ? conflicts.map(conflictCard) : el('p', { class: 'muted' }, 'No contradictions between sources.'));
  const editor = editorTools(p);
  main.replaceChildren(
    el('h1', {}, p.name, p.protected ? el('span', { class: 'badge protected' }, 'protected identity') : ''),
    el('p', {}, p.aliases.length ? ['Also: ', p.aliases.join(' · ')] : el('span', { class: 'muted' }, 'No other names'),
      ' ', el('span', { class: 'muted' }, `· ${p.docs.length} document(s): `),
      p.docs.map((d, i) => [i ? ', ' : '', el('a', { href: `#/doc/${enc(d)}` }, d)])),
    el('h2', {}, 'Timeline'), timeline,
    el('div', { class: 'grid2' },
      el('div', {}, el('h2', {}, 'Route'), map, legs),
      el('div', {}, el('h2', {}, `Events (${p.events.length})`), events)),
    el('h2', {}, 'Contradictions'), conflictList, editor);
  drawTimeline(timeline, tl.events, conflictEvents, (ev) => {
    const s = ev.sources && ev.sources[0];
    if (s) location.hash = `#/doc/${enc(s.doc)}?at=${s.start}&end=${s.end}`;
  });
  // The route follows the accepted side of a decided contradiction.
  const moves = new Set(types.filter((t) => t.movement).map((t) => t.type));
  const stops = routeStops(tl.events.filter((e) => !e.rejected), moves);
  legs.replaceChildren(...stops.map((s) => el('li', {}, placeLink(s.place), ' ',
    el('span', { class: 'muted' }, `${s.type.replace(/_/g, ' ')} · ${dateText(s.date)}`))));
  if (!stops.length) legs.replaceChildren(el('p', { class: 'muted' }, 'No places known.'));
  else await drawMap(map, stops);
}

function editorTools(p) {
  if (!document.body.dataset.editable) return '';
  const other = el('input', { type: 'text', placeholder: 'entity id or name', size: 18 });
  const doc = el('select', {}, p.docs.map((d) => el('option', { value: d }, d)));
  const msg = el('span', { class: 'muted' });
  const run = async (path, payload) => {
    try { await post(path, payload); msg.textContent = 'Saved.'; route(); } catch (e) { msg.textContent = e.message; msg.className = 'error'; }
  };
  return el('div', {}, el('h2', {}, 'Corrections'),
    el('div', { class: 'row card' },
      el('label', {}, 'Merge into this person: ', other), el('button', { onclick: () => run('merge', { a: p.id, b: other.value }) }, 'Merge'),
      el('label', {}, 'Split this document out: ', doc), el('button', { onclick: () => run('split', { entity: p.id, doc: doc.value }) }, 'Split'),
      msg));
}

function conflictCard(c) {
  const decided = c.decision;
  const msg = el('span', { class: 'muted' });
  const note = el('input', { type: 'text', placeholder: 'note', size: 30, name: 'note' });
  const choice = el('select', { name: 'decision' },
    (c.claims || []).map((cl) => el('option', { value: 'accept\n' + cl.value }, `accept “${cl.value}”`)),
    el('option', { value: 'resolved\n' }, 'resolved'), el('option', { value: 'unresolvable\n' }, 'unresolvable'));
  const save = el('button', { class: 'decide', onclick: async () => {
    const [decision, value] = choice.value.split('\n');
    try {
      await post('decision', { conflict: c.id, decision, value, note: note.value });
      route();
    } catch (e) { msg.textContent = e.message; msg.className = 'error'; }
  } }, 'Record decision');
  return el('div', { class: 'card conflict', 'data-conflict': c.id },
    el('div', {}, c.subject ? [personLink(c.subject), ' · '] : '', el('b', {}, c.type.replace(/_/g, ' ')), ` (${c.field})`,
      decided ? el('span', { class: 'badge decided' }, `${decided.decision}${decided.value ? ': ' + decided.value : ''}`) : el('span', { class: 'badge conflict' }, 'open')),
    el('p', {}, c.explanation),
    (c.claims || []).map((cl) => el('div', {}, el('b', {}, cl.value),
      (cl.sources || []).map((s) => el('blockquote', {}, '“', s.quote, '” ', docLink(s))))),
    decided ? el('p', { class: 'muted decision' }, `Decision ${decided.id} by ${decided.author} at ${decided.created_at}`,
      decided.note ? ['. Note: ', decided.note] : '') : '',
    document.body.dataset.editable ? el('div', { class: 'row' }, choice, note, save, msg) : '');
}

async function conflictsPage() {
  setTitle('Conflicts');
  const cs = await api('conflicts');
  main.replaceChildren(el('h1', {}, 'Conflicts'),
    el('p', { class: 'muted' }, `${cs.length} contradictions between sources.`,
      document.body.dataset.editable ? '' : ' Enter the editor token and reload to record decisions.'),
    ...cs.map(conflictCard));
}

async function correctionsPage() {
  setTitle('Corrections');
  const cs = await api('corrections');
  const rows = cs.map((c) => {
    let what;
    if (c.kind === 'merge') what = [personLink(c.other), ' merged into ', personLink(c.entity)];
    else if (c.kind === 'split') what = [c.doc, ' split out of ', personLink(c.entity)];
    else what = [`conflict ${c.conflict}: ${c.decision}`, c.value ? ` “${c.value}”` : '', c.note ? ` (${c.note})` : ''];
    const undo = !c.undone_at && document.body.dataset.editable
      ? el('button', { class: 'secondary', onclick: async () => { try { await post('undo', { id: c.id }); route(); } catch (e) { alert(e.message); } } }, 'Undo') : '';
    return el('tr', {}, el('td', {}, c.id), el('td', {}, c.kind), el('td', {}, what), el('td', {}, c.author || '-'),
      el('td', {}, c.created_at), el('td', {}, c.undone_at ? `undone ${c.undone_at}${c.undone_by ? ' by ' + c.undone_by : ''}` : undo));
  });
  main.replaceChildren(el('h1', {}, 'Corrections'),
    el('p', { class: 'muted' }, 'Merges, splits and conflict decisions; they survive re-ingest. Also: cairn corrections, cairn undo ID.'),
    rows.length ? el('table', {}, el('thead', {}, el('tr', {}, ['Id', 'Kind', 'What', 'Who', 'When', ''].map((h) => el('th', {}, h)))), el('tbody', {}, rows))
      : el('p', {}, 'No corrections yet.'));
}

async function documentsPage() {
  setTitle('Documents');
  const docs = await api('documents');
  const t = sortableTable([
    { title: 'Id', text: (d) => d.id, sort: (d) => Number(d.id.slice(1)), cell: (d) => d.id },
    { title: 'Title', text: (d) => d.title + ' ' + d.name, sort: (d) => (d.title || d.name).toLowerCase(), cell: (d) => el('a', { href: `#/doc/${enc(d.id)}` }, d.title || d.name) },
    { title: 'File', text: (d) => d.name, sort: (d) => d.name, cell: (d) => d.name },
    { title: 'Date', text: (d) => d.date || '', sort: (d) => d.date || '', cell: (d) => d.date || '-' },
    { title: 'Events', text: () => '', sort: (d) => d.events, cell: (d) => d.events, desc: true },
  ], docs);
  main.replaceChildren(el('h1', {}, 'Documents'), el('p', {}, el('input', { type: 'search', placeholder: 'filter', oninput: (e) => t.setFilter(e.target.value) })), t.table);
}

async function documentPage(id, params) {
  const d = await api('document/' + enc(id));
  setTitle(d.title || d.name);
  const at = params.has('at') ? Number(params.get('at')) : null;
  const end = params.has('end') ? Number(params.get('end')) : null;
  const terms = (params.get('hl') || '').split('\n').filter((t) => t.length > 1).map((t) => t.toLowerCase());
  const text = el('div', { class: 'doctext', id: 'doctext' });
  let first = null;
  const ranges = termRanges(d.segments.map((s) => s.t).join(''), terms);
  let at16 = 0;
  for (const s of d.segments) {
    const cls = (s.k || []).map((k) => 'k-' + k);
    const bytes = new TextEncoder().encode(s.t).length;
    if (at !== null && s.o < (end ?? at + 1) && s.o + bytes > at) cls.push('target');
    const span = el('span', { class: cls.join(' ') || null, 'data-o': s.o, 'data-s': s.s ?? null,
      title: s.e ? s.e : null }, ...highlight(s.t, at16, ranges));
    at16 += s.t.length;
    if (s.e && (s.k || []).includes('person')) span.addEventListener('dblclick', () => { location.hash = `#/person/${enc(s.e)}`; });
    if (!first && (cls.includes('target') || span.querySelector('mark'))) first = span;
    text.append(span);
  }
  const facts = el('div', { class: 'facts' }, d.events.length ? d.events.map((ev) => eventItem(ev, { showSubject: true })) : el('p', { class: 'muted' }, 'No events stated.'));
  const meta = el('table', {}, el('tbody', {},
    [['File', d.name], ['Title', d.title || '-'], ['Date', d.date || '-'], ['Author', d.author || '-'], ['Language', d.language],
      ['Format', `${d.format} (${d.encoding})`], ['Size', `${d.bytes} bytes`], ['SHA-256', d.sha256]].map(([k, v]) => el('tr', {}, el('th', {}, k), el('td', {}, v)))));
  const versions = el('table', {}, el('thead', {}, el('tr', {}, ['Version', 'Ingested', 'Title', 'Bytes', 'SHA-256'].map((h) => el('th', {}, h)))),
    el('tbody', {}, d.versions.map((v) => el('tr', {}, el('td', {}, v.version), el('td', {}, v.ingested_at), el('td', {}, v.title), el('td', {}, v.bytes), el('td', { class: 'muted' }, v.sha256.slice(0, 16) + '…')))));
  main.replaceChildren(el('h1', {}, d.title || d.name), el('p', { class: 'muted' }, d.id, ' · ', d.name, d.date ? ` · ${d.date}` : ''),
    el('p', { class: 'legend' }, el('span', { class: 'k-person' }, 'person'), el('span', { class: 'k-place' }, 'place'),
      el('span', { class: 'k-date' }, 'date'), el('span', { class: 'k-event' }, 'event sentence')),
    el('div', { class: 'grid2' }, text, el('div', {}, el('h2', {}, `Facts from this document (${d.events.length})`), facts,
      el('h2', {}, 'Metadata'), meta, el('h2', {}, 'Versions'), versions)));
  if (first) first.scrollIntoView({ block: 'center' });
}

// Where `terms` occur in the whole text (UTF-16 ranges), so a phrase that
// spans several segments is found too.
function termRanges(full, terms) {
  const lower = full.toLowerCase();
  const ranges = [];
  for (const term of terms) {
    for (let i = lower.indexOf(term); i >= 0; i = lower.indexOf(term, i + term.length)) ranges.push([i, i + term.length]);
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

// One segment's text (starting at `at` in the whole text) with the parts
// inside `ranges` wrapped in <mark>.
function highlight(t, at, ranges) {
  const out = [];
  let i = 0;
  for (const [a, b] of ranges) {
    const s = Math.max(a - at, i), e = Math.min(b - at, t.length);
    if (e <= s) continue;
    out.push(t.slice(i, s), el('mark', {}, t.slice(s, e)));
    i = e;
  }
  out.push(t.slice(i));
  return out;
}

async function placesPage() {
  setTitle('Places');
  const places = await api('places');
  const t = sortableTable([
    { title: 'Place', text: (p) => p.name, sort: (p) => p.name.toLowerCase(), cell: (p) => placeLink(p) },
    { title: 'Kind', text: (p) => p.kind, sort: (p) => p.kind, cell: (p) => p.kind || '-' },
    { title: 'Country', text: (p) => p.country, sort: (p) => p.country, cell: (p) => p.country || '-' },
    { title: 'Events', text: () => '', sort: (p) => p.events, cell: (p) => p.events, desc: true },
    { title: 'Documents', text: () => '', sort: (p) => p.docs, cell: (p) => p.docs, desc: true },
  ], places);
  main.replaceChildren(el('h1', {}, 'Places'), el('p', {}, el('input', { type: 'search', placeholder: 'filter', oninput: (e) => t.setFilter(e.target.value) })), t.table);
}

async function placePage(id) {
  const p = await api('place/' + enc(id));
  setTitle(p.name);
  const map = el('div', { id: 'map' });
  main.replaceChildren(el('h1', {}, p.name), el('p', { class: 'muted' }, [p.kind, p.country].filter(Boolean).join(' · '),
    p.aliases.length ? ` · also ${p.aliases.join(', ')}` : ''),
  el('div', { class: 'grid2' }, el('div', {}, el('h2', {}, `Events here (${p.events.length})`),
    el('div', { class: 'facts' }, p.events.map((ev) => eventItem(ev, { showSubject: true })))), el('div', {}, el('h2', {}, 'Map'), map)));
  await drawMap(map, [{ place: p, type: 'place', date: null }]);
}

// Upload, then follow the background job (GET /api/ingest/ID) until it has
// finished: files done / total, the current file, each file's outcome and
// error, and links to the documents.
async function ingestPage() {
  setTitle('Ingest');
  const input = el('input', { type: 'file', multiple: true, id: 'files' });
  const bar = el('progress', { max: 100, value: 0, id: 'ingest-progress' });
  const status = el('p', { class: 'muted', id: 'ingest-status' });
  const results = el('div', { id: 'ingest-results' });
  const fileTable = (job) => el('table', { class: 'ingest-files' },
    el('thead', {}, el('tr', {}, ['File', 'Bytes', 'Outcome', 'Document'].map((h) => el('th', {}, h)))),
    el('tbody', {}, job.files.map((f) => el('tr', { 'data-file': f.file },
      el('td', {}, f.file), el('td', {}, f.bytes),
      el('td', { class: f.outcome === 'failed' ? 'error' : '' }, f.outcome || (job.current === f.file ? 'ingesting…' : 'waiting'),
        f.error ? [': ', f.error] : ''),
      el('td', {}, f.doc ? el('a', { href: `#/doc/${enc(f.doc)}`, class: 'doc-link' }, f.doc) : '')))));
  const follow = async (id) => {
    for (;;) {
      let job;
      try { job = await api('ingest/' + enc(id)); } catch (e) { status.textContent = e.message; status.className = 'error'; return; }
      if (!document.body.contains(results)) return;  // the user went elsewhere
      bar.max = Math.max(1, job.total);
      bar.value = job.done;
      if (job.finished) {
        status.textContent = `Done: ${job.added} new, ${job.updated} updated, ${job.unchanged} unchanged, ${job.failed} failed`;
        status.className = 'ingest-done' + (job.failed || job.errors.length ? ' error' : '');
      } else {
        status.textContent = job.state === 'queued' ? 'Waiting for another upload to finish…'
          : `${job.done} of ${job.total} files${job.current ? ' · now ' + job.current : ''}`;
      }
      results.replaceChildren(fileTable(job),
        job.errors.length ? el('div', {}, el('h2', {}, 'Errors'), job.errors.map((e) => el('p', { class: 'error' }, e))) : '');
      if (job.finished) return;
      await new Promise((r) => setTimeout(r, 300));
    }
  };
  const upload = (files) => {
    if (!files.length) return;
    const form = new FormData();
    for (const f of files) form.append('files', f, f.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/ingest');
    xhr.setRequestHeader('X-Cairn-Token', tokenInput.value);
    status.className = 'muted';
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) { bar.max = 100; bar.value = (100 * e.loaded) / e.total; status.textContent = `Uploading ${Math.round(bar.value)}%`; } };
    xhr.upload.onload = () => { status.textContent = 'Uploaded; waiting for the ingest to start…'; };
    xhr.onload = () => {
      let r; try { r = JSON.parse(xhr.responseText); } catch { r = { error: xhr.statusText }; }
      if (xhr.status !== 202 && xhr.status !== 200) { status.textContent = r.error; status.className = 'error'; return; }
      follow(r.id);
    };
    xhr.onerror = () => { status.textContent = 'Upload failed'; status.className = 'error'; };
    xhr.send(form);
  };
  const drop = el('div', { class: 'drop', ondragover: (e) => { e.preventDefault(); drop.classList.add('over'); },
    ondragleave: () => drop.classList.remove('over'),
    ondrop: (e) => { e.preventDefault(); drop.classList.remove('over'); upload([...e.dataTransfer.files]); } },
  'Drop files here, or ', input);
  input.addEventListener('change', () => upload([...input.files]));
  const recent = await api('ingest').catch(() => []);
  main.replaceChildren(el('h1', {}, 'Ingest'),
    document.body.dataset.editable ? '' : el('p', { class: 'error' }, 'Only editors ingest: start the server with --editor-token or --users, and enter an editor\'s token.'),
    drop, bar, status, results,
    recent.length ? [el('h2', {}, 'Recent uploads'), el('table', {}, el('thead', {}, el('tr', {}, ['Job', 'By', 'Files', 'New', 'Updated', 'Unchanged', 'Failed', 'State'].map((h) => el('th', {}, h)))),
      el('tbody', {}, recent.map((j) => el('tr', {}, [j.id, j.author, j.total, j.added, j.updated, j.unchanged, j.failed, j.state].map((v) => el('td', {}, v))))))] : '');
}

// ---------------------------------------------------------------- router

async function route() {
  const hash = location.hash.slice(1) || '/people';
  const [path, query] = hash.split('?');
  const params = new URLSearchParams(query || '');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  try {
    switch (parts[0]) {
      case 'search': return await searchPage(params);
      case 'people': return await peoplePage(params);
      case 'person': return await personPage(parts[1]);
      case 'conflicts': return await conflictsPage();
      case 'corrections': return await correctionsPage();
      case 'documents': return await documentsPage();
      case 'doc': return await documentPage(parts[1], params);
      case 'places': return await placesPage();
      case 'place': return await placePage(parts[1]);
      case 'ingest': return await ingestPage();
      default: return await peoplePage();
    }
  } catch (e) {
    main.replaceChildren(el('h1', {}, 'Not available'), el('p', { class: 'error' }, e.message));
  } finally {
    document.body.dataset.ready = String(Date.now());
  }
}

(async () => {
  try {
    const info = await api('info');
    // With a users file, the signed-in user's role decides; else the server's token.
    const canEdit = info.login ? info.role === 'editor' : info.editable;
    if (canEdit) document.body.dataset.editable = '1';
    if (info.login) document.querySelector('label.token').firstChild.textContent = 'Token ';
    document.getElementById('mode').textContent = info.login && !info.user
      ? 'sign in: enter your token'
      : `${info.documents} documents · ${info.user ? `${info.user} (${info.role})` : canEdit ? 'editable' : 'read-only'}` +
        `${info.redact ? ' · partner view (redacted)' : ''}`;
  } catch { /* the pages say what is wrong */ }
  window.addEventListener('hashchange', route);
  route();
})();
