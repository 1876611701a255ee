'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const {test} = require('node:test');
const plugin = require('../src/index');

// A stand-in for site-data: writes <root>/site-data/r/<locale>/A.json from <root>/data/value, or fails
// with a located problem when the value is not a number, as site-data does (and then writes nothing).
const FAKE_BUILD = `
const fs = require('fs'), path = require('path');
const root = process.argv[process.argv.indexOf('--root') + 1];
const value = fs.readFileSync(path.join(root, 'data', 'value'), 'utf8').trim();
if (!/^[0-9]+$/.test(value)) {
  console.error('data/value:1:1: error[E022] value: expected a number (got ' + value + ')');
  process.exit(1);
}
for (const locale of ['ko', 'en']) {
  fs.mkdirSync(path.join(root, 'site-data', 'r', locale), {recursive: true});
  fs.writeFileSync(path.join(root, 'site-data', 'r', locale, 'A.json'), JSON.stringify({locale, value}));
}
console.log('built 1 report(s)');`;

function site(locale = 'ko') {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-'));
  fs.mkdirSync(path.join(root, 'data'));
  fs.writeFileSync(path.join(root, 'data', 'value'), '120');
  fs.writeFileSync(path.join(root, 'build.js'), FAKE_BUILD);
  const logged = [];
  const logger = {info: (m) => logged.push(['info', m]), error: (m) => logged.push(['error', m])};
  const context = {siteDir: root, generatedFilesDir: path.join(root, '.docusaurus'), i18n: {currentLocale: locale}};
  const make = (failOnError) => plugin(context, {command: [process.execPath, path.join(root, 'build.js')],
    failOnError, logger});
  const mirrored = () => JSON.parse(fs.readFileSync(
    path.join(root, '.docusaurus', 'docusaurus-plugin-site-data', locale, 'r', 'A.json'), 'utf8'));
  return {root, logged, make, mirrored};
}

test('loadContent builds and serves the current locale under one alias', async () => {
  const {root, make, mirrored} = site('en');
  const instance = make(false);
  assert.deepEqual(await instance.loadContent(), {reports: ['r'], locale: 'en', ok: true});
  assert.deepEqual(mirrored(), {locale: 'en', value: '120'});
  const alias = instance.configureWebpack().resolve.alias['@site-data'];
  assert.equal(alias, path.join(root, '.docusaurus', 'docusaurus-plugin-site-data', 'en'));
  assert.deepEqual(instance.getPathsToWatch(), ['data', 'i18n', 'templates'].map((f) => path.join(root, f, '**', '*')));
});

test('in the dev server a wrong edit prints its problems and keeps the last good data', async () => {
  const {root, logged, make, mirrored} = site();
  const instance = make(false);
  await instance.loadContent();
  fs.writeFileSync(path.join(root, 'data', 'value'), '12O');
  assert.equal((await instance.loadContent()).ok, false);
  assert.deepEqual(mirrored(), {locale: 'ko', value: '120'});
  const [level, message] = logged.at(-1);
  assert.equal(level, 'error');
  assert.match(message, /data\/value:1:1: error\[E022\] value: expected a number \(got 12O\)/);
  fs.writeFileSync(path.join(root, 'data', 'value'), '123');
  assert.equal((await instance.loadContent()).ok, true);
  assert.deepEqual(mirrored(), {locale: 'ko', value: '123'});
});

test('a production build fails on a wrong edit', async () => {
  const {root, make} = site();
  fs.writeFileSync(path.join(root, 'data', 'value'), 'x');
  await assert.rejects(make(true).loadContent(), /site-data build failed[^]*error\[E022\]/);
});

test('unknown options are refused with the known ones', () => {
  assert.throws(() => plugin.validateOptions({options: {rot: '..'}}), /unknown option\(s\) rot; known: root/);
});
