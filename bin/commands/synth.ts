/**
 * `inferstack synth <spec> [--out DIR] [--cloud ...]`: everything that will be deployed, written
 * to disk without credentials or network: per target the plan, the Kubernetes manifests and Helm
 * releases, and the cloud's own templates where its renderer exists (AWS: the real CDK synth).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CloudId } from '../../lib/catalog/types';
import { assertWithinBudget, BudgetExceededError } from '../../lib/cost';
import { manifestFiles, RenderedWorkload, renderWorkload } from '../../lib/k8s';
import { loadSpecFile } from '../../lib/load';
import { InferencePlan } from '../../lib/plan/types';
import type { InferenceSpec } from '../../lib/spec/types';
import { renderTable } from '../../lib/util/table';
import { stableJson } from '../../lib/util/stable-json';
import { CliError, parseArgs } from '../args';
import { Command, plansFor, selectedClouds } from './core';

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

/**
 * Empty `dir` for a new synth, keeping the staged assets of an earlier AWS synth (the kubectl layer
 * alone is 36 MB): CDK skips copying an asset whose content-addressed target already exists.
 */
function clearForSynth(dir: string): void {
  const templates = join(dir, 'templates');
  const keep = existsSync(templates) ? readdirSync(templates).filter((f) => STAGED_ASSET.test(f)) : [];
  for (const entry of existsSync(dir) ? readdirSync(dir) : []) {
    if (entry !== 'templates') rmSync(join(dir, entry), { recursive: true, force: true });
  }
  for (const entry of existsSync(templates) ? readdirSync(templates) : []) {
    if (!keep.includes(entry)) rmSync(join(templates, entry), { recursive: true, force: true });
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

/** Write everything for one plan into `dir` (emptied first, earlier staged assets kept); returns the files written. */
async function synthCloud(spec: InferenceSpec, plan: InferencePlan, workload: RenderedWorkload, dir: string, options: WriterOptions): Promise<{ files: string[]; templates: string }> {
  clearForSynth(dir);
  const files = [writeFile(join(dir, 'plan.json'), stableJson(plan))];
  for (const f of manifestFiles(workload)) files.push(writeFile(join(dir, 'k8s', f.path), f.content));
  const entry = TEMPLATE_WRITERS[plan.cloud];
  const writer = entry?.load();
  if (writer) files.push(...(await writer(spec, plan, dir, options)));
  pruneAssets(dir);
  return { files, templates: writer && entry ? entry.what : 'none yet: the plan and the Kubernetes workload' };
}

export const synthCommand: Command = {
  name: 'synth',
  usage: 'synth <spec> [--out DIR] [--cloud aws|gcp|azure] [--validate]',
  summary: 'write per target the plan, Kubernetes manifests, Helm releases and cloud templates',
  async run(argv, out) {
    const a = parseArgs(argv, { positionals: 1, options: ['out', 'cloud'], flags: ['validate'] });
    const spec = loadSpecFile(a.positionals[0]);
    const outDir = a.options.get('out') ?? 'out';
    const plans = plansFor(spec, selectedClouds(spec, a.options.get('cloud')));
    // Budget first: with onExceed: error, an over-budget ceiling writes nothing.
    try {
      assertWithinBudget(spec, plans);
    } catch (e) {
      if (e instanceof BudgetExceededError) throw new CliError(`nothing written: ${e.message}`, 1);
      throw e;
    }
    // Render every cloud before writing any, so a renderer's error leaves no half-written output.
    const rendered = plans.map((plan) => ({ plan, workload: renderWorkload(plan) }));
    const rows: (string | number)[][] = [];
    for (const { plan, workload } of rendered) {
      const r = await synthCloud(spec, plan, workload, join(outDir, plan.cloud), { validate: a.flags.has('validate') });
      rows.push([plan.cloud, join(outDir, plan.cloud), r.files.length, r.templates]);
    }
    out(`${renderTable(['cloud', 'directory', 'files', 'cloud templates'], rows)}\n`);
    return 0;
  },
};
