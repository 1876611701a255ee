// Browser test of the built example site: each locale's pages in headless Chromium.
//
// Run after `npm run build` (tests/site/test_browser.py in the repository does both):
//   node --test tests/browser.test.mjs
// It serves build/ on 127.0.0.1, opens the Llama 4 page and the consistent-demo fixture page in
// ko, en and zh, and checks every chart and table against the props files the page imports (the
// files docusaurus-plugin-site-data serves them): bar and point counts, formatted values, labels in the page's locale,
// table cells, hostile labels shown as literal text, and no console errors. It saves a full-page
// screenshot per page and locale under build/screenshots/ at the repository root.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {DATA, LOCALES, SHOTS, servedSite} from './harness.mjs';

const PAGES = [
  {report: 'llama4-fm-serving', path: ''},
  {report: 'consistent-demo', path: 'consistent-demo'},
];

const site = servedSite();

function props(report, locale, component) {
  return JSON.parse(readFileSync(join(DATA, locale, report, `${component}.json`), 'utf8'));
}

const chart = (name) => `figure[data-chart="${name}"]`;

async function texts(page, selector) {
  return page.$$eval(selector, (els) => els.map((e) => e.textContent.trim()));
}

async function checkFrame(page, p) {
  assert.deepEqual(await texts(page, `${chart(p.component)} [data-testid="chart-title"]`), [p.title],
    `${p.component}: title`);
  const notes = await texts(page, `${chart(p.component)} [data-testid="footnotes"] li`);
  for (const note of p.footnotes) assert.ok(notes.includes(note), `${p.component}: footnote '${note}'`);
}

function badges(provenance) {
  return [...new Map(provenance.map((x) => [x.kind, x.label])).values()];
}

async function checkBarWidths(page, name, values) {
  const widths = await page.$$eval(`${chart(name)} [data-testid="bar"]`,
    (els) => els.map((e) => e.getBoundingClientRect().width));
  assert.equal(widths.length, values.length, `${name}: number of bars`);
  const max = Math.max(...values);
  const widest = Math.max(...widths);
  values.forEach((v, i) => {
    assert.ok(Math.abs(widths[i] / widest - v / max) < 0.01, `${name}: bar ${i} is ${widths[i]}px for ${v}`);
  });
}

async function checkMetricChart(page, p) {
  await checkFrame(page, p);
  const bars = p.groups.flatMap((g) => g.bars);
  const name = p.component;
  assert.deepEqual(await texts(page, `${chart(name)} [data-testid="group-heading"]`), p.groups.map((g) => g.heading));
  assert.deepEqual(await texts(page, `${chart(name)} [data-testid="bar-value"]`), bars.map((b) => b.formatted),
    `${name}: value labels`);
  assert.deepEqual(await texts(page, `${chart(name)} [data-testid="bar-relative"]`),
    bars.map((b) => b.relative.formatted), `${name}: relative labels`);
  assert.deepEqual(await texts(page, `${chart(name)} [data-testid="best-marker"]`),
    bars.filter((b) => b.is_best).map(() => `★ ${p.best_label}`), `${name}: best markers`);
  assert.deepEqual(await texts(page, `${chart(name)} [data-testid="bar-label"]`),
    bars.map((b) => p.scenarios.find((s) => s.id === b.scenario).label), `${name}: scenario labels`);
  assert.ok((await texts(page, `${chart(name)} [data-testid="chart-subtitle"]`))[0].endsWith(p.direction_label));
  assert.deepEqual(await texts(page, `${chart(name)} [data-testid="axis-label"]`), [p.axis_label]);
  assert.deepEqual(await texts(page, `${chart(name)} [data-testid="provenance"]`),
    badges(bars.map((b) => b.provenance)), `${name}: provenance badges`);
  await checkBarWidths(page, name, bars.map((b) => b.value));
}

async function checkCostChart(page, p) {
  await checkFrame(page, p);
  const name = p.component;
  const shown = p.groups.flatMap((g) => {
    const both = g.rows.some((r) => r.cost.provenance.consistent === false);
    return g.rows.flatMap((r) => (both ? [r.cost, r.derived_cost] : [r.cost]));
  });
  assert.deepEqual(await texts(page, `${chart(name)} [data-testid="bar-value"]`), shown.map((f) => f.formatted),
    `${name}: value labels`);
  assert.deepEqual(await texts(page, `${chart(name)} [data-testid="bar-relative"]`),
    p.groups.flatMap((g) => g.rows.map((r) => r.relative.formatted)), `${name}: relative labels`);
  assert.deepEqual(await texts(page, `${chart(name)} [data-testid="best-marker"]`),
    p.groups.flatMap((g) => g.rows.filter((r) => r.is_best)).map(() => `★ ${p.best_label}`));
  assert.deepEqual(await texts(page, `${chart(name)} [data-testid="group-note"]`),
    p.groups.flatMap((g) => (g.note ? [g.note] : [])));
  assert.deepEqual(await texts(page, `${chart(name)} [data-testid="convention"]`), [p.convention]);
  await checkBarWidths(page, name, shown.map((f) => f.value));
}

async function checkConcurrencyChart(page, p) {
  await checkFrame(page, p);
  const name = p.component;
  const points = p.series.flatMap((s) => s.points);
  assert.equal((await page.$$(`${chart(name)} [data-testid="point"]`)).length, points.length, `${name}: points`);
  assert.deepEqual(await page.$$eval(`${chart(name)} [data-testid="point"]`,
    (els) => els.map((e) => e.getAttribute('data-formatted'))), points.map((x) => x.formatted));
  assert.deepEqual(await texts(page, `${chart(name)} [data-testid="y-tick"]`), p.ticks.map((t) => t.formatted));
  assert.deepEqual(await texts(page, `${chart(name)} [data-testid="x-tick"]`), p.concurrency.map(String));
  assert.deepEqual(await texts(page, `${chart(name)} [data-testid="x-label"]`), [p.x_label]);
  assert.deepEqual(await texts(page, `${chart(name)} [data-testid="y-label"]`), [p.y_label]);
  const rows = await page.$$eval(`${chart(name)} [data-testid="concurrency-values"] tbody tr`,
    (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent.trim())));
  assert.deepEqual(rows, p.series.map((s) => [p.scenarios.find((x) => x.id === s.scenario).label,
    ...p.concurrency.map((c) => s.points.find((pt) => pt.concurrency === c)?.formatted ?? ''), s.scaling.formatted]));
  const best = await texts(page, `${chart(name)} [data-testid="end-label"]`);
  assert.ok(best.includes(`${p.best_at_peak} ★ ${p.best_label}`), `${name}: best line marked`);
}

async function checkOtherCharts(page, report, locale) {
  const overview = props(report, locale, 'MLOverviewChart');
  await checkFrame(page, overview);
  assert.deepEqual(await texts(page, `${chart('MLOverviewChart')} [data-testid="summary"]`), [overview.summary]);
  assert.deepEqual(await texts(page, `${chart('MLOverviewChart')} [data-testid="highlight-value"]`),
    overview.highlights.map((h) => h.formatted));

  const infra = props(report, locale, 'InfraComparisonChart');
  await checkFrame(page, infra);
  // Scenarios are columns, properties rows.
  const infraRows = await page.$$eval(`${chart('InfraComparisonChart')} [data-testid="infra-table"] tbody tr`,
    (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  const infraHeader = await texts(page, `${chart('InfraComparisonChart')} [data-testid="infra-table"] thead th`);
  assert.deepEqual(infraHeader, [infra.columns.scenario,
    ...infra.rows.map((r) => infra.scenarios.find((s) => s.id === r.scenario).label)]);
  const row = (key) => infraRows.find((r) => r[0] === infra.columns[key]).slice(1);
  assert.deepEqual(row('role'), infra.rows.map((r) => r.role), 'roles shown literally');
  assert.deepEqual(row('hourly_price'), infra.rows.map((r) => r.hourly_price.formatted));
  assert.deepEqual(row('total_memory'), infra.rows.map((r) => r.total_memory.formatted));
  assert.deepEqual(row('accelerators'), infra.rows.map((r) => r.accelerators));

  const spec = props(report, locale, 'ModelSpecChart');
  await checkFrame(page, spec);
  const specRows = await page.$$eval(`${chart('ModelSpecChart')} tbody tr`,
    (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  assert.deepEqual(specRows, spec.rows.map((r) => [r.label, ...r.cells.map((c) => c.formatted)]));

  const findings = props(report, locale, 'KeyFindingsMLChart');
  await checkFrame(page, findings);
  assert.deepEqual(await texts(page, `${chart('KeyFindingsMLChart')} [data-testid="finding-title"]`),
    findings.findings.map((f) => f.title));
  assert.deepEqual(await texts(page, `${chart('KeyFindingsMLChart')} [data-testid="finding-text"]`),
    findings.findings.map((f) => f.text));

  const reco = props(report, locale, 'MLRecommendationChart');
  await checkFrame(page, reco);
  const workloads = await page.$$eval(`${chart('MLRecommendationChart')} [data-testid="workload"]`,
    (trs) => trs.map((tr) => [tr.children[0].textContent, tr.children[2].textContent]));
  assert.deepEqual(workloads, reco.workloads.map((w) => [w.workload, w.rationale]));
  assert.equal((await page.$$(`${chart('MLRecommendationChart')} [data-testid="scenario-card"]`)).length,
    reco.cards.length);
}

/** The MDX table partials, in page order: every table outside a chart component. */
async function mdxTables(page) {
  return page.$$eval('article table', (tables) => tables.filter((t) => !t.closest('figure')).map((t) => ({
    header: [...t.querySelectorAll('thead th')].map((th) => th.textContent),
    rows: [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((td) => td.textContent)),
    bold: t.querySelectorAll('b').length,
  })));
}

function expectedMetricTables(p) {
  return p.groups.map((g) => {
    const spread = g.bars.some((b) => b.provenance.spread !== null);  // repeated runs: their min-max column
    return {
      header: [p.columns.scenario, p.columns.instance, p.columns.value, p.columns.relative,
        ...(spread ? [p.columns.spread] : [])],
      rows: g.bars.map((b) => [b.scenario, p.scenarios.find((s) => s.id === b.scenario).short_label, b.formatted,
        b.relative.formatted, ...(spread ? [b.provenance.spread?.formatted ?? ''] : [])]),
    };
  });
}

function expectedCostTables(p) {
  return p.groups.map((g) => {
    const derived = g.rows.some((r) => r.cost.provenance.derived_value !== null);
    const keys = ['scenario', 'hourly_price', 'throughput', 'cost', ...(derived ? ['derived_cost'] : []), 'relative'];
    // One column per tier shown besides the headline ones, then the input-token cost of a split convention.
    const headline = new Set(g.rows.flatMap((r) => r.tiers.filter((t) => t.is_headline).map((t) => t.tier)));
    const tiers = p.tiers_shown.filter((t) => !headline.has(t));
    const split = g.rows.some((r) => r.tiers.some((t) => t.is_headline && t.input_cost !== null));
    return {
      header: [...keys.map((k) => p.columns[k]), ...tiers.map((t) => p.columns[`tier.${t}`]),
        ...(split ? [p.columns.input_cost] : [])],
      rows: g.rows.map((r) => [r.scenario, r.hourly_price.formatted, r.throughput.formatted, r.cost.formatted,
        ...(derived ? [r.derived_cost.formatted] : []), r.relative.formatted,
        ...tiers.map((tier) => {
          const found = r.tiers.find((t) => t.tier === tier);
          return found ? `${found.cost.formatted} (${found.hourly.formatted})` : '';
        }),
        ...(split ? [r.tiers.find((t) => t.is_headline).input_cost?.formatted ?? ''] : [])]),
    };
  });
}

function expectedConcurrencyTable(p) {
  return {
    header: [p.columns.concurrency, ...p.series.map((s) => p.scenarios.find((x) => x.id === s.scenario).label)],
    rows: p.concurrency.map((c) => [String(c),
      ...p.series.map((s) => s.points.find((pt) => pt.concurrency === c)?.formatted ?? '')]),
  };
}

async function checkTables(page, report, locale) {
  const tables = await mdxTables(page);
  const expected = [
    ...expectedMetricTables(props(report, locale, 'TtftChart')),
    ...expectedMetricTables(props(report, locale, 'ItlChart')),
    ...expectedMetricTables(props(report, locale, 'InferenceThroughputChart')),
    expectedConcurrencyTable(props(report, locale, 'ConcurrencyChart')),
    ...expectedCostTables(props(report, locale, 'CostPerTokenChart')),
  ];
  // The pages place the tables in this order, then the trade-off table(s).
  assert.ok(tables.length > expected.length, `${locale}: ${tables.length} tables`);
  expected.forEach((table, i) => {
    assert.deepEqual(tables[i].header, table.header, `${locale}: header of table ${i}`);
    assert.deepEqual(tables[i].rows, table.rows, `${locale}: rows of table ${i}`);
  });
  return tables.slice(expected.length);
}

async function openPage(locale, page, {width = 1200, theme = 'light'} = {}) {
  const tab = await site.browser.newPage({viewport: {width, height: 900}, deviceScaleFactor: 1});
  // Docusaurus reads the colour mode from localStorage before the first paint.
  await tab.addInitScript((mode) => window.localStorage.setItem('theme', mode), theme);
  const errors = [];
  tab.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  tab.on('pageerror', (error) => errors.push(String(error)));
  tab.on('requestfailed', (request) => errors.push(`request failed: ${request.url()}`));
  tab.on('response', (answer) => {
    if (answer.status() >= 400) errors.push(`HTTP ${answer.status()}: ${answer.url()}`);
  });
  const response = await tab.goto(`${site.origin}${locale.prefix}${page.path}`, {waitUntil: 'networkidle'});
  assert.equal(response.status(), 200, `${locale.id} ${page.report}: HTTP status`);
  assert.equal(await tab.getAttribute('html', 'lang'), locale.lang);
  return {tab, errors};
}

for (const locale of LOCALES) {
  for (const page of PAGES) {
    test(`${page.report} in ${locale.id}`, {timeout: 90_000}, async () => {
      const {tab, errors} = await openPage(locale, page);
      for (const name of ['TtftChart', 'ItlChart', 'InferenceThroughputChart']) {
        await checkMetricChart(tab, props(page.report, locale.id, name));
      }
      await checkCostChart(tab, props(page.report, locale.id, 'CostPerTokenChart'));
      await checkConcurrencyChart(tab, props(page.report, locale.id, 'ConcurrencyChart'));
      await checkOtherCharts(tab, page.report, locale.id);
      const rest = await checkTables(tab, page.report, locale.id);
      if (page.report === 'consistent-demo') {
        // Hostile labels: '<b>' must not become an element, '{y}' and 'a|b' must stay whole.
        const [tradeoffs] = rest;
        assert.ok(tradeoffs.header.some((h) => h.includes('<b>')), `${locale.id}: '<b>' shown as text`);
        assert.ok(tradeoffs.header.some((h) => h.includes('{y}')), `${locale.id}: '{y}' shown as text`);
        assert.equal(tradeoffs.bold, 0, `${locale.id}: no <b> element in the table`);
        const infra = props(page.report, locale.id, 'InfraComparisonChart');
        const hostile = infra.rows.find((r) => r.role.includes('<5ms'));
        assert.ok(hostile, 'the fixture has a hostile role');
        assert.ok((await tab.textContent('article')).includes(hostile.role));
      }
      assert.deepEqual(await layoutProblems(tab), [], `${locale.id} ${page.report}, light, 1200 px`);
      await tab.screenshot({path: join(SHOTS, `${page.report}-${locale.id}.png`), fullPage: true});
      await tab.close();
      assert.deepEqual(errors, [], `${locale.id} ${page.report}: console errors`);
    });
  }
}

// What a reader on a phone, or in dark mode, sees: no sideways scroll at 390 px (a wide table scrolls
// inside its card), a header on every table column, and chart text readable on its card in both themes
// (WCAG contrast of at least 4.5 between each figure's text and the background it is drawn on).
async function layoutProblems(tab) {
  return tab.evaluate(() => {
    const rgb = (css) => (css.match(/[\d.]+/g) || []).map(Number);
    const luminance = ([r, g, b]) => {
      const [R, G, B] = [r, g, b].map((c) => {
        const v = c / 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * R + 0.7152 * G + 0.0722 * B;
    };
    const background = (element) => {
      for (let e = element; e; e = e.parentElement) {
        const color = rgb(getComputedStyle(e).backgroundColor);
        if (color.length === 3 || (color.length === 4 && color[3] > 0.5)) return color.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const problems = [];
    const page = document.scrollingElement;
    if (page.scrollWidth > page.clientWidth + 1) {
      problems.push(`the page scrolls sideways: ${page.scrollWidth} px wide in ${page.clientWidth} px`);
    }
    document.querySelectorAll('article th').forEach((th) => {
      if (th.textContent.trim() === '') problems.push(`an empty table header in ${th.closest('figure')?.dataset.chart ?? 'a table'}`);
    });
    document.querySelectorAll('figure[data-chart]').forEach((figure) => {
      const text = luminance(rgb(getComputedStyle(figure).color));
      const behind = luminance(background(figure));
      const contrast = (Math.max(text, behind) + 0.05) / (Math.min(text, behind) + 0.05);
      if (contrast < 4.5) problems.push(`${figure.dataset.chart}: text contrast ${contrast.toFixed(2)} on its card`);
    });
    return problems;
  });
}

for (const locale of LOCALES) {
  for (const page of PAGES) {
    test(`${page.report} in ${locale.id} at 390 px, light and dark`, {timeout: 90_000}, async () => {
      // Light at 1200 px is the test above; here the other three views.
      for (const [theme, width] of [['dark', 1200], ['light', 390], ['dark', 390]]) {
        const {tab, errors} = await openPage(locale, page, {width, theme});
        assert.equal(await tab.getAttribute('html', 'data-theme'), theme);
        assert.deepEqual(await layoutProblems(tab), [], `${locale.id} ${page.report}, ${theme}, ${width} px`);
        await tab.screenshot({path: join(SHOTS, `${page.report}-${locale.id}-${theme}-${width}.png`), fullPage: true});
        await tab.close();
        assert.deepEqual(errors, [], `${locale.id} ${page.report}: console errors`);
      }
    });
  }
}
