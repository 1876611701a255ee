'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const {test} = require('node:test');
const {listFiles, plan, sync} = require('../src/mirror');

function tree(root, files) {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), {recursive: true});
    fs.writeFileSync(path.join(root, rel), text);
  }
}

test('the mirror holds the locale\'s files of every report, under the report, without the locale', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mirror-'));
  tree(path.join(root, 'out'), {'r1/ko/A.json': '1', 'r1/en/A.json': 'en', 'r1/ko/tables/t.mdx': 't'});
  tree(path.join(root, 'extra'), {'r1/ko/A.json': 'shadowed', 'r2/ko/B.json': '2'});
  const {wanted, reports} = plan([path.join(root, 'out'), path.join(root, 'extra')], 'ko');
  assert.deepEqual(reports, ['r1', 'r2']);
  assert.deepEqual([...wanted.keys()], ['r1/A.json', 'r1/tables/t.mdx', 'r2/B.json']);
  const mirror = path.join(root, 'mirror');
  assert.deepEqual(sync(mirror, wanted), {written: 3, removed: 0});
  assert.equal(fs.readFileSync(path.join(mirror, 'r1/A.json'), 'utf8'), '1');
});

test('a second sync touches only what changed, and removes what is gone', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mirror-'));
  tree(path.join(root, 'out'), {'r/ko/A.json': 'a', 'r/ko/B.json': 'b', 'r/ko/C.json': 'c'});
  const mirror = path.join(root, 'mirror');
  sync(mirror, plan([path.join(root, 'out')], 'ko').wanted);
  const before = fs.statSync(path.join(mirror, 'r/A.json')).ino;
  fs.writeFileSync(path.join(root, 'out/r/ko/B.json'), 'b2');
  fs.rmSync(path.join(root, 'out/r/ko/C.json'));
  assert.deepEqual(sync(mirror, plan([path.join(root, 'out')], 'ko').wanted), {written: 1, removed: 1});
  assert.equal(fs.statSync(path.join(mirror, 'r/A.json')).ino, before);
  assert.equal(fs.readFileSync(path.join(mirror, 'r/B.json'), 'utf8'), 'b2');
  assert.deepEqual(listFiles(mirror), ['r/A.json', 'r/B.json']);
});
