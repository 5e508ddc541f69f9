/**
 * `inferstack check <spec> [--cloud ...] [--json]`: inferstack's policy over the plan and
 * everything rendered for each target (the Kubernetes workload; AWS: the synthesized
 * CloudFormation, nested stacks included; GCP and Azure: their resource graphs once their
 * renderers exist). Exit 1 on any error-severity finding, 0 otherwise.
 */
import { renderWorkload } from '../../lib/k8s';
import { checkReport, formatCheckReport } from '../../lib/policy';
import { stableJson } from '../../lib/util/stable-json';
import { parseArgs } from '../args';
import { Command, loadSpecArg, plansFor, selectedClouds } from './core';
import { checkCloud, stageTemplates } from './renderers';

export const checkCommand: Command = {
  name: 'check',
  usage: 'check <spec> [--cloud aws|gcp|azure] [--json]',
  summary: "inferstack's policy rules over the plan and everything rendered per target",
  async run(argv, out, ctx) {
    const a = parseArgs(argv, { positionals: 1, flags: ['json'], options: ['cloud'] });
    const { spec } = await loadSpecArg(a.positionals[0], ctx);
    const plans = plansFor(spec, selectedClouds(spec, a.options.get('cloud')));
    const checks = [];
    for (const plan of plans) {
      const staged = await stageTemplates(spec, plan);
      try {
        checks.push(checkCloud(plan, renderWorkload(plan), staged));
      } finally {
        staged?.dispose();
      }
    }
    const report = checkReport(checks);
    out(a.flags.has('json') ? stableJson(report) : `${formatCheckReport(report, { withFixes: true })}\n`);
    return report.summary.error > 0 ? 1 : 0;
  },
};
