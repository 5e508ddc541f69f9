#!/usr/bin/env node
// The public API report of each entry point (api/<entry>.api.md), made by API Extractor from the
// compiled declarations in dist/ (run `npm run build` first).
//   node scripts/api-report.js          check: exit 1 and show the diff when a report is stale
//   node scripts/api-report.js --update write the reports (review the diff, then commit them)
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { CompilerState, Extractor, ExtractorConfig, ExtractorLogLevel } = require('@microsoft/api-extractor');

const root = join(__dirname, '..');
/** Entry points of the package's exports map: report name -> compiled declaration file. */
const ENTRY_POINTS = {
  inferstack: 'dist/lib/index.d.ts',
  'inferstack-aws': 'dist/lib/aws/index.d.ts',
  'inferstack-gcp': 'dist/lib/gcp/index.d.ts',
  'inferstack-azure': 'dist/lib/azure/index.d.ts',
};

function configFor(name, entry) {
  return ExtractorConfig.prepare({
    configObject: {
      projectFolder: root,
      mainEntryPointFilePath: join(root, entry),
      compiler: { tsconfigFilePath: join(root, 'tsconfig.build.json') },
      apiReport: { enabled: true, reportFileName: `${name}.api.md`, reportFolder: join(root, 'api'), reportTempFolder: join(root, '.tmp', 'api') },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        compilerMessageReporting: { default: { logLevel: ExtractorLogLevel.Warning } },
        extractorMessageReporting: {
          // Undocumented members and types reachable but not exported are listed in the report.
          default: { logLevel: ExtractorLogLevel.None, addToApiReportFile: true },
          'ae-missing-release-tag': { logLevel: ExtractorLogLevel.None, addToApiReportFile: false },
        },
        tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.None, addToApiReportFile: false } },
      },
    },
    configObjectFullPath: join(root, 'api', 'api-extractor.json'),
    packageJsonFullPath: join(root, 'package.json'),
  });
}

function run(update) {
  const entries = Object.entries(ENTRY_POINTS).filter(([, entry]) => existsSync(join(root, entry)));
  const configs = entries.map(([name, entry]) => [name, configFor(name, entry)]);
  // One TypeScript program for every entry point: the analysis is most of the time.
  const compilerState = CompilerState.create(configs[0][1], { additionalEntryPoints: configs.map(([, c]) => c.mainEntryPointFilePath) });
  let ok = true;
  for (const [name, config] of configs) {
    const result = Extractor.invoke(config, { localBuild: update, compilerState, showVerboseMessages: false, messageCallback: (m) => { m.handled = m.category === 'Compiler' && m.logLevel !== ExtractorLogLevel.Error; } });
    if (!result.succeeded || result.apiReportChanged) {
      ok = false;
      process.stderr.write(`api/${name}.api.md ${update ? 'updated' : 'is stale'}${result.errorCount ? ` (${result.errorCount} errors)` : ''}\n`);
    }
  }
  return ok;
}

const update = process.argv.includes('--update');
const ok = run(update);
if (!ok && !update) process.stderr.write('Run `npm run build && npm run api` and review the diff of api/*.api.md.\n');
process.exitCode = ok || update ? 0 : 1;
