// Live preview: `docusaurus start` with docusaurus-plugin-site-data, an editor saving report YAML.
//
// Run by tests/site/test_live_preview.py, which makes a throwaway copy of the data project and passes
// it as SITE_DATA_ROOT (the test edits that copy, never the repository's data/). It opens the consistent
// demo's page (ko), then:
//   1. saves a new scenario role in the report: the page shows it without a reload or a manual step;
//      the time from the save to the updated text is printed ("live preview: ... ms");
//   2. saves a wrong price (-45): the terminal shows the problem with file:line, the page keeps the last
//      good text and shows no error overlay;
//   3. saves the fix: the page updates again.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {SITE, launchChromium} from './harness.mjs';

const ROOT = process.env.SITE_DATA_ROOT;
const REPORT = ROOT && join(ROOT, 'data', 'reports', 'consistent-demo.yaml');
const PORT = Number(process.env.LIVE_PORT ?? 3311);
const INFRA = 'figure[data-chart="InfraComparisonChart"]';

let server;
let output = '';
let browser;
let tab;

function edit(from, to) {
  const text = readFileSync(REPORT, 'utf8');
  assert.equal(text.split(from).length, 2, `${from} occurs once in the report`);
  writeFileSync(REPORT, text.replace(from, to));
}

async function waitFor(condition, what, timeout = 120_000) {
  const start = Date.now();
  while (Date.now() - start < timeout) {
    if (await condition()) return Date.now() - start;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`timed out after ${timeout} ms waiting for ${what}; server output:\n${output.slice(-3000)}`);
}

const shows = (text) => tab.locator(INFRA).innerText().then((t) => t.includes(text), () => false);
const overlay = () => tab.evaluate(() => Boolean(document.querySelector('#webpack-dev-server-client-overlay')));

before(async () => {
  assert.ok(ROOT, 'SITE_DATA_ROOT must name a copy of the data project');
  server = spawn(join(SITE, 'node_modules', '.bin', 'docusaurus'),
    ['start', '--host', '127.0.0.1', '--port', String(PORT), '--no-open'],
    {cwd: SITE, env: {...process.env, SITE_DATA_ROOT: ROOT, BROWSER: 'none'}, detached: true});
  server.stdout.on('data', (chunk) => { output += chunk; });
  server.stderr.on('data', (chunk) => { output += chunk; });
  browser = await launchChromium();
  tab = await browser.newPage({viewport: {width: 1200, height: 900}});
  await waitFor(async () => {
    try {
      const response = await tab.goto(`http://127.0.0.1:${PORT}/consistent-demo`, {timeout: 10_000});
      return response?.ok() && await shows('GPU 기준');
    } catch {
      return false;
    }
  }, 'the dev server to serve the page', 300_000);
});

after(async () => {
  await browser?.close();
  if (server?.pid) process.kill(-server.pid, 'SIGTERM');
});

test('saving a report updates the page, without a manual step', {timeout: 180_000}, async () => {
  assert.match(output, /\[docusaurus-plugin-site-data\] \d+ report\(s\) for ko/);
  edit('ko: GPU 기준}', 'ko: GPU 기준 (편집)}');
  const elapsed = await waitFor(() => shows('GPU 기준 (편집)'), 'the edited role on the page');
  console.log(`live preview: save to updated page in ${elapsed} ms`);
  assert.equal(await overlay(), false);
});

test('a wrong edit prints its problem and keeps the last good page, without an overlay', {timeout: 180_000}, async () => {
  const before = output.length;
  edit('hourly: 45.00,', 'hourly: -45,');
  await waitFor(() => /error\[E023\] scenarios\.D\.price\.hourly: must be greater than 0 \(got -45\)/
    .test(output.slice(before)), 'the problem in the terminal');
  assert.match(output.slice(before), /data\/reports\/consistent-demo\.yaml:\d+:\d+: error\[E023\]/);
  assert.match(output.slice(before), /site-data build failed; the pages keep the last good data/);
  await new Promise((done) => setTimeout(done, 3000));  // time for a wrong reload to show
  assert.equal(await shows('GPU 기준 (편집)'), true);
  assert.equal(await overlay(), false);
  edit('hourly: -45,', 'hourly: 45.00,');
  edit('ko: GPU 기준 (편집)}', 'ko: GPU 기준 (다시)}');
  await waitFor(() => shows('GPU 기준 (다시)'), 'the page after the fix');
  assert.equal(await overlay(), false);
});
