#!/usr/bin/env node
// Runs before `npm start` and `npm test`: on a fresh clone (or after the lockfile changed) it
// installs the exact dependencies first, so those two commands are all a newcomer needs.
const { execSync } = require('node:child_process');
const { statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const mtime = (file) => {
  try {
    return statSync(join(root, file)).mtimeMs;
  } catch {
    return -1;
  }
};

if (mtime('node_modules/.package-lock.json') < mtime('package-lock.json')) {
  console.log('Installing dependencies (npm ci)…');
  execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
}
