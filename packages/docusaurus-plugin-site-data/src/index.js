// docusaurus-plugin-site-data: the site-data build as part of a Docusaurus 3 site.
//
//   plugins: [['docusaurus-plugin-site-data', {root: '../data-project'}]]
//
// - loadContent runs `site-data build` in the project (`docusaurus start` and `docusaurus build` alike);
//   `docusaurus start` reruns it whenever a file under data/, i18n/ or templates/ changes.
// - A page imports `@site-data/<report>/<Component>.json` and `@site-data/<report>/tables/<table>.mdx`:
//   the same line in every locale, so a translator copies a page without touching its imports. The
//   alias points at the plugin's copy of the current locale's files (see mirror.js).
// - When an edit is wrong, the build writes nothing: the terminal shows each problem (file:line:column,
//   code, field, hint), the copy keeps the last good files, and the page stays as it was (no overlay).
//   `docusaurus build` fails instead, so a broken edit never ships.
'use strict';

const path = require('node:path');
const {plan, sync} = require('./mirror');
const {defaultCommand, runBuild} = require('./pipeline');

const NAME = 'docusaurus-plugin-site-data';
const WATCHED = ['data', 'i18n', 'templates'];

function pluginSiteData(context, options = {}) {
  const root = path.resolve(context.siteDir, options.root ?? '.');
  const sources = [path.resolve(root, options.output ?? 'site-data'),
    ...(options.extraSources ?? []).map((folder) => path.resolve(root, folder))];
  const locale = context.i18n.currentLocale;
  const mirror = path.join(context.generatedFilesDir, NAME, locale);
  const command = options.command ?? defaultCommand(root);
  const failOnError = options.failOnError ?? process.env.NODE_ENV === 'production';
  const log = options.logger ?? console;
  const alias = options.alias ?? '@site-data';

  return {
    name: NAME,

    async loadContent() {
      const started = Date.now();
      const built = runBuild({root, command, args: options.args ?? []});
      if (!built.ok) {
        const message = `[${NAME}] site-data build failed; the pages keep the last good data:\n${built.output}`;
        if (failOnError) throw new Error(message);
        log.error(message);
      }
      const {wanted, reports} = plan(sources, locale);
      const {written, removed} = sync(mirror, wanted);
      if (built.ok) {
        log.info(`[${NAME}] ${reports.length} report(s) for ${locale} in ${Date.now() - started} ms: `
          + `${written} file(s) updated, ${removed} removed`);
      }
      return {reports, locale, ok: built.ok};
    },

    getPathsToWatch() {
      return [...WATCHED.map((folder) => path.join(root, folder, '**', '*')),
        ...sources.slice(1).map((folder) => path.join(folder, '**', '*'))];
    },

    configureWebpack() {
      return {resolve: {alias: {[alias]: mirror}}};
    },
  };
}

function validateOptions({options}) {
  const known = ['root', 'output', 'extraSources', 'command', 'args', 'failOnError', 'alias', 'logger', 'id'];
  const unknown = Object.keys(options).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    throw new Error(`[${NAME}] unknown option(s) ${unknown.join(', ')}; known: ${known.join(', ')}`);
  }
  if (options.command !== undefined && !(Array.isArray(options.command) && options.command.length > 0)) {
    throw new Error(`[${NAME}] command must be a non-empty array, e.g. ['site-data']`);
  }
  return options;
}

module.exports = pluginSiteData;
module.exports.default = pluginSiteData;
module.exports.validateOptions = validateOptions;
