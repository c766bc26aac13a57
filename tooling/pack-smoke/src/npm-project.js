'use strict';
// A fresh npm project outside the repository: written, installed with the npm on PATH, and measured.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

/** npm settings a user could have set on purpose; every other npm_* / pnpm_* variable comes from the
 * package manager running us (e.g. `npm_config_local_prefix` would point npm at the repository). */
const KEPT_NPM_ENV = new Set([
  'npm_config_registry', 'npm_config_cache', 'npm_config_userconfig', 'npm_config_cafile',
  'npm_config_strict_ssl', 'npm_config_proxy', 'npm_config_https_proxy', 'npm_config_noproxy',
]);

/** `env` without the variables a parent package manager or jest set for itself. */
function cleanEnv(env = process.env, extra = {}) {
  const clean = {};
  for (const [key, value] of Object.entries(env)) {
    if (/^(npm|pnpm)_/i.test(key) && !KEPT_NPM_ENV.has(key.toLowerCase())) continue;
    if (key === 'NODE_OPTIONS' || key.startsWith('JEST_')) continue;
    clean[key] = value;
  }
  return { ...clean, ...extra };
}

/**
 * Runs a command to its end. Never rejects: resolves with the exit code (null when killed, e.g. by the
 * timeout), stdout and stderr.
 * @returns {Promise<{ code: number | null, signal: string | null, stdout: string, stderr: string }>}
 */
function run(command, args, { cwd, env = cleanEnv(), timeoutMs = 120_000 } = {}) {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let child;
    try {
      child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      resolve({ code: null, signal: null, stdout, stderr: String(error) });
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) => (stderr += String(error)));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Writes `<dir>/package.json` for a private project with `dependencies` (name → spec). */
function writeProject(dir, dependencies, extra = {}) {
  fs.mkdirSync(dir, { recursive: true });
  const manifest = { name: path.basename(dir).toLowerCase().replace(/[^a-z0-9-]/g, '-'), version: '0.0.0', private: true, dependencies, ...extra };
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * `npm install` in `dir` with the settings of a quick CI install: no audit, no fund, cached metadata
 * preferred. Resolves with the run; `code` 0 means installed.
 */
function npmInstall(dir, { env = cleanEnv(), timeoutMs = 300_000, extraArgs = [] } = {}) {
  return run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=warn', '--fetch-timeout=120000', '--fetch-retries=4', ...extraArgs], {
    cwd: dir, env, timeoutMs,
  });
}

/**
 * Every installed package under `<dir>/node_modules` (nested copies included), as `name@version`,
 * and the bytes of all files there.
 * @returns {{ packages: string[], bytes: number }}
 */
function installedPackages(dir) {
  const packages = [];
  let bytes = 0;
  const sizeOf = (p) => {
    const stat = fs.lstatSync(p);
    if (stat.isDirectory()) for (const entry of fs.readdirSync(p)) sizeOf(path.join(p, entry));
    else bytes += stat.size;
  };
  const walk = (nodeModules) => {
    if (!fs.existsSync(nodeModules)) return;
    for (const entry of fs.readdirSync(nodeModules)) {
      if (entry.startsWith('.')) continue;
      const dirs = entry.startsWith('@')
        ? fs.readdirSync(path.join(nodeModules, entry)).map((name) => path.join(nodeModules, entry, name))
        : [path.join(nodeModules, entry)];
      for (const pkgDir of dirs) {
        const manifestPath = path.join(pkgDir, 'package.json');
        if (!fs.existsSync(manifestPath)) continue;
        const { name, version } = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
        packages.push(`${name}@${version}`);
        walk(path.join(pkgDir, 'node_modules'));
      }
    }
  };
  walk(path.join(dir, 'node_modules'));
  if (fs.existsSync(path.join(dir, 'node_modules'))) sizeOf(path.join(dir, 'node_modules'));
  return { packages: packages.sort(), bytes };
}

module.exports = { cleanEnv, run, writeProject, npmInstall, installedPackages };
