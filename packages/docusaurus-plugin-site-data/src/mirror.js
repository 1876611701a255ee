// The plugin's copy of one locale's outputs, laid out as pages import them:
//   <mirror>/<report>/<Component>.json, <mirror>/<report>/tables/<table>.mdx, <mirror>/<report>/charts/...
// from <source>/<report>/<locale>/... . Updated file by file: a changed file is written beside itself
// and renamed over the old one (a reader sees the old or the new bytes, never a missing or half file),
// an unchanged file is not touched (webpack recompiles nothing for it), and a file whose source is gone
// is removed only after every new file is in place. The folder itself is never deleted and recopied,
// which is what made the dev server show an error overlay while a copy was half done.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

/** Every file under `folder`, as paths relative to it (sorted, '/'-separated). */
function listFiles(folder) {
  const found = [];
  const walk = (dir, prefix) => {
    for (const entry of fs.readdirSync(dir, {withFileTypes: true})) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), rel);
      else if (entry.isFile()) found.push(rel);
    }
  };
  if (fs.existsSync(folder)) walk(folder, '');
  return found.sort();
}

/**
 * What the mirror of `locale` should hold: relative path -> absolute source file, from every source folder
 * (later sources do not override earlier ones: a report folder is taken from the first source that has it).
 */
function plan(sources, locale) {
  const wanted = new Map();
  const reports = [];
  for (const source of sources) {
    if (!fs.existsSync(source)) continue;
    for (const entry of fs.readdirSync(source, {withFileTypes: true})) {
      if (!entry.isDirectory() || reports.includes(entry.name)) continue;
      const localeDir = path.join(source, entry.name, locale);
      if (!fs.existsSync(localeDir)) continue;
      reports.push(entry.name);
      for (const rel of listFiles(localeDir)) wanted.set(`${entry.name}/${rel}`, path.join(localeDir, rel));
    }
  }
  return {wanted, reports: reports.sort()};
}

/** Bring `mirror` to `wanted` (see the module comment); returns counts of written and removed files. */
function sync(mirror, wanted) {
  let written = 0;
  let removed = 0;
  for (const [rel, source] of wanted) {
    const target = path.join(mirror, rel);
    const bytes = fs.readFileSync(source);
    if (fs.existsSync(target) && fs.readFileSync(target).equals(bytes)) continue;
    fs.mkdirSync(path.dirname(target), {recursive: true});
    const temporary = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, bytes);
    fs.renameSync(temporary, target);
    written += 1;
  }
  for (const rel of listFiles(mirror)) {
    if (!wanted.has(rel)) {
      fs.rmSync(path.join(mirror, rel));
      removed += 1;
    }
  }
  return {written, removed};
}

module.exports = {listFiles, plan, sync};
