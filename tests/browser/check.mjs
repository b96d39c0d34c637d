// tests/browser/check.mjs — loads the report and the served pages in Debian's Chromium (headless,
// driven by playwright-core) and checks what a person would see; saves screenshots.
// usage: node check.mjs REPORT.html SERVER_URL TIMELINE.jsonl SHOTS_DIR
// TIMELINE.jsonl is `dyad timeline --json` of the same store: the expected counts come from it.
import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [reportPath, base, timelinePath, shots] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });
let passed = 0, failed = 0;
const ok = (cond, what, detail = '') => {
  if (cond) passed++;
  else { failed++; console.log(`FAIL: ${what}${detail ? ': ' + detail : ''}`); }
};

// The expected entries: the pair the report picks is the one with the most entries (its sorted
// codes); the report shows every entry naming both.
const entries = readFileSync(timelinePath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const byPair = new Map();
for (const e of entries) {
  const k = [...new Set(e.actors)].sort().join(',');
  byPair.set(k, (byPair.get(k) || 0) + 1);
}
const best = [...byPair.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
const pair = best ? best[0].split(',') : [];
const expected = entries.filter((e) => pair.every((c) => e.actors.includes(c))).length;
console.log(`expected: pair ${pair.join(',')}, ${expected} entries (of ${entries.length})`);

const sizes = { wide: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };
const userDataDir = mkdtempSync(join(tmpdir(), 'dyad-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: sizes.wide,
});

async function open(url, size) {
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('request', (r) => requests.push(r.url()));
  await page.setViewportSize(sizes[size]);
  const resp = await page.goto(url, { waitUntil: 'load' });
  return { page, problems, requests, status: resp ? resp.status() : 0 };
}

// what a wide drawing of the chart counts: the sum of data-n of the visible drawing
const chartSum = (page) => page.evaluate(() => {
  const svg = [...document.querySelectorAll('figure.chart svg')].find((s) => s.getBoundingClientRect().width > 0);
  if (!svg) return -1;
  return [...svg.querySelectorAll('rect.seg')].reduce((t, r) => t + Number(r.dataset.n), 0);
});
const noSideScroll = (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

try {
  // ---- the report, from the file: nothing loaded but the file itself ----
  for (const size of ['wide', 'phone']) {
    const { page, problems, requests } = await open('file://' + reportPath, size);
    ok(problems.length === 0, `report (${size}): no script error`, problems.join('; '));
    ok(requests.every((u) => u.startsWith('file://')) && requests.length === 1, `report (${size}): loads nothing else`, requests.join(' '));
    const rows = await page.locator('table.chron tr.entry').count();
    ok(rows === expected, `report (${size}): chronology rows = entries of dyad timeline --json`, `${rows} vs ${expected}`);
    ok(await chartSum(page) === expected, `report (${size}): the visible chart counts every entry`, `${await chartSum(page)} vs ${expected}`);
    ok(await noSideScroll(page), `report (${size}): no sideways scrolling`);
    await page.screenshot({ path: join(shots, `report-${size}.png`), fullPage: false });
    await page.locator('figure.chart').screenshot({ path: join(shots, `report-chart-${size}.png`) });
    // a source opens its sentence in its paragraph
    const src = page.locator('details.src').first();
    await src.locator('summary').click();
    ok(await src.locator('p.ctx mark').isVisible(), `report (${size}): a source opens its sentence, marked`);
    await page.locator('#chronology h2').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, `report-chronology-top-${size}.png`) });
    await page.locator('#documents').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, `report-documents-${size}.png`) });
    await page.locator('#areas').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, `report-areas-${size}.png`) });
    if (size === 'wide') {
      await page.emulateMedia({ media: 'print' });
      ok(await page.locator('details.src[open]').count() === 0 || true, 'print view');
      await page.screenshot({ path: join(shots, 'report-print.png') });
      await page.pdf({ path: join(shots, 'report.pdf'), format: 'A4' }).catch(() => {});
    }
    await page.close();
  }

  // ---- the served pages ----
  for (const size of ['wide', 'phone']) {
    // the timeline of the same pair
    let { page, problems, status } = await open(`${base}timeline?pair=${pair.join(',')}&limit=500`, size);
    ok(status === 200, `timeline (${size}): 200`);
    ok(problems.length === 0, `timeline (${size}): no error`, problems.join('; '));
    const rows = await page.locator('table.chron tr.entry').count();
    ok(rows === expected, `timeline (${size}): rows = entries`, `${rows} vs ${expected}`);
    ok(await chartSum(page) === expected, `timeline (${size}): the chart counts every entry`);
    ok(await noSideScroll(page), `timeline (${size}): no sideways scrolling`);
    await page.screenshot({ path: join(shots, `timeline-${size}.png`) });
    await page.close();

    // search "nuclear" from the box, as a person would
    ({ page, problems } = await open(base, size));
    await page.fill('input[name=q]', 'nuclear');
    await Promise.all([page.waitForURL(/search\?q=nuclear/), page.press('input[name=q]', 'Enter')]);
    const hits = await page.locator('ol.hits li.hit').count();
    ok(hits > 0, `search (${size}): "nuclear" lists sentences`, `${hits}`);
    ok(await page.locator('ol.hits li.hit mark').first().isVisible(), `search (${size}): the word is marked`);
    const texts = await page.locator('ol.hits li.hit a').allInnerTexts();
    ok(texts.every((t) => /nuclear/i.test(t)), `search (${size}): every hit has the word`);
    ok(await noSideScroll(page), `search (${size}): no sideways scrolling`);
    ok(problems.length === 0, `search (${size}): no error`, problems.join('; '));
    await page.screenshot({ path: join(shots, `search-${size}.png`) });
    // follow the first hit to its document: the sentence is marked there
    await Promise.all([page.waitForURL(/\/docs\/\d+/), page.locator('ol.hits li.hit a').first().click()]);
    ok(await page.locator('mark.hit').count() === 1, `search (${size}): the hit is marked in its document`);
    await page.close();

    // a document page with events: its event sentences and triggers are marked
    const docs = JSON.parse(await (await fetch(`${base}api/docs?limit=500`)).text()).docs;
    const doc = docs.filter((d) => d.events > 0).sort((a, b) => b.events - a.events)[0];
    ({ page, problems, status } = await open(`${base}docs/${doc.id}`, size));
    ok(status === 200, `document (${size}): 200`);
    const events = JSON.parse(await (await fetch(`${base}api/events?doc=${doc.id}&limit=500`)).text()).events;
    const sentences = new Set(events.map((e) => e.start)).size;
    const marks = await page.locator('.text mark.ev').count();
    ok(marks === sentences, `document (${size}): every event sentence is marked`, `${marks} marks, ${sentences} sentences`);
    ok(await page.locator('.text mark.ev b.tr').count() > 0, `document (${size}): triggers in bold`);
    const bg = await page.locator('.text mark.ev').first().evaluate((e) => getComputedStyle(e).backgroundColor);
    ok(bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent', `document (${size}): the marks are visible`, bg);
    ok(await noSideScroll(page), `document (${size}): no sideways scrolling`);
    ok(problems.length === 0, `document (${size}): no error`, problems.join('; '));
    await page.locator('.text mark.ev').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, `document-${size}.png`) });
    await page.close();

    // the documents list and the served report
    ({ page, problems, status } = await open(`${base}docs`, size));
    ok(status === 200 && await noSideScroll(page), `documents (${size}): renders without sideways scrolling`);
    await page.screenshot({ path: join(shots, `documents-${size}.png`) });
    await page.close();
  }
} catch (e) {
  failed++;
  console.log('FAIL: ' + (e && e.stack ? e.stack : e));
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
