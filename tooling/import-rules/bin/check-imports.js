#!/usr/bin/env node
'use strict';
const path = require('node:path');
const { checkRepo } = require('../src/check');

const root = path.resolve(process.argv[2] || path.join(__dirname, '..', '..', '..'));
const { violations, packagesChecked } = checkRepo(root);
for (const violation of violations) console.error(`[${violation.rule}] ${violation.message}`);
console.log(`import rules: ${packagesChecked} packages checked, ${violations.length} violation(s)`);
process.exitCode = violations.length === 0 ? 0 : 1;
