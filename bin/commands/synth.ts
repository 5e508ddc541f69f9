/**
 * `inferstack synth <spec> [--out DIR] [--cloud ...]`: everything that will be deployed, written
 * to disk without credentials or network: per target the plan, the Kubernetes manifests and Helm
 * releases, and the cloud's own templates where its renderer exists (AWS: the real CDK synth).
 * The policy (`inferstack check`) runs first, over the cloud templates rendered to a staging
 * folder: with an error-severity finding nothing is written.
 */
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { assertWithinBudget, BudgetExceededError } from '../../lib/cost';
import { manifestFiles, RenderedWorkload, renderWorkload } from '../../lib/k8s';
import { loadSpecFile } from '../../lib/load';
import { checkReport, findingsOf, formatCheckReport } from '../../lib/policy';
import { InferencePlan } from '../../lib/plan/types';
import { renderTable } from '../../lib/util/table';
import { stableJson } from '../../lib/util/stable-json';
import { CliError, parseArgs } from '../args';
import { Command, plansFor, selectedClouds } from './core';
import { checkCloud, StagedTemplates, stageTemplates } from './renderers';

function writeFile(path: string, content: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}

/** Write everything for one plan into `dir` (emptied first), the staged templates under `templates/`; returns the files written. */
function synthCloud(plan: InferencePlan, workload: RenderedWorkload, staged: StagedTemplates | undefined, dir: string): { files: string[]; templates: string } {
  rmSync(dir, { recursive: true, force: true });
  const files = [writeFile(join(dir, 'plan.json'), stableJson(plan))];
  for (const f of manifestFiles(workload)) files.push(writeFile(join(dir, 'k8s', f.path), f.content));
  if (staged) {
    cpSync(staged.dir, join(dir, 'templates'), { recursive: true });
    files.push(...staged.files.map((f) => join(dir, 'templates', relative(staged.dir, f))));
  }
  return { files, templates: staged ? staged.renderer.what : 'none yet: the plan and the Kubernetes workload' };
}

export const synthCommand: Command = {
  name: 'synth',
  usage: 'synth <spec> [--out DIR] [--cloud aws|gcp|azure]',
  summary: 'write per target the plan, Kubernetes manifests, Helm releases and cloud templates',
  run(argv, out) {
    const a = parseArgs(argv, { positionals: 1, options: ['out', 'cloud'] });
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
    // Render every cloud (its templates into a staging folder) and check it before writing any,
    // so a renderer's error or a policy error leaves no half-written output.
    const rendered = plans.map((plan) => ({ plan, workload: renderWorkload(plan) }));
    const staged: (StagedTemplates | undefined)[] = [];
    try {
      for (const { plan } of rendered) staged.push(stageTemplates(spec, plan));
      const report = checkReport(rendered.map(({ plan, workload }, i) => checkCloud(plan, workload, staged[i])));
      const errors = findingsOf(report, 'error');
      if (errors.length) {
        const onlyErrors = { ...report, clouds: Object.fromEntries(Object.entries(report.clouds).map(([c, v]) => [c, { ...v!, findings: v!.findings.filter((f) => f.severity === 'error') }])) };
        throw new CliError(`nothing written: ${errors.length} policy error${errors.length === 1 ? '' : 's'} (inferstack check shows every finding)\n${formatCheckReport(onlyErrors, { withFixes: true })}`, 1);
      }
      const rows = rendered.map(({ plan, workload }, i) => {
        const r = synthCloud(plan, workload, staged[i], join(outDir, plan.cloud));
        return [plan.cloud, join(outDir, plan.cloud), r.files.length, r.templates];
      });
      const s = report.summary;
      out(`${renderTable(['cloud', 'directory', 'files', 'cloud templates'], rows)}\npolicy: ${s.error} errors, ${s.warning} warnings, ${s.info} info (inferstack check for details)\n`);
      return 0;
    } finally {
      for (const s of staged) s?.dispose();
    }
  },
};
