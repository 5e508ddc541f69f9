/**
 * The package as a user installs it: `npm pack`, the tarball installed into a scratch CDK app on
 * aws-cdk-lib 2.261.0 (the version cdk-eks-blueprints 1.19 pins) from the npm registry, compiled
 * with plain tsc (`module: commonjs`, strict), type-checked with NodeNext, run under ts-node and
 * tsx, and required from plain JavaScript. The only test that uses the network (the npm registry).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installPacked, ROOT, run } from './support';

const FIXTURE = join(__dirname, 'consumer-cdk');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** Versions of the scratch app: the oldest aws-cdk-lib we support, the rest as this repo pins them. */
const APP_DEPENDENCIES = {
  'aws-cdk-lib': '2.261.0',
  constructs: pkg.devDependencies.constructs,
  '@aws-cdk/lambda-layer-kubectl-v35': pkg.devDependencies['@aws-cdk/lambda-layer-kubectl-v35'],
  typescript: pkg.devDependencies.typescript,
  '@types/node': pkg.devDependencies['@types/node'],
  'ts-node': '10.9.2',
  tsx: pkg.devDependencies.tsx,
};


/** Resource types of each synthesized top-level stack in a cloud assembly directory (nested stacks left out). */
function templates(dir: string): Record<string, string[]> {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.template.json') && !f.endsWith('.nested.template.json'))
      .map((f) => [f.replace('.template.json', ''), [...new Set(Object.values<any>(JSON.parse(readFileSync(join(dir, f), 'utf8')).Resources).map((r) => r.Type))].sort()]),
  );
}

describe('the packed package in a fresh CDK app', () => {
  const work = mkdtempSync(join(tmpdir(), 'inferstack-consumer-'));
  const app = join(work, 'app');
  let installed = false;

  beforeAll(() => {
    expect(existsSync(join(ROOT, 'dist', 'lib', 'index.js')) ? 'built' : 'dist/ is missing: run npm run build').toBe('built');
    installPacked(work, FIXTURE, 'consumer', APP_DEPENDENCIES);
    installed = true;
  }, 600_000);

  test('npm installs one aws-cdk-lib and no Pulumi package', () => {
    expect(installed).toBe(true);
    const copies = run('npm', ['ls', 'aws-cdk-lib', '--all', '--parseable'], app).trim().split('\n').filter(Boolean);
    expect(copies).toEqual([join(app, 'node_modules', 'aws-cdk-lib')]);
    expect(existsSync(join(app, 'node_modules', '@pulumi'))).toBe(false);
    expect(existsSync(join(app, 'node_modules', 'inferstack', 'dist', 'lib', 'index.d.ts'))).toBe(true);
    expect(existsSync(join(app, 'node_modules', 'inferstack', 'lib'))).toBe(false); // no TypeScript sources shipped
  });

  test('plain tsc (commonjs, strict) compiles the app and its three compositions synthesize', () => {
    run(join(app, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], app);
    run(process.execPath, [join('out', 'app.js'), 'cdk.out'], app);
    const t = templates(join(app, 'cdk.out'));
    expect(Object.keys(t).sort()).toEqual(['Pools', 'QueueAndBudget', 'Whole']);
    expect(t.Whole).toEqual(expect.arrayContaining(['AWS::EKS::Cluster', 'AWS::KMS::Key', 'Custom::AWSCDK-EKS-KubernetesResource', 'Custom::AWSCDK-EKS-HelmChart']));
    expect(t.Pools).toEqual(expect.arrayContaining(['AWS::EKS::Cluster', 'Custom::AWSCDK-EKS-KubernetesResource']));
    expect(t.QueueAndBudget).toEqual(['AWS::Budgets::Budget', 'AWS::CloudWatch::Alarm', 'AWS::IAM::Policy', 'AWS::IAM::Role', 'AWS::KMS::Key', 'AWS::SNS::Topic', 'AWS::SNS::TopicPolicy', 'AWS::SQS::Queue', 'AWS::SQS::QueuePolicy']);
    // Each model's NodePools and server live in a nested stack of the deployment.
    expect(readdirSync(join(app, 'cdk.out')).filter((f) => f.startsWith('WholeInferencePools') && f.endsWith('.nested.template.json'))).toHaveLength(1);
    const pools = readFileSync(join(app, 'cdk.out', 'Pools.template.json'), 'utf8');
    expect(pools).toContain('karpenter.sh/v1');
  });

  test('NodeNext module resolution type-checks the same app', () => {
    run(join(app, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.nodenext.json'], app);
  });

  test('ts-node and tsx run the TypeScript app directly', () => {
    run(join(app, 'node_modules', '.bin', 'ts-node'), ['app.ts', 'cdk.out.ts-node'], app);
    run(join(app, 'node_modules', '.bin', 'tsx'), ['app.ts', 'cdk.out.tsx'], app);
    expect(Object.keys(templates(join(app, 'cdk.out.ts-node'))).sort()).toEqual(['Pools', 'QueueAndBudget', 'Whole']);
    expect(Object.keys(templates(join(app, 'cdk.out.tsx'))).sort()).toEqual(['Pools', 'QueueAndBudget', 'Whole']);
  });

  test('plain JavaScript requires both entry points', () => {
    expect(JSON.parse(run(process.execPath, ['plain.js'], app))).toEqual({ constructs: 'function', apiVersion: 'inferstack.dev/cost/v1alpha1' });
  });

  test('the installed CLI runs without a TypeScript loader', () => {
    expect(run(join(app, 'node_modules', '.bin', 'inferstack'), ['--version'], app).trim()).toBe(pkg.version);
    expect(run(join(app, 'node_modules', '.bin', 'inferstack'), ['validate', 'inference.yaml'], app)).toMatch(/^ok: inference.yaml/);
  });
});
