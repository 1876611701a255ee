// What the example site's browser tests share: where things are, how Chromium starts on this
// machine, the site's locales, and the built site served on 127.0.0.1 for the tests of one file.
import {after, before} from 'node:test';
import {mkdirSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {chromium} from 'playwright-core';
import {serve} from '../scripts/serve-static.mjs';

export const SITE = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BUILD = process.env.SITE_BUILD_DIR ?? join(SITE, 'build');
// What the pages imported: docusaurus-plugin-site-data's copy of each locale's files (<locale>/<report>/...).
export const DATA = join(SITE, '.docusaurus', 'docusaurus-plugin-site-data');
export const SHOTS = process.env.SCREENSHOT_DIR ?? resolve(SITE, '../../build/screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The flags this machine's closed network needs: without them Chromium keeps calling home.
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
export const LOCALES = [
  {id: 'ko', prefix: '/', lang: 'ko'},
  {id: 'en', prefix: '/en/', lang: 'en'},
  {id: 'zh', prefix: '/zh/', lang: 'zh-Hans'},
];

/** Headless Chromium as the tests run it. */
export const launchChromium = () => chromium.launch({executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true});

/**
 * Serve build/ and start Chromium before this file's tests, stop both after them; the returned
 * object's `origin` and `browser` are set once the tests run.
 */
export function servedSite() {
  const site = {origin: '', browser: null, server: null};
  before(async () => {
    site.server = await serve(BUILD, 0);
    site.origin = `http://127.0.0.1:${site.server.address().port}`;
    site.browser = await launchChromium();
    mkdirSync(SHOTS, {recursive: true});
  });
  after(async () => {
    await site.browser?.close();
    await new Promise((done) => (site.server ? site.server.close(done) : done()));
  });
  return site;
}
