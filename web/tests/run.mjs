// Browser tests of `cairn serve`, driving Debian's Chromium with playwright-core.
//
//   node web/tests/run.mjs --cairn build/cairn --source . --out build/web-test
//
// Builds a store from examples/documents plus tests/testdata/web (a conflict
// and a document with hostile markup), starts `cairn serve` on 127.0.0.1 with
// a free port (once editable, once with --redact), and checks what a user
// sees. Screenshots of the main pages go to --out. Exits 77 (CTest's skip)
// when Chromium or web/node_modules is missing.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const CAIRN = path.resolve(args.cairn || 'build/cairn');
const SOURCE = path.resolve(args.source || '.');
const OUT = path.resolve(args.out || 'build/web-test');
const CHROMIUM = process.env.CAIRN_CHROMIUM || '/usr/bin/chromium';
const TOKEN = 'test-token-' + process.pid;

function skip(why) {
  console.log(`SKIP: ${why}`);
  process.exit(77);
}
if (!fs.existsSync(CHROMIUM)) skip(`${CHROMIUM} not found (scripts/setup.sh installs chromium)`);
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch {
  skip('web/node_modules/playwright-core is missing (scripts/setup.sh runs npm ci in web/)');
}

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
}

fs.rmSync(OUT, { recursive: true, force: true });
fs.mkdirSync(OUT, { recursive: true });
const db = path.join(OUT, 'web.db');
execFileSync(CAIRN, ['ingest', '--db', db, '--quiet', path.join(SOURCE, 'examples/documents'),
  path.join(SOURCE, 'tests/testdata/web')], { stdio: 'inherit' });

const servers = [];
function serve(extra) {
  return new Promise((resolve, reject) => {
    const p = spawn(CAIRN, ['serve', '--db', db, '--port', '0', '--web', path.join(SOURCE, 'web'), ...extra],
      { stdio: ['ignore', 'pipe', 'inherit'] });
    servers.push(p);
    let out = '';
    p.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    });
    p.on('exit', (code) => reject(new Error(`cairn serve exited with ${code}: ${out}`)));
  });
}
function stopServers() { for (const p of servers) p.kill('SIGTERM'); }

const base = await serve(['--editor-token', TOKEN]);
const redactedBase = await serve(['--redact']);
// A users file: a viewer reads, changes are refused.
const VIEWER = 'viewer-token-' + process.pid;
const usersFile = path.join(OUT, 'users.txt');
execFileSync(CAIRN, ['users', 'add', '--users', usersFile, 'vera', '--role', 'viewer', '--token', VIEWER]);
const usersBase = await serve(['--users', usersFile]);
const api = async (b, p) => (await fetch(b + '/api/' + p)).json();

process.on('exit', stopServers);
const context = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-chromium-')), {
  executablePath: CHROMIUM,
  headless: true,
  viewport: { width: 1360, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

try {
  const page = await context.newPage();
  const external = [];
  page.on('request', (r) => {
    if (![base, redactedBase, usersBase].some((b) => r.url().startsWith(b)) && !r.url().startsWith('data:')) external.push(r.url());
  });
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // The pages must live within their own Content-Security-Policy.
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) errors.push(m.text()); });
  // Opens a route and waits until the router has drawn it.
  const open = async (b, hash) => {
    const url = `${b}/#${hash}`;
    if (page.url().startsWith(b)) await page.evaluate(() => { delete document.body.dataset.ready; });
    if (page.url() === url) await page.reload();
    else await page.goto(url);
    await page.waitForFunction(() => document.body.dataset.ready);
    await page.waitForLoadState('networkidle');
  };

  // People.
  const people = await api(base, 'people');
  const han = people.find((p) => p.name === 'Han Mi-rae');
  check(han && han.conflicts === 1, 'the conflicting test person is resolved across two documents');
  await open(base, '/people');
  check(await page.locator('table tbody tr').count() === people.length, 'the people page lists everyone');
  // Filtered and sorted by the server.
  await open(base, '/people?filter=mi-rae&sort=name');
  check(await page.locator('table tbody tr').count() === 1 &&
    (await page.locator('table tbody tr a').first().textContent()) === 'Han Mi-rae', 'the people filter asks the server');
  await open(base, '/people');
  await page.screenshot({ path: path.join(OUT, 'people.png'), fullPage: true });

  // Person: timeline marks, map with the route.
  const tl = await api(base, `timeline/${han.id}`);
  await open(base, `/person/${han.id}`);
  await page.waitForSelector('svg.map');
  const marks = await page.locator('svg.timeline rect.mark').count();
  check(marks === tl.events.length && marks > 0, `timeline: ${marks} marks for ${tl.events.length} events`);
  check(await page.locator('svg.timeline rect.mark.conflict').count() === 2, 'both sides of the birth contradiction are marked');
  const legs = await page.locator('svg.map path.leg').count();
  const stops = await page.locator('svg.map circle.stop').count();
  const visited = await page.locator('svg.map path.country.visited')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-country')));
  check(legs >= 3 && stops >= 3, `map: ${legs} legs, ${stops} city stops`);
  check(visited.includes('China'), `a place known only as a country is its shape (${visited.join(', ')})`);
  // A leg to or from a country ends on the country's border, which is
  // highlighted, not at a dot in its middle; or, coming from or going to a
  // city in that country, at the city.
  const countryEnds = await page.locator('svg.map path.leg').evaluateAll((els) => els.flatMap((leg) => {
    const cities = [...document.querySelectorAll('svg.map circle.stop')].map((c) => [Number(c.getAttribute('cx')), Number(c.getAttribute('cy'))]);
    const nums = leg.getAttribute('d').match(/-?[\d.]+(e-?\d+)?/g).map(Number);
    const out = [];
    for (const [attr, x, y] of [['data-from-country', nums[0], nums[1]], ['data-to-country', nums[2], nums[3]]]) {
      const name = leg.getAttribute(attr);
      if (!name) continue;
      const shape = [...document.querySelectorAll('svg.map path.country')].find((c) => c.getAttribute('data-country') === name);
      const old = shape.style.strokeWidth;
      shape.style.strokeWidth = '3px';
      const pt = new DOMPoint(x, y);
      const onBorder = shape.isPointInStroke(pt);
      shape.style.strokeWidth = old;
      const box = shape.getBBox();
      const centre = Math.hypot(x - (box.x + box.width / 2), y - (box.y + box.height / 2));
      const atCity = cities.some(([cx, cy]) => Math.hypot(cx - x, cy - y) < 0.5) && shape.isPointInFill(pt);
      out.push({ name, onBorder, atCity, highlighted: shape.classList.contains('route-end'), centre: Math.round(centre) });
    }
    return out;
  }));
  check(countryEnds.some((e) => e.name === 'China' && e.onBorder) &&
    countryEnds.every((e) => (e.onBorder || e.atCity) && e.highlighted && e.centre > 3),
    `route legs end on the border of a country stop, highlighted: ${JSON.stringify(countryEnds)}`);
  check(await page.locator('ol.legs li').count() >= 4, 'the ordered legs are listed with dates');
  await page.screenshot({ path: path.join(OUT, 'person.png'), fullPage: true });
  // The README's picture (docs/web-person.jpg is a copy of it).
  await page.screenshot({ path: path.join(OUT, 'person-readme.jpg'), type: 'jpeg', quality: 70,
    clip: { x: 0, y: 0, width: 1360, height: 1060 } });

  // Click an event: its document at the highlighted sentence.
  const ev = tl.events.find((e) => e.type === 'arrest');
  await page.locator(`svg.timeline rect.mark[data-event="${ev.id}"]`).click();
  await page.waitForSelector('#doctext .target');
  const target = (await page.locator('#doctext .target').allTextContents()).join('');
  check(target === ev.sources[0].quote, `clicking the arrest lands on its sentence: "${target}"`);
  check(await page.locator('#doctext .target').first().isVisible(), 'the sentence is scrolled into view');
  await page.screenshot({ path: path.join(OUT, 'document.png') });
  // The events list links to the same place.
  await open(base, `/person/${han.id}`);
  await page.locator(`.event-item[data-event="${ev.id}"] a.quote-link`).first().click();
  await page.waitForSelector('#doctext .target');
  check((await page.locator('#doctext .target').allTextContents()).join('') === ev.sources[0].quote,
    'the quote link in the events list opens the same sentence');

  // Search a phrase, then a query with NOT.
  await open(base, '/search?q=' + encodeURIComponent('"crossed the Tumen River"'));
  const hits = await page.locator('.hit').count();
  const marked = await page.locator('.hit mark').allTextContents();
  const words = await api(base, 'search?q=' + encodeURIComponent('crossed the Tumen River'));
  check(hits >= 2 && hits < words.hits.length && marked.length === hits &&
    marked.every((m) => m.toLowerCase() === 'crossed the tumen river'),
  `phrase search: ${hits} hits with the phrase marked (${words.hits.length} with the words anywhere)`);
  await page.screenshot({ path: path.join(OUT, 'search.png') });
  // The event filter lists the engine's types (data/event_types.tsv, served
  // by GET /api/event-types), not a copy of its own.
  const tableTypes = fs.readFileSync(path.join(SOURCE, 'data/event_types.tsv'), 'utf8').split('\n')
    .filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t')[0]);
  const served = (await api(base, 'event-types')).map((t) => t.type);
  const offered = (await page.locator('select[name=type] option').evaluateAll((os) => os.map((o) => o.value)))
    .filter(Boolean);
  check(tableTypes.length > 20 && JSON.stringify(served) === JSON.stringify(tableTypes) &&
    JSON.stringify(offered) === JSON.stringify(tableTypes),
  `the event filter offers the ${offered.length} types of data/event_types.tsv (${tableTypes.length})`);
  await page.locator('.hit a.hit-link').first().click();
  await page.waitForFunction(() => location.hash.startsWith('#/doc/'));
  await page.waitForSelector('#doctext mark');
  check(await page.locator('#doctext mark').count() > 0, 'a hit opens its document with the match marked');
  const not = await api(base, 'search?q=' + encodeURIComponent('Tumen NOT arrested'));
  const plain = await api(base, 'search?q=Tumen');
  check(not.hits.length > 0 && not.hits.length < plain.hits.length, 'NOT removes documents');

  // Record a conflict decision; it is there after a reload and on the person page.
  await page.goto(`${base}/#/conflicts`);
  await page.evaluate((t) => sessionStorage.setItem('cairn-token', t), TOKEN);
  await open(base, '/conflicts');
  const card = page.locator('.card.conflict').first();
  await card.locator('select[name=decision]').selectOption({ index: 0 });
  await card.locator('input[name=note]').fill('the registry says 1980');
  await card.locator('button.decide').click();
  await page.waitForSelector('.card.conflict .badge.decided');
  await page.reload();
  await page.waitForFunction(() => document.body.dataset.ready);
  const badge = await page.locator('.card.conflict .badge.decided').first().textContent().catch(() => '');
  check(/^accept: /.test(badge), `the decision survives a reload (${badge})`);
  await page.screenshot({ path: path.join(OUT, 'conflicts.png'), fullPage: true });
  await open(base, `/person/${han.id}`);
  check(/the registry says 1980/.test(await page.locator('.card.conflict').textContent()), 'the decision shows on the person page');
  // The accepted side is the fact shown; the other side is marked rejected.
  check(await page.locator('svg.timeline rect.mark.rejected').count() === 1 &&
    await page.locator('svg.timeline rect.mark.accepted').count() === 1 &&
    await page.locator('svg.timeline rect.mark.conflict').count() === 0,
  'after accepting a side, the timeline marks one event accepted and the other rejected');
  check(await page.locator('.event-item.rejected .badge.rejected').count() === 1, 'the events list marks the rejected event');
  await page.screenshot({ path: path.join(OUT, 'person-decided.png'), fullPage: true });
  const corrections = await api(base, 'corrections');
  check(corrections.length === 1 && corrections[0].kind === 'decision', 'the decision is listed with the corrections');

  // A POST without the token, or from another origin, is refused.
  const noToken = await fetch(base + '/api/undo', { method: 'POST', body: '{"id":"r1"}', headers: { 'Content-Type': 'application/json' } });
  const crossSite = await fetch(base + '/api/undo', { method: 'POST', body: '{"id":"r1"}', headers: { 'X-Cairn-Token': TOKEN, Origin: 'http://evil.example' } });
  check(noToken.status === 401 && crossSite.status === 403, 'changes need the token and the same origin');

  // Hostile document text stays inert.
  const hostile = (await api(base, 'documents')).find((d) => d.name === 'hostile_markup_note.html');
  await open(base, `/doc/${hostile.id}`);
  const pwned = await page.evaluate(() => window.__cairn_pwned);
  check(pwned === undefined && dialogs.length === 0, 'no script from the document ran');
  check(await page.locator('#doctext script, #doctext img, h1 script').count() === 0, 'no element was made from document text');
  check((await page.locator('#doctext').textContent()).includes('<img src=x onerror='), 'the markup is shown as text');
  check((await page.locator('h1').textContent()).includes('<script>alert(1)</script>'), 'the title is shown as text');

  // The partner view: no protected name anywhere.
  const protectedPeople = people.filter((p) => p.protected);
  check(protectedPeople.length > 0, 'the examples hold a protected person');
  const names = protectedPeople.flatMap((p) => [p.name, ...p.aliases]).filter((n) => n.length > 2);
  const pages = ['/people', '/conflicts', '/documents', '/places'];
  for (const p of protectedPeople) {
    pages.push(`/person/${p.id}`);
    const full = await api(base, `person/${p.id}`);
    for (const d of full.docs) pages.push(`/doc/${d}`);
  }
  let leaks = [];
  for (const h of pages) {
    await open(redactedBase, h);
    const html = await page.content();
    leaks.push(...names.filter((n) => html.includes(n)).map((n) => `${h}: ${n}`));
    if (h.startsWith('/person/')) await page.screenshot({ path: path.join(OUT, 'redacted-person.png'), fullPage: true });
  }
  for (const a of ['people', 'conflicts', 'documents', ...protectedPeople.map((p) => `person/${p.id}`)]) {
    const body = await (await fetch(`${redactedBase}/api/${a}`)).text();
    leaks.push(...names.filter((n) => body.includes(n)).map((n) => `/api/${a}: ${n}`));
  }
  check(leaks.length === 0, `--redact pages and API name no protected person${leaks.length ? ': ' + leaks.join('; ') : ''}`);

  // Users: without a token nothing is shown; a viewer reads but is offered no change.
  await open(usersBase, '/people');
  check(/sign in/.test(await page.locator('#mode').textContent()) && await page.locator('table tbody tr').count() === 0,
    'with a users file, a visitor without a token is asked to sign in');
  await page.goto(`${usersBase}/#/conflicts`);
  await page.evaluate((t) => sessionStorage.setItem('cairn-token', t), VIEWER);
  await open(usersBase, '/conflicts');
  check(/vera \(viewer\)/.test(await page.locator('#mode').textContent()) &&
    await page.locator('.card.conflict').count() > 0 && await page.locator('button.decide').count() === 0,
  'a viewer reads the conflicts and is offered no decision');
  const viewerPost = await page.evaluate(async (t) => (await fetch('/api/undo', { method: 'POST',
    headers: { 'X-Cairn-Token': t, 'Content-Type': 'application/json' }, body: '{"id":"r1"}' })).status, VIEWER);
  check(viewerPost === 403, `a viewer's change is refused (${viewerPost})`);

  // Ingest from the browser: pick files, follow the background job, open the new document.
  await page.goto(`${base}/#/ingest`);
  await page.evaluate((t) => sessionStorage.setItem('cairn-token', t), TOKEN);
  await open(base, '/ingest');
  await page.locator('#files').setInputFiles([
    { name: 'ingest_note.txt', mimeType: 'text/plain',
      buffer: Buffer.from('Ri Chol-ung was born in 1971 in Hyesan. In 1999 Ri Chol-ung crossed the Yalu River into China.\n') },
    { name: 'broken.bin', mimeType: 'application/octet-stream', buffer: Buffer.from([0, 1, 2, 255, 0, 7]) },
  ]);
  await page.waitForSelector('#ingest-status.ingest-done', { timeout: 60000 });
  const statusText = await page.locator('#ingest-status').textContent();
  const noteRow = page.locator('table.ingest-files tr[data-file="ingest_note.txt"]');
  const badRow = page.locator('table.ingest-files tr[data-file="broken.bin"]');
  check(/1 new/.test(statusText) && /1 failed/.test(statusText), `the ingest finishes with its counts (${statusText})`);
  check(/failed: .+/.test(await badRow.textContent()), `the failed file shows its error (${await badRow.textContent()})`);
  check(await page.locator('#ingest-progress').evaluate((p) => p.value === p.max && p.max === 2), 'the progress bar counts files: 2 of 2');
  await page.screenshot({ path: path.join(OUT, 'ingest.png') });
  await noteRow.locator('a.doc-link').click();
  await page.waitForFunction(() => location.hash.startsWith('#/doc/') && document.querySelector('#doctext'));
  check((await page.locator('#doctext').textContent()).includes('Ri Chol-ung was born in 1971'), 'the new document opens from its link');

  await open(base, '/places');
  await page.screenshot({ path: path.join(OUT, 'places.png') });
  check(external.length === 0, `no request left the server${external.length ? ': ' + external.join(', ') : ''}`);
  check(errors.length === 0, `no script errors or CSP violations${errors.length ? ': ' + errors.join('; ') : ''}`);
} catch (e) {
  console.log(`FAIL ${e.stack || e}`);
  failures++;
} finally {
  await context.close();
  stopServers();
}
console.log(failures ? `${failures} check(s) failed` : 'all browser checks passed');
process.exit(failures ? 1 : 0);
