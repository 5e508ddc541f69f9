#!/usr/bin/env node
// Installed entry point (`npx inferstack`): runs the TypeScript CLI through tsx.
require('tsx/cjs');
require('./cli.ts').run();
