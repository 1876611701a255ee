// Running the site-data build: which command, and what its output says.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const {spawnSync} = require('node:child_process');

/** The command that runs site-data in `root`: the project's own .venv if it has one, else `site-data` on PATH. */
function defaultCommand(root) {
  const venv = path.join(root, '.venv', 'bin', 'python');
  return fs.existsSync(venv) ? [venv, '-m', 'pipeline'] : ['site-data'];
}

/**
 * Build the project at `root` (all or nothing: on failure site-data/ keeps the last good build).
 * Returns {ok, output}: `output` is what site-data printed, its problems as `file:line:column: ...`.
 */
function runBuild({root, command, args}) {
  const [program, ...rest] = command;
  const done = spawnSync(program, [...rest, '--root', root, 'build', ...args], {
    cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  if (done.error) {
    const hint = done.error.code === 'ENOENT'
      ? `${program} not found: install site-data (make site-data in its repository) or set the plugin's command option`
      : String(done.error);
    return {ok: false, output: hint};
  }
  return {ok: done.status === 0, output: `${done.stdout || ''}${done.stderr || ''}`.trim()};
}

module.exports = {defaultCommand, runBuild};
