/**
 * `inferstack synth <spec> [--out DIR] [--cloud ...]`: everything that will be deployed, written
 * to disk without credentials or network: per target the plan, the Kubernetes manifests and Helm
 * releases, and the cloud's own templates where its renderer exists (AWS: the real CDK synth).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CloudId } from '../../lib/catalog/types';
import { assertWithinBudget, BudgetExceededError } from '../../lib/cost';
import { manifestFiles, RenderedWorkload, renderWorkload } from '../../lib/k8s';
import { InferencePlan } from '../../lib/plan/types';
import { InferenceSpec } from '../../lib/spec/schema';
import { renderTable } from '../../lib/util/table';
import { stableJson } from '../../lib/util/stable-json';
import { CliError, parseArgs } from '../args';
import { Command, loadSpecArg, plansFor, selectedClouds } from './core';
import { checkOutDir, SynthOutput } from './output';

/** A cloud's own infrastructure templates, written under `dir`; returns the files written. */
type TemplateWriter = (spec: InferenceSpec, dir: string) => string[];

/**
 * Cloud renderers that synthesize templates, loaded on demand so that one cloud's SDK is never
 * loaded for another. Clouds without an entry get the plan and the Kubernetes workload.
 */
const TEMPLATE_WRITERS: Partial<Record<CloudId, { what: string; load: () => TemplateWriter }>> = {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  aws: { what: 'CloudFormation (cdk synth)', load: () => require('../../stacks/aws-stack').synthAwsTemplates as TemplateWriter },
};

function writeFile(path: string, content: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}

/** Write everything for one plan into `dir` (an empty staging folder); returns what its templates are. */
function synthCloud(spec: InferenceSpec, plan: InferencePlan, workload: RenderedWorkload, dir: string): string {
  writeFile(join(dir, 'plan.json'), stableJson(plan));
  for (const f of manifestFiles(workload)) writeFile(join(dir, 'k8s', f.path), f.content);
  const writer = TEMPLATE_WRITERS[plan.cloud];
  if (writer) writer.load()(spec, join(dir, 'templates'));
  return writer ? writer.what : 'none yet: the plan and the Kubernetes workload';
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
  usage: 'synth <spec> [--out DIR] [--cloud aws|gcp|azure]',
  summary: 'write per target the plan, Kubernetes manifests, Helm releases and cloud templates',
  async run(argv, out, ctx) {
    const a = parseArgs(argv, { positionals: 1, options: ['out', 'cloud'] });
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
    let templates: Record<string, string>;
    let written: Record<string, string[]>;
    try {
      templates = Object.fromEntries(rendered.map(({ plan, workload }) => [plan.cloud, synthCloud(spec, plan, workload, output.dirFor(plan.cloud))]));
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
