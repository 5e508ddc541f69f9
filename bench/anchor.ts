/**
 * Whole-process synthesis side by side with an anchor: cdk-eks-blueprints 1.19's `GpuBuilder` app
 * (a g6.xlarge managed node group, the NVIDIA GPU operator and KEDA), the closest public
 * equivalent of an inferstack AWS stack. The anchor is installed on demand into .tmp/bench-anchor
 * (npm registry; never a dependency of the package). Targets (issue 8): `cdk synth` of
 * examples/minimal-aws.yaml at most 0.6x the anchor's median wall time and no more than its peak
 * memory; `inferstack synth --cloud aws` at most 0.3x.
 *
 * Three reference rows say what no inferstack change can remove: the CDK CLI on its own
 * (`cdk --version`), and a bare aws-cdk-lib app with only what an inferstack AWS stack cannot do
 * without (an aws-eks-v2 Auto Mode cluster, its VPC, the kubectl layer and one manifest), through
 * the CLI and in process. They put the targets next to the floor aws-cdk-lib itself sets.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const ANCHOR = join(ROOT, '.tmp', 'bench-anchor');
/** The floor app lives under the repository, so it resolves the repository's own aws-cdk-lib and CLI. */
const FLOOR = join(ROOT, '.tmp', 'bench-floor');
const RUNS = 5;

/** The anchor app's pinned versions: eks-blueprints 1.19.0 pins aws-cdk-lib 2.261.0 and the CLI 2.1129.0. */
const ANCHOR_PACKAGES = {
  '@aws-quickstart/eks-blueprints': '1.19.0',
  'aws-cdk-lib': '2.261.0',
  'aws-cdk': '2.1129.0',
  constructs: '10.8.1',
};

const ANCHOR_APP = `
const cdk = require('aws-cdk-lib');
const eks = require('aws-cdk-lib/aws-eks');
const ec2 = require('aws-cdk-lib/aws-ec2');
const blueprints = require('@aws-quickstart/eks-blueprints');
const app = new cdk.App();
blueprints.GpuBuilder.builder({ kubernetesVersion: eks.KubernetesVersion.of('1.32'), instanceClass: ec2.InstanceClass.G6, instanceSize: ec2.InstanceSize.XLARGE })
  .enableGpu()
  .addOns(new blueprints.addons.KedaAddOn())
  .account('111122223333')
  .region('us-east-1')
  .build(app, 'gpu-anchor');
`;

/** Zones given as context so the anchor synthesizes offline, as inferstack does without any. */
const ANCHOR_CDK_JSON = { app: 'node app.js', context: { 'availability-zones:account=111122223333:region=us-east-1': ['us-east-1a', 'us-east-1b', 'us-east-1c'] } };

/** The least an inferstack AWS stack synthesizes: an Auto Mode cluster (with its VPC), the kubectl layer, one manifest. */
const FLOOR_APP = `
const cdk = require('aws-cdk-lib');
const eks = require('aws-cdk-lib/aws-eks-v2');
const { KubectlV35Layer } = require('@aws-cdk/lambda-layer-kubectl-v35');
const app = new cdk.App({ builtinCloudFormationValidation: false });
const stack = new cdk.Stack(app, 'floor');
const cluster = new eks.Cluster(stack, 'Cluster', {
  version: eks.KubernetesVersion.V1_35,
  defaultCapacityType: eks.DefaultCapacityType.AUTOMODE,
  kubectlProviderOptions: { kubectlLayer: new KubectlV35Layer(stack, 'KubectlLayer') },
});
cluster.addManifest('Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'inference' } });
`;

function writeFloor(): void {
  mkdirSync(FLOOR, { recursive: true });
  writeFileSync(join(FLOOR, 'app.js'), FLOOR_APP);
  writeFileSync(join(FLOOR, 'cdk.json'), JSON.stringify({ app: 'node app.js' }));
}

function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): void {
  const r = spawnSync(cmd, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}: ${r.stderr}`);
}

function ensureAnchor(): void {
  if (!existsSync(join(ANCHOR, 'node_modules', '@aws-quickstart', 'eks-blueprints'))) {
    mkdirSync(ANCHOR, { recursive: true });
    writeFileSync(join(ANCHOR, 'package.json'), JSON.stringify({ name: 'bench-anchor', private: true, dependencies: ANCHOR_PACKAGES }, null, 2));
    process.stderr.write('bench: installing the cdk-eks-blueprints anchor into .tmp/bench-anchor (npm registry)...\n');
    sh('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], ANCHOR);
  }
  writeFileSync(join(ANCHOR, 'app.js'), ANCHOR_APP);
  writeFileSync(join(ANCHOR, 'cdk.json'), JSON.stringify(ANCHOR_CDK_JSON));
}

interface Sample {
  readonly seconds: number;
  /** Peak resident memory of the process tree's largest process, MiB; null without GNU time. */
  readonly peakMiB: number | null;
}

const GNU_TIME = '/usr/bin/time';

/** One whole-process run: wall time, and peak memory through GNU time where the machine has it. */
function measure(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Sample {
  if (existsSync(GNU_TIME)) {
    const t = performance.now();
    const r = spawnSync(GNU_TIME, ['-f', 'inferstack-bench %M', cmd, ...args], { cwd, env, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    const seconds = (performance.now() - t) / 1000;
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
    const kb = Number(/inferstack-bench (\d+)/.exec(r.stderr)?.[1]);
    return { seconds, peakMiB: Number.isFinite(kb) ? kb / 1024 : null };
  }
  const t = performance.now();
  sh(cmd, args, cwd, env);
  return { seconds: (performance.now() - t) / 1000, peakMiB: null };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Rows of the side-by-side table. */
export interface AnchorRow {
  readonly name: string;
  readonly medianSeconds: number;
  readonly peakMiB: number | null;
  readonly ratio: number;
  readonly target: string;
  readonly met: boolean | null;
}

/** Run the anchor, the references and inferstack's two synth paths RUNS times each, interleaved, after one warm-up each. */
export function benchAnchor(): AnchorRow[] {
  ensureAnchor();
  writeFloor();
  sh('npm', ['run', '--silent', 'build'], ROOT);
  const out = mkdtempSync(join(tmpdir(), 'inferstack-bench-anchor-'));
  const cdk = join(ROOT, 'node_modules', '.bin', 'cdk');
  const runs: Record<string, () => Sample> = {
    anchor: () => measure(join(ANCHOR, 'node_modules', '.bin', 'cdk'), ['synth', '-q', '-o', join(out, 'anchor')], ANCHOR),
    cli: () => measure(cdk, ['--version'], ROOT),
    floorCdk: () => measure(cdk, ['synth', '-q', '-o', join(out, 'floor-cdk')], FLOOR),
    floorApp: () => measure(process.execPath, [join(FLOOR, 'app.js')], FLOOR, { ...process.env, CDK_OUTDIR: join(out, 'floor-app') }),
    cdk: () => measure(cdk, ['synth', '-q', '-c', 'spec=examples/minimal-aws.yaml', '-o', join(out, 'cdk')], ROOT),
    synth: () => measure(process.execPath, [join(ROOT, 'bin', 'inferstack.js'), 'synth', 'examples/minimal-aws.yaml', '--cloud', 'aws', '--out', join(out, 'synth')], ROOT),
  };
  const samples: Record<string, Sample[]> = Object.fromEntries(Object.keys(runs).map((k) => [k, []]));
  for (const run of Object.values(runs)) run(); // warm-up: install caches, stage assets once
  for (let i = 0; i < RUNS; i++) for (const [k, run] of Object.entries(runs)) samples[k].push(run());
  const stat = (k: string) => ({
    medianSeconds: median(samples[k].map((s) => s.seconds)),
    peakMiB: samples[k].every((s) => s.peakMiB !== null) ? Math.max(...samples[k].map((s) => s.peakMiB!)) : null,
  });
  const anchor = stat('anchor');
  const row = (name: string, k: string, maxRatio: number | null, memoryToo: boolean): AnchorRow => {
    const s = stat(k);
    const ratio = s.medianSeconds / anchor.medianSeconds;
    const memOk = !memoryToo || s.peakMiB === null || anchor.peakMiB === null ? true : s.peakMiB <= anchor.peakMiB;
    return {
      name,
      ...s,
      ratio,
      target: maxRatio === null ? (k === 'anchor' ? 'anchor' : 'reference') : `<= ${maxRatio}x${memoryToo ? ', memory <= anchor' : ''}`,
      met: maxRatio === null ? null : ratio <= maxRatio && memOk,
    };
  };
  return [
    row('cdk-eks-blueprints 1.19 GpuBuilder: cdk synth', 'anchor', null, false),
    row('CDK CLI alone: cdk --version', 'cli', null, false),
    row('aws-cdk-lib floor (Auto Mode cluster, kubectl layer, 1 manifest): cdk synth', 'floorCdk', null, false),
    row('inferstack minimal-aws: cdk synth', 'cdk', 0.6, true),
    row('aws-cdk-lib floor: the same app in process (node app.js)', 'floorApp', null, false),
    row('inferstack minimal-aws: inferstack synth --cloud aws', 'synth', 0.3, false),
  ];
}
