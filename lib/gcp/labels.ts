/**
 * Cost labels on every GCP resource that takes labels. GCP calls them `labels` on most resources,
 * `resourceLabels` on a GKE cluster, `nodeConfig.resourceLabels` on a node pool (they land on the
 * node VMs and disks, where billing sees them) and `userLabels` on a Monitoring notification
 * channel (whose `labels` are the channel's own settings, such as the email address).
 *
 * Applied as a Pulumi transformation, so a component, a whole stack or a user's own program gets
 * them the same way:
 *
 *     pulumi.runtime.registerStackTransformation(costLabels(plan.tags));
 */
import * as pulumi from '@pulumi/pulumi';
import { InferencePlan } from '../plan/types';

/**
 * Where the labels go, by Pulumi type token: the property path of the resource's inputs.
 * Types not listed here take no labels (IAM members, service accounts, networks, routers, budgets).
 */
export const LABEL_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'gcp:container/cluster:Cluster': ['resourceLabels'],
  'gcp:container/nodePool:NodePool': ['nodeConfig', 'resourceLabels'],
  'gcp:pubsub/topic:Topic': ['labels'],
  'gcp:pubsub/subscription:Subscription': ['labels'],
  'gcp:monitoring/notificationChannel:NotificationChannel': ['userLabels'],
  'gcp:kms/cryptoKey:CryptoKey': ['labels'],
  'gcp:compute/address:Address': ['labels'],
};

/** Cost labels: GCP-legal keys and values (e.g. `plan.tags`). */
export type Labels = Readonly<Record<string, string>>;

/** Cost labels under the resource's own: a label the resource sets itself wins. */
function merged(own: unknown, labels: Labels): pulumi.Input<Record<string, pulumi.Input<string>>> {
  if (own === undefined || own === null) return { ...labels };
  if (pulumi.Output.isInstance(own)) return own.apply((o) => ({ ...labels, ...(o as Record<string, string> | undefined) }));
  return { ...labels, ...(own as Record<string, pulumi.Input<string>>) };
}

/** The inputs with the labels set at `path` (plain objects copied, never mutated; Outputs wrapped). */
function withLabels(props: Record<string, unknown>, path: readonly string[], labels: Labels): Record<string, unknown> {
  const [head, ...rest] = path;
  if (!rest.length) return { ...props, [head]: merged(props[head], labels) };
  const inner = props[head];
  if (pulumi.Output.isInstance(inner)) return { ...props, [head]: inner.apply((v) => withLabels((v ?? {}) as Record<string, unknown>, rest, labels)) };
  return { ...props, [head]: withLabels((inner ?? {}) as Record<string, unknown>, rest, labels) };
}

/** Resource types whose labels land on nodes (VMs and disks): a label edit there recreates nodes. */
const NODE_TYPES: ReadonlySet<string> = new Set(['gcp:container/nodePool:NodePool']);

/** Options of {@link costLabels}. */
export interface CostLabelOptions {
  /**
   * Labels for node pools' VMs and disks instead of `labels` (`nodeCostLabels(plan)`).
   * @default - `labels`
   */
  readonly nodes?: Labels;
}

/**
 * The labels a plan puts on nodes: every cost label where the cloud edits node labels in place,
 * else only the stable identity labels (`plan.costAllocation`: with `stable-node-tags` a label
 * edit must not recreate the nodes; the free-form labels reach node costs through the join label,
 * docs/cost.md "Tag edits and node costs").
 */
export function nodeCostLabels(plan: Pick<InferencePlan, 'tags' | 'costAllocation'>): Labels {
  return plan.costAllocation.nodeTagging === 'all-tags' ? plan.tags : plan.costAllocation.nodeTags;
}

/**
 * A transformation that adds `labels` (normalised for GCP, e.g. `plan.tags`) to every resource
 * of a type in {@link LABEL_FIELDS}, under the labels the resource already sets; node pools get
 * `options.nodes` instead where given. Pass it as a component's `transformations` option (it then
 * applies to every child) or register it for the whole stack with
 * `pulumi.runtime.registerStackTransformation`.
 */
export function costLabels(labels: Labels, options: CostLabelOptions = {}): pulumi.ResourceTransformation {
  const copy = { ...labels };
  const nodes = { ...(options.nodes ?? labels) };
  return (args) => {
    const path = LABEL_FIELDS[args.type];
    const chosen = NODE_TYPES.has(args.type) ? nodes : copy;
    if (!path || !Object.keys(chosen).length) return undefined;
    return { props: withLabels(args.props as Record<string, unknown>, path, chosen), opts: args.opts };
  };
}

/**
 * Component options that add `costLabels(labels)` to the component's transformations (so every
 * child gets them); unchanged when there are no labels.
 */
export function withCostLabels(opts: pulumi.ComponentResourceOptions, labels: Labels | undefined, options: CostLabelOptions = {}): pulumi.ComponentResourceOptions {
  if (!labels || !Object.keys(labels).length) return opts;
  return { ...opts, transformations: [...(opts.transformations ?? []), costLabels(labels, options)] };
}
