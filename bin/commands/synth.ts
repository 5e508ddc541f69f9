/**
 * `inferstack synth <spec> [--out DIR] [--cloud ...] [--validate]`: everything that will be
 * deployed, written to disk without credentials or network: per target the plan, the Kubernetes
 * manifests and Helm releases, and the cloud's own templates where its renderer exists (AWS: the
 * real CDK synth; GCP and Azure: the resource graph of an offline run of the Pulumi program).
 * The policy (`inferstack check`) runs over what was rendered before anything is moved into
 * place: with an error-severity finding nothing is written.
 */
import { join } from 'node:path';
import { assertWithinBudget, BudgetExceededError } from '../../lib/cost';
import { manifestFiles, renderWorkload } from '../../lib/k8s';
import { checkReport, findingsOf, formatCheckReport } from '../../lib/policy';
import { renderTable } from '../../lib/util/table';
import { stableJson } from '../../lib/util/stable-json';
import { CliError, parseArgs } from '../args';
import { Command, loadSpecArg, plansFor, selectedClouds } from './core';
import { checkOutDir, SynthOutput } from './output';
import { checkCloud, RENDERERS, StagedTemplates, stageTemplates, writeFile } from './renderers';

/**
 * Writes `DIR/<cloud>/` per target. Everything is synthesized into a staging folder inside DIR
 * and moved into place only when every cloud succeeded and the policy found no error: a failure
 * leaves DIR as it was. Each cloud folder lists what inferstack wrote in
 * `.inferstack-manifest.json`; a later synth removes only those files, keeps any other file, and
 * refuses (exit 2) a folder it did not write or a DIR that is a file.
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
    let summary;
    try {
      const checks = [];
      for (const { plan, workload } of rendered) {
        const dir = output.dirFor(plan.cloud);
        writeFile(join(dir, 'plan.json'), stableJson(plan));
        for (const f of manifestFiles(workload)) writeFile(join(dir, 'k8s', f.path), f.content);
        const sub = RENDERERS[plan.cloud]?.outputDir ?? '.';
        const staged: StagedTemplates | undefined = await stageTemplates(spec, plan, {
          dir: join(dir, sub),
          previous: join(outDir, plan.cloud, sub),
          validate: a.flags.has('validate'),
        });
        templates[plan.cloud] = staged ? staged.renderer.what : 'none yet: the plan and the Kubernetes workload';
        checks.push(checkCloud(plan, workload, staged));
      }
      const report = checkReport(checks);
      const errors = findingsOf(report, 'error');
      if (errors.length) {
        const onlyErrors = { ...report, clouds: Object.fromEntries(Object.entries(report.clouds).map(([c, v]) => [c, { ...v!, findings: v!.findings.filter((f) => f.severity === 'error') }])) };
        throw new CliError(`nothing written: ${errors.length} policy error${errors.length === 1 ? '' : 's'} (inferstack check shows every finding)\n${formatCheckReport(onlyErrors, { withFixes: true })}`, 1);
      }
      summary = report.summary;
      written = output.commit();
    } catch (e) {
      output.abort();
      throw e;
    }
    const rows = plans.map((plan) => [plan.cloud, join(outDir, plan.cloud), written[plan.cloud].length, templates[plan.cloud]]);
    out(`${renderTable(['cloud', 'directory', 'files', 'cloud templates'], rows)}\npolicy: ${summary.error} errors, ${summary.warning} warnings, ${summary.info} info (inferstack check for details)\n`);
    return 0;
  },
};
