/** Plans and rendered workloads of every example on every cloud it targets, computed once per test file. */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CloudId } from '../../../lib/catalog/types';
import { loadSpecFile } from '../../../lib/load';
import { resolvePlan } from '../../../lib/plan';
import { InferencePlan } from '../../../lib/plan/types';
import { KubernetesObject, renderWorkload, RenderedWorkload } from '../../../lib/k8s';

export const EXAMPLES_DIR = join(__dirname, '..', '..', '..', 'examples');

export interface Case {
  readonly example: string;
  readonly cloud: CloudId;
  readonly plan: InferencePlan;
  readonly rendered: RenderedWorkload;
}

let cached: Case[] | undefined;

/** Every example x cloud, rendered without bindings. */
export function cases(): Case[] {
  if (!cached) {
    cached = [];
    for (const file of readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.yaml')).sort()) {
      const spec = loadSpecFile(join(EXAMPLES_DIR, file));
      for (const cloud of (['aws', 'gcp', 'azure'] as const).filter((c) => spec.targets[c])) {
        const plan = resolvePlan(spec, cloud);
        cached.push({ example: file.replace(/\.yaml$/, ''), cloud, plan, rendered: renderWorkload(plan) });
      }
    }
  }
  return cached;
}

/** The case of one example on one cloud. */
export function caseOf(example: string, cloud: CloudId): Case {
  const c = cases().find((x) => x.example === example && x.cloud === cloud);
  if (!c) throw new Error(`no example ${example} on ${cloud}`);
  return c;
}

/** Objects of a kind. */
export function ofKind(rendered: RenderedWorkload, kind: string): KubernetesObject[] {
  return [...rendered.objects, ...rendered.crdObjects].filter((o) => o.kind === kind);
}

/** An object by kind and name, or a failing test. */
export function find(rendered: RenderedWorkload, kind: string, name: string): KubernetesObject {
  const o = ofKind(rendered, kind).find((x) => x.metadata.name === name);
  if (!o) throw new Error(`no ${kind} ${name}`);
  return o;
}

/** Failures of the kubernetes-models / KEDA schema validation of `objects` (empty when all valid). */
export function schemaFailures(objects: readonly KubernetesObject[]): { index: number; kind: string; name: string; error: string }[] {
  const out = spawnSync(process.execPath, [join(__dirname, 'validate-models.mjs')], { input: JSON.stringify(objects), encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`schema validator failed: ${out.stderr}`);
  return JSON.parse(out.stdout);
}

/** Pod template spec of a Deployment. */
export const podSpec = (deployment: KubernetesObject): any => (deployment.spec as any).template.spec;
/** Containers of a Deployment. */
export const containers = (deployment: KubernetesObject): any[] => podSpec(deployment).containers;
/** `spec` of any object, untyped for assertions. */
export const specOf = (o: KubernetesObject): any => o.spec as any;
