#!/usr/bin/env node
// Installed entry point (`npx inferstack`): runs the compiled CLI from dist/. In a git checkout
// without a build, it falls back to the TypeScript sources through tsx (a devDependency).
const path = require('node:path');
const fs = require('node:fs');

const compiled = path.join(__dirname, '..', 'dist', 'bin', 'cli.js');
if (fs.existsSync(compiled)) {
  require(compiled).run();
} else {
  let tsx;
  try {
    tsx = require.resolve('tsx/cjs');
  } catch {
    process.stderr.write('inferstack: dist/ is missing; run `npm run build` first\n');
    process.exit(2);
  }
  require(tsx);
  require('./cli.ts').run();
}
