/**
 * The packed package in a user's own Pulumi program: installed from its tarball with the Pulumi
 * SDKs (from the npm registry) and no aws-cdk-lib, compiled with plain tsc (`module: commonjs`,
 * strict), and run offline under inferstack's mocks for GCP and Azure.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installPacked, ROOT, run } from './support';

const FIXTURE = join(__dirname, 'consumer-pulumi');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** The scratch program's dependencies: the Pulumi SDKs as this repository pins them. */
const APP_DEPENDENCIES = Object.fromEntries(['@pulumi/pulumi', '@pulumi/gcp', '@pulumi/kubernetes', '@pulumi/azure-native', 'typescript', '@types/node'].map((d) => [d, pkg.devDependencies[d]]));


describe('the packed package in a fresh Pulumi program', () => {
  const work = mkdtempSync(join(tmpdir(), 'inferstack-consumer-pulumi-'));
  const app = join(work, 'app');

  beforeAll(() => {
    expect(existsSync(join(ROOT, 'dist', 'lib', 'gcp', 'index.js')) ? 'built' : 'dist/ is missing: run npm run build').toBe('built');
    installPacked(work, FIXTURE, 'consumer-pulumi', APP_DEPENDENCIES);
  }, 600_000);

  test('npm installs the Pulumi SDKs and no aws-cdk-lib or constructs', () => {
    expect(existsSync(join(app, 'node_modules', '@pulumi', 'gcp'))).toBe(true);
    expect(existsSync(join(app, 'node_modules', 'aws-cdk-lib'))).toBe(false);
    expect(existsSync(join(app, 'node_modules', 'constructs'))).toBe(false);
  });

  test('plain tsc compiles the program, which runs offline on GCP and Azure with every binding filled', () => {
    run(join(app, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], app);
    const out = JSON.parse(run(process.execPath, [join('out', 'run.js')], app).trim().split('\n').pop()!);
    expect(out.gcp).toEqual(expect.arrayContaining(['inferstack:gcp:InferenceDeployment', 'gcp:container/cluster:Cluster', 'gcp:container/nodePool:NodePool', 'kubernetes:apps/v1:Deployment', 'kubernetes:helm.sh/v3:Release']));
    expect(out.azure).toEqual(expect.arrayContaining(['inferstack:azure:InferenceDeployment', 'azure-native:containerservice:ManagedCluster', 'azure-native:containerservice:AgentPool', 'kubernetes:apps/v1:Deployment']));
    expect(out.unbound).toBe(false);
  }, 300_000);
});
