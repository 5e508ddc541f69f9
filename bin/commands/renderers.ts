/**
 * The cloud renderers the CLI runs offline, loaded on demand so that one cloud's SDK is never
 * loaded for another, and how their output reads back as policy inputs.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { CloudId } from '../../lib/catalog/types';
import { RenderedWorkload } from '../../lib/k8s';
import { checkPolicies, CloudCheck, NamedTemplate, PolicyInputs, ResourceGraph } from '../../lib/policy';
import { InferencePlan } from '../../lib/plan/types';
import { InferenceSpec } from '../../lib/spec/schema';

/** A cloud's own infrastructure templates, written under `dir`; returns the files written. */
export type TemplateWriter = (spec: InferenceSpec, dir: string) => string[];

/** A renderer: what it writes, in which format, and the function that writes it. */
export interface CloudRenderer {
  readonly what: string;
  /** How the policy reads the files: CloudFormation templates (`*.template.json`) or a resource graph (`resources.json`). */
  readonly format: 'cloudformation' | 'resource-graph';
  readonly load: () => TemplateWriter;
}

/** Clouds with a renderer; the others get the plan and the Kubernetes workload. */
export const RENDERERS: Partial<Record<CloudId, CloudRenderer>> = {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  aws: { what: 'CloudFormation (cdk synth)', format: 'cloudformation', load: () => require('../../stacks/aws-stack').synthAwsTemplates as TemplateWriter },
};

/** A cloud's templates in a staging folder, read by the policy before anything is written. */
export interface StagedTemplates {
  readonly renderer: CloudRenderer;
  readonly dir: string;
  readonly files: readonly string[];
  /** Remove the staging folder. */
  dispose(): void;
}

/** Render a cloud's templates into a fresh temporary folder; undefined when the cloud has no renderer yet. */
export function stageTemplates(spec: InferenceSpec, plan: InferencePlan): StagedTemplates | undefined {
  const renderer = RENDERERS[plan.cloud];
  if (!renderer) return undefined;
  const dir = mkdtempSync(join(tmpdir(), `inferstack-${plan.cloud}-`));
  try {
    const files = renderer.load()(spec, dir);
    return { renderer, dir, files, dispose: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** The policy inputs of one cloud: the plan, the rendered workload and, when staged, the cloud's templates. */
export function policyInputs(plan: InferencePlan, workload: RenderedWorkload, staged?: StagedTemplates): PolicyInputs {
  const read = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as unknown;
  const templates = staged?.renderer.format === 'cloudformation' ? staged.files.filter((f) => f.endsWith('.template.json')) : [];
  const graph = staged?.renderer.format === 'resource-graph' ? staged.files.find((f) => basename(f) === 'resources.json') : undefined;
  return {
    plan,
    kubernetes: [...workload.objects, ...workload.crdObjects],
    ...(templates.length ? { cloudformation: templates.map((f) => ({ name: basename(f), template: read(f) as NamedTemplate['template'] })) } : {}),
    ...(graph ? { graph: read(graph) as ResourceGraph } : {}),
  };
}

/** Check one cloud. */
export function checkCloud(plan: InferencePlan, workload: RenderedWorkload, staged?: StagedTemplates): CloudCheck {
  return checkPolicies(policyInputs(plan, workload, staged));
}
