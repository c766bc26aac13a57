'use strict';
// Reads an npm tarball (.tgz) in memory without unpacking it: gunzip, then walk the tar headers.
const fs = require('node:fs');
const zlib = require('node:zlib');

const BLOCK = 512;

function field(header, start, length) {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? raw.length : end).toString('utf8');
}

/**
 * Every regular file of the tarball: path inside the package (without the top folder, `package/` for npm and
 * pnpm) → contents. Follows pax (`x`) and GNU (`L`) long names. Throws when the file is not gzipped.
 * @returns {Map<string, Buffer>}
 */
function readTarballFiles(file) {
  const tar = zlib.gunzipSync(fs.readFileSync(file));
  const files = new Map();
  let longName;
  for (let offset = 0; offset + BLOCK <= tar.length; ) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    const size = parseInt(field(header, 124, 12).trim() || '0', 8);
    const type = field(header, 156, 1);
    const prefix = field(header, 257, 5) === 'ustar' ? field(header, 345, 155) : '';
    const body = tar.subarray(offset + BLOCK, offset + BLOCK + size);
    const name = longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    longName = undefined;
    if (type === 'x') {
      const pax = /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'));
      if (pax) longName = pax[1];
    } else if (type === 'L') {
      longName = body.toString('utf8').replace(/\0+$/, '');
    } else if (type === '0' || type === '') {
      files.set(name.replace(/^[^/]+\//, ''), Buffer.from(body));
    }
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
  return files;
}

/**
 * The parsed `package.json` at the top of the tarball (`package/package.json` for npm and pnpm).
 * Throws when the file is not a gzipped tar or has no package.json.
 */
function readTarballManifest(file) {
  const manifest = readTarballFiles(file).get('package.json');
  if (manifest === undefined) throw new Error(`${file} has no package.json at its top level`);
  return JSON.parse(manifest.toString('utf8'));
}

module.exports = { readTarballFiles, readTarballManifest };
