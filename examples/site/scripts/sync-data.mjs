// Copy the generated data into the site, where pages import it through '@site/site-data/...'.
//
// - ../../site-data/            -> site-data/                   (every shipped report)
// - ../../tests/golden/<name>/  -> site-data/<name>/            (the consistent demo report, whose labels
//                                                                 carry MDX-hostile text: the browser test's fixture)
// The copy is what a real site does with the pipeline's output; importing through '@site/' keeps the
// imports valid in translated docs, which Docusaurus copies under i18n/<locale>/.
import {cpSync, existsSync, mkdirSync, readdirSync, rmSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

const site = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repo = resolve(site, '../..');
const target = join(site, 'site-data');
const sources = [join(repo, 'site-data'), join(repo, 'tests', 'golden')];

rmSync(target, {recursive: true, force: true});
mkdirSync(target, {recursive: true});
let reports = 0;
for (const source of sources) {
  if (!existsSync(source)) {
    console.error(`sync-data: ${source} is missing; run \`make site-data\` in the repository root`);
    process.exit(1);
  }
  for (const report of readdirSync(source, {withFileTypes: true})) {
    if (!report.isDirectory()) continue;
    cpSync(join(source, report.name), join(target, report.name), {recursive: true});
    reports += 1;
  }
}
console.log(`sync-data: ${reports} report(s) copied to site-data/`);
