/**
 * The Pulumi program for GCP and Azure: one program, the cloud chosen by stack config
 * (`inferstack:cloud`). `pulumi up` runs it through `index.ts`; `inferstack synth --cloud gcp|azure`
 * runs the same `deploy` offline under Pulumi mocks (`synthPulumiGraph`).
 *
 * Each cloud registers a {@link PulumiCloudProgram} in {@link PULUMI_CLOUDS}, loaded on demand so
 * that one cloud's SDK is never loaded for another.
 */
import * as pulumi from '@pulumi/pulumi';
import { CloudId } from '../../lib/catalog/types';
import { assertWithinBudget } from '../../lib/cost';
import { loadSpecFile } from '../../lib/load';
import { ResourceGraph } from '../../lib/util/resource-graph';
import { OfflineMocks, runOffline } from '../../lib/pulumi/offline';
import { resolvePlan } from '../../lib/plan/resolve';
import { InferencePlan } from '../../lib/plan/types';
import type { InferenceSpec } from '../../lib/spec/types';

/** Namespace of the program's stack configuration keys (`inferstack:spec`, `inferstack:cloud`, ...). */
export const CONFIG_NAMESPACE = 'inferstack';

/** What one cloud contributes to the program. */
export interface PulumiCloudProgram {
  /**
   * Create the cloud's resources for a resolved plan (budget already checked) and return the
   * stack outputs. Reads its own settings from `config` (namespace `inferstack`).
   */
  deploy(spec: InferenceSpec, plan: InferencePlan, config: pulumi.Config): Record<string, pulumi.Input<unknown>>;
  /** How the cloud's provider answers offline: ids shaped like the real ones, computed outputs, invokes. */
  readonly offline: OfflineMocks;
  /**
   * Configuration that stands in for what a real stack would set (e.g. a placeholder billing
   * account), so that `inferstack synth` needs no stack file. Keys without namespace.
   * @default - none
   */
  offlineConfig?(plan: InferencePlan): Record<string, string>;
}

/** The clouds the program deploys, each loaded on first use. */
export const PULUMI_CLOUDS: Partial<Record<CloudId, () => PulumiCloudProgram>> = {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  gcp: () => (require('./gcp') as typeof import('./gcp')).GCP_PROGRAM,
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  azure: () => (require('./azure') as typeof import('./azure')).AZURE_PROGRAM,
};

/** The registered program of a cloud, or a clear error naming the clouds there are. */
export function pulumiCloud(cloud: string, registry: Partial<Record<CloudId, () => PulumiCloudProgram>> = PULUMI_CLOUDS): PulumiCloudProgram {
  const load = registry[cloud as CloudId];
  if (!load) {
    const known = Object.keys(registry);
    throw new Error(`inferstack:cloud is '${cloud}'; the Pulumi program deploys ${known.length ? known.join(' or ') : 'no cloud yet'} (AWS deploys with cdk deploy)`);
  }
  return load();
}

/**
 * The program `pulumi up` runs: reads `inferstack:spec` (a path, relative to the project) and
 * `inferstack:cloud`, resolves the plan once, refuses a ceiling over budget with
 * `onExceed: error`, and deploys.
 */
export function deployFromConfig(config: pulumi.Config = new pulumi.Config(CONFIG_NAMESPACE)): Record<string, pulumi.Input<unknown>> {
  const cloud = config.require('cloud');
  const program = pulumiCloud(cloud);
  const spec = loadSpecFile(config.require('spec'));
  const plan = resolvePlan(spec, cloud as CloudId);
  assertWithinBudget(spec, [plan]);
  return program.deploy(spec, plan, config);
}

/**
 * Run the cloud's program offline for a resolved plan (budget already checked by the caller) and
 * return the resource graph `pulumi up` would create (`DIR/<cloud>/resources.json`).
 *
 * @param config - extra stack configuration, keys without namespace
 *   @default - the cloud's `offlineConfig`
 */
export async function synthPulumiGraph(
  spec: InferenceSpec,
  plan: InferencePlan,
  config: Readonly<Record<string, string>> = {},
  registry: Partial<Record<CloudId, () => PulumiCloudProgram>> = PULUMI_CLOUDS,
): Promise<ResourceGraph> {
  const program = pulumiCloud(plan.cloud, registry);
  const settings = { ...program.offlineConfig?.(plan), ...config, cloud: plan.cloud };
  return runOffline(() => program.deploy(spec, plan, new pulumi.Config(CONFIG_NAMESPACE)), {
    cloud: plan.cloud,
    project: 'inferstack',
    stack: `${plan.name}-${plan.environment}`,
    config: Object.fromEntries(Object.entries(settings).map(([k, v]) => [`${CONFIG_NAMESPACE}:${k}`, v])),
    mocks: program.offline,
  });
}
