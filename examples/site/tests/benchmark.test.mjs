// Browser test of the CNI performance comparison page (a benchmark report drawn by the generic
// views of src/components/general/) in ko, en and zh.
//
// Run after `npm run build`: node --test tests/benchmark.test.mjs (the whole tests/ folder runs with
// `npm run test:browser`). For each locale it checks, against the props files and MDX tables the page
// imports (the copies in site-data/): no console error, each of the 18 components rendered with its
// title, its bar / point / card / row counts and every formatted value shown; the MDX tables' cells;
// no horizontal overflow at 390 px. It saves screenshots in light and dark mode and at 390 px width
// to build/screenshots/ at the repository root.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {DATA, LOCALES, SHOTS, servedSite} from './harness.mjs';

const REPORT = 'cni-performance-comparison';
const COMPONENTS = [
  'CniConclusionInfographic', 'OverviewSummaryChart', 'AimlRelevanceChart', 'TestEnvironmentChart',
  'ScenarioComparisonChart', 'TuningPointsChart', 'ThroughputChart', 'LatencyChart', 'UdpLossChart',
  'HttpPerformanceChart', 'ServiceScalingChart', 'KubeproxyScalingChart', 'DnsResourceChart',
  'KeyResultsSummaryChart', 'KeyFindingsChart', 'RecommendationChart', 'XdpCompatibilityChart', 'NetworkPolicyChart',
];
const TABLES = ['network-detail', 'http-detail', 'service-scaling', 'kube-proxy-scaling', 'key-conclusion'];

const site = servedSite();

const props = (locale, name) => JSON.parse(readFileSync(join(DATA, locale, REPORT, `${name}.json`), 'utf8'));
const chart = (name) => `figure[data-chart="${name}"]`;
const texts = (page, selector) => page.$$eval(selector, (els) => els.map((e) => e.textContent.trim()));

/** An MDX table partial's header and rows: every cell is one or more JSON strings in braces. */
export function parseMdxTable(source) {
  const lines = source.split('\n').filter((l) => l.startsWith('|'));
  const cells = (line) => {
    const out = [];
    let cell = '';
    let inString = false;
    for (let i = 1; i < line.length; i += 1) {
      const ch = line[i];
      if (inString) {
        cell += ch;
        if (ch === '\\') { cell += line[i + 1]; i += 1; } else if (ch === '"') inString = false;
      } else if (ch === '"') { inString = true; cell += ch; } else if (ch === '|') { out.push(cell); cell = ''; } else cell += ch;
    }
    return out.map((c) => [...c.matchAll(/"(?:[^"\\]|\\.)*"/g)].map((m) => JSON.parse(m[0])).join(''));
  };
  return {header: cells(lines[0]), rows: lines.slice(2).map(cells)};
}

async function checkFrame(page, p) {
  const sel = chart(p.component);
  assert.equal(await page.locator(sel).count(), 1, `${p.component}: rendered once`);
  assert.equal(await page.getAttribute(sel, 'data-kind'), p.kind, `${p.component}: view of its kind`);
  assert.deepEqual(await texts(page, `${sel} [data-testid="chart-title"]`), [p.title], `${p.component}: title`);
  if (p.description) {
    assert.deepEqual(await texts(page, `${sel} [data-testid="chart-description"]`), [p.description]);
  }
  assert.deepEqual(await texts(page, `${sel} [data-testid="footnotes"] li`), p.footnotes, `${p.component}: footnotes`);
  assert.deepEqual(await texts(page, `${sel} [data-testid="notes"] li`), p.notes, `${p.component}: notes`);
}

/** Bars: one row per bar, a drawn bar per measured figure, widths on the axis from axis.min. */
async function checkBarWidths(page, name, panels, barsOf) {
  const widths = await page.$$eval(`${chart(name)} [data-testid="panel"]`, (els) => els.map((panel) =>
    [...panel.querySelectorAll('[data-testid="bar"]')].map((b) => b.getBoundingClientRect().width /
      b.parentElement.getBoundingClientRect().width)));
  panels.forEach((panel, i) => {
    const measured = barsOf(panel).filter((b) => b.figure.value !== null);
    assert.equal(widths[i].length, measured.length, `${name}: bars drawn in panel ${i}`);
    assert.equal(panel.axis.min, 0, `${name}: axis starts at 0`);
    measured.forEach((b, k) => {
      const expected = Math.min(1, Math.max(0, (b.figure.value - panel.axis.min) / (panel.axis.max - panel.axis.min)));
      assert.ok(Math.abs(widths[i][k] - expected) < 0.01, `${name}: bar ${k} of panel ${i} is ${widths[i][k]} for ${expected}`);
    });
  });
}

const CHECKS = {
  async bars(page, p) {
    const sel = chart(p.component);
    const bars = p.panels.flatMap((x) => x.bars);
    assert.deepEqual(await texts(page, `${sel} [data-testid="panel-title"]`), p.panels.map((x) => x.title));
    assert.deepEqual(await texts(page, `${sel} [data-testid="direction"]`), p.panels.map((x) => x.direction_label));
    assert.equal(await page.locator(`${sel} [data-testid="bar-row"]`).count(), bars.length, `${p.component}: bar rows`);
    assert.deepEqual(await texts(page, `${sel} [data-testid="value"]`), bars.map((b) => b.figure.formatted),
      `${p.component}: values`);
    assert.deepEqual(await texts(page, `${sel} [data-testid="change"]`),
      bars.filter((b) => b.relative).map((b) => b.relative.formatted), `${p.component}: changes`);
    assert.deepEqual(await texts(page, `${sel} [data-testid="flag"]`), bars.filter((b) => b.flag).map((b) => b.flag));
    const scenarios = new Map(p.scenarios.map((s) => [s.id, s.label]));
    assert.deepEqual(await texts(page, `${sel} [data-testid="bar-label"]`), bars.map((b) => scenarios.get(b.scenario)));
    assert.deepEqual(await texts(page, `${sel} [data-testid="axis-label"]`), p.panels.map((x) => x.axis.label));
    await checkBarWidths(page, p.component, p.panels, (x) => x.bars);
  },
  async grouped_bars(page, p) {
    const sel = chart(p.component);
    const bars = p.sections.flatMap((s) => s.groups.flatMap((g) => g.bars));
    assert.deepEqual(await texts(page, `${sel} [data-testid="panel-title"]`), p.sections.map((x) => x.title));
    assert.deepEqual(await texts(page, `${sel} [data-testid="group-label"]`),
      p.sections.flatMap((s) => s.groups.map((g) => g.label)), `${p.component}: group labels`);
    assert.equal(await page.locator(`${sel} [data-testid="bar-row"]`).count(), bars.length, `${p.component}: bar rows`);
    assert.deepEqual(await texts(page, `${sel} [data-testid="value"]`), bars.map((b) => b.figure.formatted),
      `${p.component}: values`);
    assert.deepEqual(await texts(page, `${sel} [data-testid="change"]`),
      p.sections.flatMap((s) => s.groups.filter((g) => g.change).map((g) => g.change.formatted)));
    await checkBarWidths(page, p.component, p.sections, (s) => s.groups.flatMap((g) => g.bars));
  },
  async lines(page, p) {
    const sel = chart(p.component);
    const points = p.lines.flatMap((l) => l.points);
    assert.equal(await page.locator(`${sel} [data-testid="line"]`).count(), p.lines.length, `${p.component}: lines`);
    assert.equal(await page.locator(`${sel} [data-testid="point"]`).count(),
      points.filter((x) => x.figure.value !== null).length, `${p.component}: points`);
    assert.deepEqual(await texts(page, `${sel} [data-testid="level-label"]`), p.levels.map((l) => l.label));
    assert.deepEqual(await texts(page, `${sel} [data-testid="x-label"]`), [p.x_label]);
    const expected = p.levels.flatMap((l) => p.lines.map((line) => line.points.find((x) => x.level === l.id))
      .filter(Boolean).map((x) => x.figure.formatted));
    assert.deepEqual(await texts(page, `${sel} [data-testid="value"]`), expected, `${p.component}: values`);
    assert.equal(Number((await texts(page, `${sel} [data-testid="tick"]`))[0].replace(/[^\d.]/g, '')), p.axis.min);
  },
  async value_table(page, p) {
    const sel = chart(p.component);
    assert.deepEqual(await texts(page, `${sel} thead th`), [p.row_heading, ...p.columns.map((c) => c.label)]);
    assert.deepEqual(await page.$$eval(`${sel} tbody tr`, (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent.trim()))),
      p.rows.map((r) => [r.label, ...r.cells.map((c) => c.text)]), `${p.component}: cells`);
  },
  async kpi_cards(page, p) {
    const sel = chart(p.component);
    assert.deepEqual(await texts(page, `${sel} [data-testid="kpi-label"]`), p.cards.map((c) => c.label));
    assert.deepEqual(await texts(page, `${sel} [data-testid="kpi-value"]`), p.cards.map((c) => c.value), `${p.component}: values`);
    assert.deepEqual(await texts(page, `${sel} [data-testid="kpi-sub"]`), p.cards.filter((c) => c.sub).map((c) => c.sub));
  },
  async text_cards(page, p) {
    const sel = chart(p.component);
    assert.deepEqual(await texts(page, `${sel} [data-testid="card-title"]`), p.cards.map((c) => c.title));
    assert.deepEqual(await texts(page, `${sel} [data-testid="card-text"]`), p.cards.filter((c) => c.text).map((c) => c.text));
    assert.deepEqual(await texts(page, `${sel} [data-testid="card-item"]`), p.cards.flatMap((c) => c.items));
    assert.deepEqual(await texts(page, `${sel} [data-testid="card-tag"]`), p.cards.flatMap((c) => c.tags));
  },
  async matrix(page, p) {
    const sel = chart(p.component);
    assert.deepEqual(await texts(page, `${sel} thead th`), [p.row_heading, ...p.columns]);
    assert.deepEqual(await texts(page, `${sel} tbody td:first-child`), p.rows.map((r) => r.label));
    assert.deepEqual(await texts(page, `${sel} [data-testid="cell-text"]`), p.rows.flatMap((r) => r.cells.map((c) => c.text)));
    assert.deepEqual(await page.$$eval(`${sel} [data-testid="matrix-cell"]`, (els) => els.map((e) => e.dataset.mark)),
      p.rows.flatMap((r) => r.cells.map((c) => c.mark ?? 'none')));
  },
  async findings(page, p) {
    const sel = chart(p.component);
    assert.deepEqual(await texts(page, `${sel} [data-testid="finding-title"]`), p.findings.map((f) => f.title));
    assert.deepEqual(await texts(page, `${sel} [data-testid="finding-text"]`), p.findings.map((f) => f.text));
    assert.deepEqual(await texts(page, `${sel} [data-testid="value"]`), p.findings.flatMap((f) => f.figures.map((x) => x.formatted)));
    assert.deepEqual(await texts(page, `${sel} [data-testid="change"]`), p.findings.filter((f) => f.change).map((f) => f.change.formatted));
  },
  async recommendations(page, p) {
    const sel = chart(p.component);
    assert.equal(await page.locator(`${sel} [data-testid="recommendation"]`).count(), p.rows.length);
    assert.deepEqual(await texts(page, `${sel} [data-testid="recommended"]`), p.rows.map((r) => r.recommended));
    assert.deepEqual(await texts(page, `${sel} [data-testid="rationale"]`), p.rows.map((r) => r.rationale));
    assert.deepEqual(await texts(page, `${sel} [data-testid="value"]`), p.rows.flatMap((r) => r.figures.map((x) => x.formatted)));
    assert.deepEqual(await texts(page, `${sel} [data-testid="card-title"]`), p.cards.map((c) => c.title));
  },
};

async function checkTables(page, locale) {
  const shown = await page.$$eval('article table', (tables) => tables.filter((t) => !t.closest('figure')).map((t) => ({
    header: [...t.querySelectorAll('thead th')].map((th) => th.textContent),
    rows: [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((td) => td.textContent)),
  })));
  assert.equal(shown.length, TABLES.length, `${locale}: MDX tables`);
  TABLES.forEach((name, i) => {
    const expected = parseMdxTable(readFileSync(join(DATA, locale, REPORT, 'tables', `${name}.mdx`), 'utf8'));
    assert.deepEqual(shown[i].header, expected.header, `${locale}: header of ${name}`);
    assert.deepEqual(shown[i].rows, expected.rows, `${locale}: rows of ${name}`);
  });
}

async function open(locale, viewport) {
  const tab = await site.browser.newPage({viewport, deviceScaleFactor: 1});
  const errors = [];
  tab.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  tab.on('pageerror', (e) => errors.push(String(e)));
  tab.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
  tab.on('response', (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`); });
  const response = await tab.goto(`${site.origin}${locale.prefix}${REPORT}`, {waitUntil: 'networkidle'});
  assert.equal(response.status(), 200, `${locale.id}: HTTP status`);
  assert.equal(await tab.getAttribute('html', 'lang'), locale.lang);
  return {tab, errors};
}

const hasData = existsSync(join(DATA, 'ko', REPORT));

for (const locale of LOCALES) {
  test(`${REPORT} in ${locale.id}`, {timeout: 120_000, skip: hasData ? false : `no site-data/${REPORT}`}, async () => {
    const {tab, errors} = await open(locale, {width: 1200, height: 900});
    assert.deepEqual(await tab.$$eval('article figure[data-chart]', (els) => els.map((e) => e.dataset.chart)), COMPONENTS,
      `${locale.id}: components in page order`);
    for (const name of COMPONENTS) {
      const p = props(locale.id, name);
      assert.equal(p.component, name);
      await checkFrame(tab, p);
      assert.ok(CHECKS[p.kind], `${name}: a check for kind ${p.kind}`);
      await CHECKS[p.kind](tab, p);
    }
    await checkTables(tab, locale.id);
    await tab.screenshot({path: join(SHOTS, `${REPORT}-${locale.id}.png`), fullPage: true});
    // Dark mode: Docusaurus's attribute; the views use Infima's variables, which follow it.
    await tab.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
    const background = await tab.$eval(chart(COMPONENTS[0]), (e) => getComputedStyle(e).backgroundColor);
    const [r, g, b] = background.match(/\d+/g).map(Number);
    assert.ok(r + g + b < 200, `${locale.id}: a dark card background in dark mode (${background})`);
    await tab.screenshot({path: join(SHOTS, `${REPORT}-${locale.id}-dark.png`), fullPage: true});
    await tab.close();
    assert.deepEqual(errors, [], `${locale.id}: console errors`);
  });

  test(`${REPORT} in ${locale.id} at 390 px`, {timeout: 120_000, skip: hasData ? false : `no site-data/${REPORT}`}, async () => {
    const {tab, errors} = await open(locale, {width: 390, height: 844});
    const overflow = await tab.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(overflow <= 390, `${locale.id}: page is ${overflow}px wide at 390px`);
    const wide = await tab.$$eval('article figure[data-chart]', (els) => els
      .filter((e) => e.getBoundingClientRect().right > 390 + 0.5).map((e) => e.dataset.chart));
    assert.deepEqual(wide, [], `${locale.id}: components wider than the phone`);
    await tab.screenshot({path: join(SHOTS, `${REPORT}-${locale.id}-390.png`), fullPage: true});
    await tab.close();
    assert.deepEqual(errors, [], `${locale.id}: console errors`);
  });
}
