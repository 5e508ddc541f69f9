/**
 * The published entry points (package.json `exports`), loaded from the compiled dist/ as an
 * installed package is: the core loads no cloud SDK, each renderer only its own framework, and
 * the CLI runs without a TypeScript loader.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** Load a module by its package subpath in a fresh node process; report which frameworks it loaded. */
function load(subpath: string): { exports: string[]; frameworks: string[]; loaders: string[] } {
  const script = `
    const m = require(${JSON.stringify(subpath)});
    const mods = Object.keys(require.cache);
    const has = (re) => [...new Set(mods.map((k) => (k.match(re) || [])[1]).filter(Boolean))].sort();
    console.log(JSON.stringify({ exports: Object.keys(m).sort(), frameworks: has(/node_modules\\/(aws-cdk-lib|constructs|@pulumi\\/[a-z-]+)\\//), loaders: has(/node_modules\\/(tsx|ts-node|esbuild)\\//) }));`;
  // Resolve 'inferstack/...' through the package's own exports map (self-reference by name).
  const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

describe('package.json', () => {
  test('every exports entry points at a compiled file with declarations', () => {
    for (const [subpath, target] of Object.entries<any>(pkg.exports)) {
      if (typeof target === 'string') continue;
      expect([subpath, target.default]).toEqual([subpath, expect.stringMatching(/^\.\/dist\/.*\.js$/)]);
      expect([subpath, target.types]).toEqual([subpath, expect.stringMatching(/^\.\/dist\/.*\.d\.ts$/)]);
    }
    expect(pkg.main).toBe(pkg.exports['.'].default);
    expect(pkg.types).toBe(pkg.exports['.'].types);
  });

  test('frameworks are optional peers with ranges; the repo pins them exactly', () => {
    for (const name of ['aws-cdk-lib', 'constructs', '@pulumi/pulumi']) {
      expect(pkg.dependencies?.[name]).toBeUndefined();
      expect(pkg.peerDependencies[name]).toMatch(/[\^>~]/);
      expect(pkg.peerDependenciesMeta[name]).toEqual({ optional: true });
      expect(pkg.devDependencies[name]).toMatch(/^\d+\.\d+\.\d+$/);
    }
    expect(pkg.peerDependencies['aws-cdk-lib']).toBe('>=2.261.0 <3.0.0');
    expect(pkg.dependencies.tsx).toBeUndefined();
  });
});

describe('entry points', () => {
  test("'inferstack' is the pure core: no cloud SDK, no TypeScript loader", () => {
    const core = load('inferstack');
    expect(core.frameworks).toEqual([]);
    expect(core.loaders).toEqual([]);
    expect(core.exports).toEqual(expect.arrayContaining(['loadSpecFile', 'defineSpec', 'resolvePlan', 'costReport', 'renderWorkload', 'SpecValidationError', 'Catalog']));
  });

  test("'inferstack/aws' loads aws-cdk-lib and constructs only", () => {
    const aws = load('inferstack/aws');
    expect(aws.frameworks).toEqual(['aws-cdk-lib', 'constructs']);
    expect(aws.loaders).toEqual([]);
    expect(aws.exports).toEqual(expect.arrayContaining(['InferenceDeployment', 'AcceleratorNodePools', 'InferenceQueue', 'InferenceBudget', 'applyCostTags']));
  });

  test("'inferstack/azure' loads Pulumi only: azure-native by submodule, kubernetes, pulumi", () => {
    const azure = load('inferstack/azure');
    expect(azure.frameworks).toEqual(['@pulumi/azure-native', '@pulumi/kubernetes', '@pulumi/pulumi']);
    expect(azure.loaders).toEqual([]);
    expect(azure.exports).toEqual(expect.arrayContaining(['InferenceDeployment', 'InferenceCluster', 'AcceleratorNodePools', 'InferenceQueue', 'QueueIdentities', 'InferenceWorkload', 'InferenceBudget', 'InferenceResourceGroup', 'AZURE_OFFLINE_MOCKS']));
  });

  test("'inferstack/gcp' loads the Pulumi GCP and Kubernetes SDKs only", () => {
    const gcp = load('inferstack/gcp');
    expect(gcp.frameworks).toEqual(['@pulumi/gcp', '@pulumi/kubernetes', '@pulumi/pulumi']);
    expect(gcp.loaders).toEqual([]);
    expect(gcp.exports).toEqual(expect.arrayContaining(['InferenceDeployment', 'InferenceCluster', 'AcceleratorNodePools', 'InferenceQueue', 'QueueIdentities', 'InferenceWorkload', 'InferenceBudget', 'costLabels']));
  });

  test("'inferstack/package.json' resolves", () => {
    expect(JSON.parse(spawnSync(process.execPath, ['-p', "JSON.stringify(require('inferstack/package.json').name)"], { cwd: ROOT, encoding: 'utf8' }).stdout)).toBe('inferstack');
  });

  test('the installed CLI runs compiled JavaScript and prints its version', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'inferstack.js'), '--version'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stdout.trim()).toBe(pkg.version);
  });
});
