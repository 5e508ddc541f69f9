/**
 * `inferstack synth <spec> [--out DIR] [--cloud ...] [--validate]`: everything that will be
 * deployed, written to disk without credentials or network: per target the plan, the Kubernetes
 * manifests and Helm releases, and the cloud's own templates where its renderer exists (AWS: the
 * real CDK synth; GCP and Azure: the resource graph of an offline run of the Pulumi program).
 */
import { existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CloudId } from '../../lib/catalog/types';
import { assertWithinBudget, BudgetExceededError } from '../../lib/cost';
import { manifestFiles, RenderedWorkload, renderWorkload } from '../../lib/k8s';
import { InferencePlan } from '../../lib/plan/types';
import type { InferenceSpec } from '../../lib/spec/types';
import { renderTable } from '../../lib/util/table';
import { stableJson } from '../../lib/util/stable-json';
import { CliError, parseArgs } from '../args';
import { Command, loadSpecArg, plansFor, selectedClouds } from './core';
import { checkOutDir, SynthOutput } from './output';

/** Options of the synth command that reach the cloud writers. */
interface WriterOptions {
  /** `--validate`: also run the cloud framework's own template validation (AWS: aws-cdk-lib's built-in CloudFormation validation). */
  readonly validate: boolean;
}

/** A cloud's own infrastructure templates for a resolved plan, written under the cloud's directory; returns the files written. */
type TemplateWriter = (spec: InferenceSpec, plan: InferencePlan, dir: string, options: WriterOptions) => Promise<string[]> | string[];

/**
 * Cloud renderers that synthesize templates, loaded on demand so that one cloud's SDK is never
 * loaded for another. A cloud whose renderer is missing gets the plan and the Kubernetes workload.
 */
const TEMPLATE_WRITERS: Partial<Record<CloudId, { what: string; load: () => TemplateWriter | undefined }>> = {
  aws: {
    what: 'CloudFormation (cdk synth)',
    load: () => (spec, plan, dir, options) =>
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      (require('../../stacks/aws-stack') as typeof import('../../stacks/aws-stack')).synthAwsTemplates(spec, join(dir, 'templates'), { plan, validate: options.validate }),
  },
  gcp: { what: 'Pulumi resource graph (resources.json)', load: () => pulumiGraphWriter('gcp') },
  azure: { what: 'Pulumi resource graph (resources.json)', load: () => pulumiGraphWriter('azure') },
};

/** Writes `DIR/<cloud>/resources.json` from an offline run of the Pulumi program, when the cloud has one. */
function pulumiGraphWriter(cloud: CloudId): TemplateWriter | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const program = require('../../stacks/pulumi/program') as typeof import('../../stacks/pulumi/program');
  if (!program.PULUMI_CLOUDS[cloud]) return undefined;
  return async (spec, plan, dir) => [writeFile(join(dir, 'resources.json'), stableJson(await program.synthPulumiGraph(spec, plan)))];
}

function writeFile(path: string, content: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}

/** CDK's staged assets (`asset.<hash>...`): content-addressed, so a later synth may reuse them. */
const STAGED_ASSET = /^asset\.[0-9a-f]{64}/;

/** Hard-link `from` (a file or a folder, recursively) to `to`: no data is copied. */
function linkTree(from: string, to: string): void {
  if (lstatSync(from).isDirectory()) {
    mkdirSync(to, { recursive: true });
    for (const e of readdirSync(from)) linkTree(join(from, e), join(to, e));
  } else linkSync(from, to);
}

/**
 * Give the staging folder the assets an earlier synth staged in `previous/templates` (the kubectl
 * layer alone is 36 MB), as hard links: CDK then skips copying them, and the earlier output stays
 * untouched should this synth fail. Where linking is not possible, CDK copies them as usual.
 */
function reuseStagedAssets(previous: string, staging: string): void {
  const from = join(previous, 'templates');
  if (!existsSync(from)) return;
  for (const entry of readdirSync(from).filter((f) => STAGED_ASSET.test(f))) {
    try {
      linkTree(join(from, entry), join(staging, 'templates', entry));
    } catch {
      rmSync(join(staging, 'templates', entry), { recursive: true, force: true });
    }
  }
}

/** Remove staged assets the new synth no longer references (its `*.assets.json` manifests list them). */
function pruneAssets(dir: string): void {
  const templates = join(dir, 'templates');
  if (!existsSync(templates)) return;
  const manifests = readdirSync(templates).filter((f) => f.endsWith('.assets.json')).map((f) => readFileSync(join(templates, f), 'utf8'));
  for (const entry of readdirSync(templates).filter((f) => STAGED_ASSET.test(f))) {
    if (!manifests.some((m) => m.includes(`"${entry}"`))) rmSync(join(templates, entry), { recursive: true, force: true });
  }
}

/** Write everything for one plan into `dir` (an empty staging folder); returns what its templates are. */
async function synthCloud(spec: InferenceSpec, plan: InferencePlan, workload: RenderedWorkload, dir: string, previous: string, options: WriterOptions): Promise<string> {
  writeFile(join(dir, 'plan.json'), stableJson(plan));
  for (const f of manifestFiles(workload)) writeFile(join(dir, 'k8s', f.path), f.content);
  const entry = TEMPLATE_WRITERS[plan.cloud];
  const writer = entry?.load();
  if (writer && entry) {
    reuseStagedAssets(previous, dir);
    await writer(spec, plan, dir, options);
    pruneAssets(dir);
    return entry.what;
  }
  return 'none yet: the plan and the Kubernetes workload';
}

/**
 * Writes `DIR/<cloud>/` per target. Everything is synthesized into a staging folder inside DIR
 * and moved into place only when every cloud succeeded: a failure leaves DIR as it was. Each
 * cloud folder lists what inferstack wrote in `.inferstack-manifest.json`; a later synth removes
 * only those files, keeps any other file, and refuses (exit 2) a folder it did not write or a DIR
 * that is a file.
 */
export const synthCommand: Command = {
  name: 'synth',
  usage: 'synth <spec> [--out DIR] [--cloud aws|gcp|azure] [--validate]',
  summary: 'write per target the plan, Kubernetes manifests, Helm releases and cloud templates',
  async run(argv, out, ctx) {
    const a = parseArgs(argv, { positionals: 1, options: ['out', 'cloud'], flags: ['validate'] });
    const { spec } = await loadSpecArg(a.positionals[0], ctx);
    const outDir = a.options.get('out') ?? 'out';
    const plans = plansFor(spec, selectedClouds(spec, a.options.get('cloud')));
    // Budget first: with onExceed: error, an over-budget ceiling writes nothing.
    try {
      assertWithinBudget(spec, plans);
    } catch (e) {
      if (e instanceof BudgetExceededError) throw new CliError(`nothing written: ${e.message}`, 1);
      throw e;
    }
    // Render every cloud before writing any, and refuse an output folder before synthesizing.
    const rendered = plans.map((plan) => ({ plan, workload: renderWorkload(plan) }));
    checkOutDir(outDir, plans.map((p) => p.cloud));
    const output = new SynthOutput(outDir);
    const templates: Record<string, string> = {};
    let written: Record<string, string[]>;
    try {
      for (const { plan, workload } of rendered) {
        templates[plan.cloud] = await synthCloud(spec, plan, workload, output.dirFor(plan.cloud), join(outDir, plan.cloud), { validate: a.flags.has('validate') });
      }
      written = output.commit();
    } catch (e) {
      output.abort();
      throw e;
    }
    const rows = plans.map((plan) => [plan.cloud, join(outDir, plan.cloud), written[plan.cloud].length, templates[plan.cloud]]);
    out(`${renderTable(['cloud', 'directory', 'files', 'cloud templates'], rows)}\n`);
    return 0;
  },
};
