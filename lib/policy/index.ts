/**
 * inferstack's policy (`inferstack check`, and `synth` before it writes): every rule over the
 * plan and everything rendered for a cloud. Pure: plain data in, findings out (DESIGN §1).
 */
import { CloudId } from '../catalog/types';
import { KubernetesObject } from '../k8s/types';
import { renderTable } from '../util/table';
import { kubernetesObjectsIn } from './cloudformation';
import { objectName } from './kubernetes';
import { ACCESS_RULES } from './rules/access';
import { NETWORK_RULES } from './rules/network';
import { POOL_RULES } from './rules/pools';
import { QUEUE_RULES } from './rules/queue';
import { SERVER_RULES } from './rules/servers';
import { CHECK_API_VERSION, CheckReport, CloudCheck, Finding, PolicyInputs, PolicyRule, PolicySource, Severity } from './types';

export * from './types';
export { flattenIntrinsic, identityStatements, kubernetesObjectsIn, resourcesOfType } from './cloudformation';
export type { PolicyStatement, TemplateResource } from './cloudformation';
export { RESOURCE_GRAPH_API_VERSION } from '../util/resource-graph';
export type { GraphResource, ResourceGraph } from '../util/resource-graph';

/** Every rule, in report order. Ids are stable; docs/k8s.md lists them. */
export const POLICY_RULES: readonly PolicyRule[] = [...QUEUE_RULES, ...POOL_RULES, ...SERVER_RULES, ...NETWORK_RULES, ...ACCESS_RULES];

const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info'];

/** Rendered objects first; what only a cloud template applies (NodePools, NodeClasses, cluster ConfigMaps) added once. */
function mergedObjects(rendered: readonly KubernetesObject[], fromTemplates: readonly KubernetesObject[]): KubernetesObject[] {
  const seen = new Set(rendered.map(objectName));
  return [...rendered, ...fromTemplates.filter((o) => !seen.has(objectName(o)) && seen.add(objectName(o)))];
}

/** The inputs present, in a fixed order. */
function sourcesOf(inputs: PolicyInputs): PolicySource[] {
  return [
    'plan' as const,
    ...(inputs.kubernetes || inputs.cloudformation ? (['kubernetes'] as const) : []),
    ...(inputs.cloudformation ? (['cloudformation'] as const) : []),
    ...(inputs.graph ? (['pulumi'] as const) : []),
  ];
}

/**
 * Run every rule over one cloud's inputs. A rule runs when one of its sources is present; the
 * Kubernetes objects a CloudFormation template applies are checked with the rendered ones.
 */
export function checkPolicies(inputs: PolicyInputs, rules: readonly PolicyRule[] = POLICY_RULES): CloudCheck {
  const kubernetes = inputs.kubernetes || inputs.cloudformation ? mergedObjects(inputs.kubernetes ?? [], kubernetesObjectsIn(inputs.cloudformation ?? [])) : undefined;
  const context: PolicyInputs = { ...inputs, ...(kubernetes ? { kubernetes } : {}) };
  const checked = sourcesOf(inputs);
  const findings: Finding[] = rules
    .filter((r) => r.sources.some((s) => checked.includes(s)))
    .flatMap((rule) =>
      rule.check(context).map((v) => ({
        rule: rule.id,
        severity: v.severity ?? rule.severity,
        cloud: inputs.plan.cloud,
        resource: v.resource,
        message: v.message,
        reason: rule.reason,
        fix: rule.fix,
      })),
    )
    .sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  return { cloud: inputs.plan.cloud, checked, findings };
}

/** The `inferstack check --json` document for the checked clouds. */
export function checkReport(checks: readonly CloudCheck[]): CheckReport {
  const summary: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of checks.flatMap((c) => c.findings)) summary[f.severity]++;
  return { apiVersion: CHECK_API_VERSION, clouds: Object.fromEntries(checks.map((c) => [c.cloud, c])) as Partial<Record<CloudId, CloudCheck>>, summary };
}

/** Findings of a severity, across clouds. */
export const findingsOf = (report: CheckReport, severity: Severity): Finding[] => Object.values(report.clouds).flatMap((c) => c!.findings.filter((f) => f.severity === severity));

/** The human report: what was checked per cloud, a table of findings, a summary line. */
export function formatCheckReport(report: CheckReport, options: { readonly withFixes?: boolean } = {}): string {
  const clouds = Object.values(report.clouds) as CloudCheck[];
  const checked = clouds.map((c) => `${c.cloud}: ${c.checked.join(', ')}`).join('; ');
  const findings = clouds.flatMap((c) => c.findings);
  const table = findings.length ? `\n${renderTable(['severity', 'rule', 'cloud', 'resource', 'finding'], findings.map((f) => [f.severity, f.rule, f.cloud, f.resource, f.message]))}` : '';
  const fixes = options.withFixes
    ? [...new Map(findings.filter((f) => f.severity !== 'info').map((f) => [f.rule, f])).values()].map((f) => `\n${f.rule}: ${f.fix}`).join('')
    : '';
  const s = report.summary;
  return `checked ${checked}${table}${fixes ? `\n${fixes}` : ''}\n${s.error} error${s.error === 1 ? '' : 's'}, ${s.warning} warning${s.warning === 1 ? '' : 's'}, ${s.info} info.`;
}
