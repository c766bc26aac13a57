'use strict';
// How to run pnpm from a script: the pnpm that runs this script when there is one (`npm_execpath` under
// `pnpm run`), else the version the root package.json pins, through npx.
const fs = require('node:fs');
const path = require('node:path');

/** @returns {{ command: string, args: string[] }} prefix of a pnpm invocation */
function pnpmCommand(root, env = process.env) {
  const execPath = env.npm_execpath ?? '';
  const base = path.basename(execPath);
  if (/^pnpm(\.exe)?$/.test(base) && fs.existsSync(execPath)) return { command: execPath, args: [] };
  if (/^pnpm\.c?js$/.test(base) && fs.existsSync(execPath)) return { command: process.execPath, args: [execPath] };
  const { packageManager = '' } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const pinned = /^pnpm@([^+\s]+)/.exec(packageManager);
  return { command: 'npx', args: ['-y', pinned ? `pnpm@${pinned[1]}` : 'pnpm'] };
}

module.exports = { pnpmCommand };
