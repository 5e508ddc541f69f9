/**
 * Rules that need the catalog and the capability table: accelerators, regions, TPU topologies,
 * memory fit, tags per cloud, queue limits. Same table shape as `lib/spec/rules.ts`.
 */
import { AcceleratorSpec, Catalog, CloudId, CLOUDS, nearestRegions } from '../catalog';
import { SpecIssue, SpecPath } from '../spec/errors';
import { RuleReads } from '../spec/partial';
import { issue } from '../spec/rules';
import type { InferenceSpec } from '../spec/types';
import { didYouMean, quoteList } from '../spec/suggest';
import { CAPABILITIES, K8S_LABEL_RULES } from './capabilities';
import { acceleratorCount, chooseMachine, effectiveAccelerator, topologyChips } from './machine';
import {
  isSystemNamespace,
  nodeGroupName,
  poolClusterScopedName,
  poolResourceName,
  stableName,
  stackNamespace,
  SYSTEM_NAMESPACE_PREFIXES,
  WORKLOAD_NAME_SUFFIXES,
} from './names';
import { countThatFits, headroomGiB, MEMORY_MODEL, requiredGiB, usableGiB, weightsGiB } from './memory';
import { stackTags } from './tags-default';
import { normaliseTags } from './tags';

/**
 * The cheapest larger accelerator (same kind, not TPU) that holds `needGiB` in at most 8 units,
 * priced on the spec's targets; without prices, the fewest and then smallest units.
 */
function largerAccelerator(spec: InferenceSpec, catalog: Catalog, kind: string, memoryGiB: number, needGiB: number): { id: string; n: number } | undefined {
  const targets = targetsOf(spec);
  const options = catalog.accelerators
    .filter((a) => a.kind === kind && a.memoryGiB > memoryGiB && !a.tpu)
    .flatMap((a) => {
      const n = countThatFits(needGiB, a.memoryGiB, 8);
      if (n === undefined) return [];
      const prices = targets.flatMap(({ cloud, region }) =>
        catalog.offers(cloud, region, a.id).filter((o) => o.machine.acceleratorCount >= n && o.price.onDemandHourlyUsd !== null).map((o) => o.price.onDemandHourlyUsd as number),
      );
      return [{ id: a.id, n, memoryGiB: a.memoryGiB, hourlyUsd: prices.length ? Math.min(...prices) : Infinity }];
    })
    .sort((x, y) => x.hourlyUsd - y.hourlyUsd || x.n - y.n || x.memoryGiB - y.memoryGiB);
  return options[0];
}

/** A rule over a spec and the catalog (and what it reads, see lib/spec/partial.ts). */
export interface CatalogRule extends RuleReads {
  readonly id: string;
  readonly description: string;
  check(spec: InferenceSpec, catalog: Catalog): SpecIssue[];
}

/** Targets present in the spec, in a fixed order, with their region/location. */
export function targetsOf(spec: InferenceSpec): { cloud: CloudId; region: string }[] {
  return CLOUDS.flatMap((cloud) => {
    const t = spec.targets[cloud] as Record<string, string> | undefined;
    return t ? [{ cloud, region: t[CAPABILITIES[cloud].locationField] }] : [];
  });
}

const regionPath = (cloud: CloudId): SpecPath => ['targets', cloud, CAPABILITIES[cloud].locationField];
const accPath = (i: number, cloud: CloudId, overridden: boolean): SpecPath =>
  overridden ? ['models', i, 'overrides', cloud, 'accelerator'] : ['models', i, 'accelerator'];

/** Every accelerator request in the spec with its path. */
function acceleratorRequests(spec: InferenceSpec) {
  return spec.models.flatMap((m, i) => [
    { i, path: ['models', i, 'accelerator'] as SpecPath, req: m.accelerator },
    ...CLOUDS.flatMap((c) => {
      const o = m.overrides?.[c]?.accelerator;
      return o ? [{ i, path: ['models', i, 'overrides', c, 'accelerator'] as SpecPath, req: o }] : [];
    }),
  ]);
}

/** The valid topologies whose chip count is nearest the requested one's (at most two, smaller first on ties). */
function nearestTopologies(requested: string, valid: readonly string[]): string[] {
  const chips = topologyChips(requested);
  return [...valid].sort((a, b) => Math.abs(topologyChips(a) - chips) - Math.abs(topologyChips(b) - chips) || topologyChips(a) - topologyChips(b)).slice(0, 2);
}

/** GiB with one decimal, trailing .0 dropped. */
const gib = (n: number): string => String(Math.round(n * 10) / 10);

const regionKnown = (catalog: Catalog, cloud: CloudId, region: string) => catalog.regionsOf(cloud).includes(region);

/** Rules of accelerators, regions, memory, tags and queues against the catalog and the capability table. */
const CLOUD_RULES: readonly CatalogRule[] = [
  {
    id: 'accelerator-known',
    description: 'Accelerator types are catalog ids.',
    reads: ['models'],
    perItem: true,
    check: (spec, catalog) =>
      acceleratorRequests(spec).flatMap(({ path, req }) => {
        if (catalog.accelerator(req.type)) return [];
        const s = catalog.suggestAccelerators(req.type);
        return [
          issue('accelerator-known', [...path, 'type'], `unknown accelerator '${req.type}'.${s.length ? ` Did you mean ${quoteList(s)}?` : ` Known: ${catalog.acceleratorIds().join(', ')}.`}`),
        ];
      }),
  },
  {
    id: 'tpu-topology',
    description: 'TPU types need a topology valid for their generation; other types take none.',
    reads: ['models'],
    perItem: true,
    check: (spec, catalog) =>
      acceleratorRequests(spec).flatMap(({ path, req }) => {
        const acc = catalog.accelerator(req.type);
        if (!acc) return [];
        if (!acc.tpu) {
          return req.topology ? [issue('tpu-topology', [...path, 'topology'], `topology applies to TPUs only; '${req.type}' is a ${acc.kind}; remove topology and use count`)] : [];
        }
        const valid = [...acc.tpu.singleHostTopologies, ...acc.tpu.multiHostTopologies];
        if (!req.topology) return [issue('tpu-topology', [...path, 'topology'], `${req.type} needs a topology: single-host ${quoteList(acc.tpu.singleHostTopologies)}; multi-host ${quoteList(acc.tpu.multiHostTopologies)}`)];
        if (!valid.includes(req.topology))
          return [issue('tpu-topology', [...path, 'topology'], `'${req.topology}' is not a ${req.type} topology; use single-host ${quoteList(acc.tpu.singleHostTopologies)} or multi-host ${quoteList(acc.tpu.multiHostTopologies)}. Nearest in size: ${quoteList(nearestTopologies(req.topology, valid))}.`)];
        if (req.count !== undefined && req.count !== topologyChips(req.topology))
          return [issue('tpu-topology', [...path, 'count'], `count ${req.count} does not match topology ${req.topology} (${topologyChips(req.topology)} chips); remove count or set it to ${topologyChips(req.topology)}`)];
        return [];
      }),
  },
  {
    id: 'region-known',
    description: 'Target regions are regions of that cloud.',
    reads: ['targets'],
    perItem: true,
    check: (spec, catalog) =>
      targetsOf(spec).flatMap(({ cloud, region }) =>
        regionKnown(catalog, cloud, region)
          ? []
          : [issue('region-known', regionPath(cloud), `unknown ${CAPABILITIES[cloud].displayName} ${CAPABILITIES[cloud].locationField} '${region}'.${didYouMean(region, catalog.regionsOf(cloud)) || ` Known: ${catalog.regionsOf(cloud).join(', ')}.`}`)],
      ),
  },
  {
    id: 'accelerator-offered',
    description: 'The accelerator (after overrides) is offered on each target cloud, in its region, with enough per machine.',
    reads: ['models', 'targets'],
    perItem: true,
    check: (spec, catalog) =>
      targetsOf(spec).flatMap(({ cloud, region }) =>
        spec.models.flatMap((m, i) => {
          const { request, overridden } = effectiveAccelerator(m, cloud);
          const acc = catalog.accelerator(request.type);
          const cap = CAPABILITIES[cloud];
          if (!acc || !regionKnown(catalog, cloud, region)) return [];
          const fix = overridden ? `change models[${i}].overrides.${cloud}.accelerator` : `set models[${i}].overrides.${cloud}.accelerator`;
          if (!cap.acceleratorKinds.includes(acc.kind) || catalog.machinesWith(cloud, acc.id).length === 0) {
            // The accelerators here most like the one asked for: nearest in memory, then in bandwidth.
            const others = mostAlike(
              catalog,
              acc,
              catalog.acceleratorsIn(cloud, region).filter((a) => catalog.accelerator(a)?.kind !== 'tpu' || cap.acceleratorKinds.includes('tpu')),
            );
            return [
              issue(
                'accelerator-offered',
                ['targets', cloud],
                `accelerator '${acc.id}' is not offered on ${cap.displayName} (${cap.acceleratorKinds.includes(acc.kind) ? `no ${cap.displayName} machine type in the catalog carries it` : cap.notes}). ${fix[0].toUpperCase()}${fix.slice(1)}${others.length ? `, e.g. to ${quoteList(others.slice(0, 3))}` : ''}.`,
              ),
            ];
          }
          // An invalid topology is reported by 'tpu-topology'; machine choice needs a valid one.
          if (acc.tpu && (!request.topology || ![...acc.tpu.singleHostTopologies, ...acc.tpu.multiHostTopologies].includes(request.topology))) return [];
          const count = acceleratorCount(request);
          if (chooseMachine(catalog, cloud, region, acc, request)) return [];
          const where = nearestRegions(region, catalog.regionsOffering(cloud, acc.id)).filter((r) => chooseMachine(catalog, cloud, r, acc, request));
          const inRegion = catalog.acceleratorsIn(cloud, region).filter((a) => a !== acc.id);
          const maxHere = Math.max(0, ...catalog.offers(cloud, region, acc.id).map((o) => o.machine.acceleratorCount));
          const what = maxHere > 0 && !acc.tpu ? `${count} x ${acc.id} on one machine (at most ${maxHere})` : `${acc.id}${acc.tpu ? ` ${request.topology}` : ''}`;
          return [
            issue(
              'accelerator-offered',
              [...accPath(i, cloud, overridden), 'type'],
              `${cap.displayName} does not offer ${what} in ${region}.` +
                (where.length ? ` Regions that do, nearest first: ${where.slice(0, 4).join(', ')}.` : '') +
                (inRegion.length && maxHere === 0 ? ` In ${region}: ${quoteList(inRegion.slice(0, 4))}.` : ''),
            ),
          ];
        }),
      ),
  },
  {
    id: 'memory-fit',
    description: `Weights (parameters x bytes of precision) plus room for KV cache and activations (at least ${MEMORY_MODEL.minHeadroomShare * 100}% of the weights, and one sequence of maxContextTokens) fit in the ${MEMORY_MODEL.memoryUtilization * 100}% of count x accelerator memory the server uses.`,
    reads: ['models', 'targets'],
    perItem: true,
    check: (spec, catalog) => {
      const seen = new Set<string>();
      return acceleratorRequests(spec).flatMap(({ i, path, req }) => {
        const m = spec.models[i];
        const acc = catalog.accelerator(req.type);
        const count = acceleratorCount(req);
        const key = `${i}/${req.type}/${count}`;
        if (!acc || seen.has(key)) return [];
        seen.add(key);
        const need = requiredGiB(m.parametersBillion, m.precision, m.maxContextTokens);
        const usable = usableGiB(count, acc.memoryGiB);
        if (need <= usable) return [];
        const maxPerMachine = Math.max(8, ...CLOUDS.flatMap((c) => catalog.machinesWith(c, acc.id)).map((x) => x.acceleratorCount));
        const n = acc.tpu ? undefined : countThatFits(need, acc.memoryGiB, maxPerMachine);
        const bigger = largerAccelerator(spec, catalog, acc.kind, acc.memoryGiB, need);
        const room = headroomGiB(m.parametersBillion, m.precision, m.maxContextTokens);
        const contextBound = room > headroomGiB(m.parametersBillion, m.precision);
        const fixes = [n && `count: ${n}`, bigger && `a larger accelerator (e.g. ${bigger.id} x${bigger.n})`, acc.tpu && 'a larger topology', contextBound && 'a smaller maxContextTokens'].filter(Boolean);
        return [
          issue(
            'memory-fit',
            path,
            `${m.model} at ${m.precision} needs about ${gib(need)} GiB: ${gib(weightsGiB(m.parametersBillion, m.precision))} GiB of weights + ${gib(room)} GiB for KV cache and activations` +
              `${contextBound ? ` (one ${m.maxContextTokens}-token sequence)` : ''}; ` +
              `${count} x ${acc.id} has ${gib(count * acc.memoryGiB)} GiB, of which the server uses ${MEMORY_MODEL.memoryUtilization * 100}% (${gib(usable)} GiB).` +
              `${fixes.length ? ` Use ${fixes.join(' or ')}.` : ''}`,
          ),
        ];
      });
    },
  },
  {
    id: 'tags-legal',
    description: 'Tag keys and values are legal on every target after normalisation, and no two keys merge.',
    reads: ['metadata', 'tags', 'targets'],
    perItem: true,
    check: (spec) => {
      const all = stackTags(spec);
      const out = [...targetsOf(spec).flatMap(({ cloud }) => normaliseTags(all, CAPABILITIES[cloud].tags).issues), ...normaliseTags(all, K8S_LABEL_RULES).issues];
      const seen = new Set<string>();
      return out.filter((i) => (seen.has(i.message) ? false : (seen.add(i.message), true)));
    },
  },
  {
    id: 'queue-limits',
    description: "Queue settings fit each target's queue service.",
    reads: ['queue', 'targets'],
    perItem: true,
    check: (spec) => {
      const q = spec.queue;
      if (!q) return [];
      return targetsOf(spec).flatMap(({ cloud }) => {
        const cap = CAPABILITIES[cloud].queue;
        const out: SpecIssue[] = [];
        const { min, max } = cap.maxDeliveryAttempts;
        if (q.maxDeliveryAttempts < min || q.maxDeliveryAttempts > max)
          out.push(issue('queue-limits', ['queue', 'maxDeliveryAttempts'], `${cap.service} (${cloud}) allows ${min} to ${max} delivery attempts before dead-lettering, got ${q.maxDeliveryAttempts}; use ${Math.min(max, Math.max(min, q.maxDeliveryAttempts))}`));
        if (q.retentionHours > cap.maxRetentionHours)
          out.push(issue('queue-limits', ['queue', 'retentionHours'], `${cap.service} (${cloud}) retains messages at most ${cap.maxRetentionHours} hours, got ${q.retentionHours}; use ${cap.maxRetentionHours} or less`));
        return out;
      });
    },
  },
  {
    id: 'onprem-accelerator',
    description: 'The on-prem accelerator is a catalog accelerator.',
    reads: ['onPrem'],
    check: (spec, catalog) => {
      const t = spec.onPrem?.acceleratorType;
      if (!t || catalog.accelerator(t)) return [];
      const s = catalog.suggestAccelerators(t);
      return [issue('onprem-accelerator', ['onPrem', 'acceleratorType'], `unknown accelerator '${t}'.${s.length ? ` Did you mean ${quoteList(s)}?` : ''}`)];
    },
  },
];

/** Where a derived name must be unique, and which names share that scope. */
interface NameScope {
  /** What the scope is, for messages ('Kubernetes object name in the namespace'). */
  readonly what: string;
  /** Each model's name in this scope (one or more per model). */
  readonly names: (model: string) => readonly string[];
}

/** The scopes a spec's derived names live in, on the spec's targets. */
function nameScopes(spec: InferenceSpec): NameScope[] {
  const { name: stack, environment } = spec.metadata;
  return [
    { what: 'Kubernetes object name in the namespace', names: (m) => [poolResourceName(stack, m)] },
    { what: 'cluster-wide NodeClass name', names: (m) => [poolClusterScopedName(stack, environment, m)] },
    ...targetsOf(spec).map(({ cloud }) => ({
      what: `${CAPABILITIES[cloud].displayName} node pool name`,
      names: (m: string) => (['on-demand', 'spot'] as const).map((c) => nodeGroupName(CAPABILITIES[cloud], stack, environment, m, c)),
    })),
  ];
}

/** What uses each of inferstack's own names (typed by the suffix table, so a new suffix needs its entry). */
const OWN_NAMES: Readonly<Record<keyof typeof WORKLOAD_NAME_SUFFIXES, string>> = {
  router: "the router's Deployment, Service and ServiceAccount",
  routerConfig: "the router's ConfigMap",
  modelServerAccount: "the model servers' ServiceAccount",
  consumerAccount: "the queue consumers' ServiceAccount",
  queueAuth: "the queue scaler's TriggerAuthentication",
  modelHubSecret: "the model hub token's Secret",
};

/** A nearby model name that is free: `<name>-model`, cut to 40 characters. */
const freeName = (name: string) => `${name.slice(0, 34).replace(/-+$/, '')}-model`;

const SYSTEM = "a system namespace (Kubernetes reserves 'default' and 'kube-*'; KEDA, Prometheus and the clouds' add-ons run in others)";

/** The message of both system-namespace rules; `what` says what is reserved. */
function systemNamespaceIssue(name: string, what: string): SpecIssue {
  const base = name.replace(new RegExp(`^(${SYSTEM_NAMESPACE_PREFIXES.map((p) => p.replace(/-$/, '')).join('|')})(-|$)`), '');
  const suggestion = base ? `${base.slice(0, 30).replace(/-+$/, '')}-inference` : 'inference';
  return issue(
    'system-namespace',
    ['metadata', 'name'],
    `${what}; the stack's namespace is deleted with the stack, so use another name, e.g. '${suggestion}'`,
  );
}

/**
 * Rules of names and namespaces, which `resolvePlan` runs too: the plan guarantees every name it
 * derives is unique in its scope, and that the stack's namespace is its own.
 */
const NAME_RULES: readonly CatalogRule[] = [
  {
    id: 'names-unique',
    description:
      "Every name derived from the spec is unique where it must be after shortening and normalisation (objects in the namespace, cluster-scoped objects, each cloud's node pools), and no model takes a name inferstack gives its own objects.",
    reads: ['metadata', 'modelNames', 'targets'],
    perItem: true,
    check: (spec) => {
      const out: SpecIssue[] = [];
      const stack = spec.metadata.name;
      // inferstack's own objects in the namespace, by their rendered name.
      const own = new Map((Object.keys(OWN_NAMES) as (keyof typeof OWN_NAMES)[]).map((k) => [stableName([stack, WORKLOAD_NAME_SUFFIXES[k]], 63), { what: OWN_NAMES[k] }]));
      spec.models.forEach((m, i) => {
        const taken = own.get(poolResourceName(stack, m.name));
        if (taken) {
          out.push(
            issue(
              'names-unique',
              ['models', i, 'name'],
              `'${m.name}' would name the model's objects '${poolResourceName(stack, m.name)}', which is ${taken.what}; rename the model, e.g. '${freeName(m.name)}'`,
            ),
          );
        }
      });
      for (const scope of nameScopes(spec)) {
        const first = new Map<string, number>();
        spec.models.forEach((m, i) => {
          for (const n of new Set(scope.names(m.name))) {
            const j = first.get(n);
            if (j === undefined) first.set(n, i);
            else if (spec.models[j].name !== m.name) {
              // Same model names are reported by 'unique-model-names'.
              out.push(issue('names-unique', ['models', i, 'name'], `models '${spec.models[j].name}' (models[${j}]) and '${m.name}' both get the ${scope.what} '${n}'; rename one of them`));
            }
          }
        });
      }
      const seen = new Set<string>();
      return out.filter((x) => (seen.has(x.message) ? false : (seen.add(x.message), true)));
    },
  },
  {
    id: 'system-namespace',
    description: "The stack's name is not a namespace Kubernetes, a cloud add-on or a Helm release inferstack installs owns, nor makes one (`kube` gives `kube-<environment>`): deleting the stack deletes its namespace.",
    reads: ['stackName'],
    check: (spec) => {
      const { name } = spec.metadata;
      const stem = SYSTEM_NAMESPACE_PREFIXES.find((p) => `${name}-` === p);
      if (isSystemNamespace(name)) return [systemNamespaceIssue(name, `'${name}' is ${SYSTEM}`)];
      if (stem) return [systemNamespaceIssue(name, `the stack's namespace would be '${name}-<environment>', and names starting with '${stem}' are reserved for system namespaces`)];
      return [];
    },
  },
  {
    id: 'system-namespace-environment',
    description: "The stack's namespace, `<name>-<environment>`, is not a system namespace either ('gmp' and 'system' make 'gmp-system').",
    reads: ['metadata'],
    check: (spec) => {
      const { name, environment } = spec.metadata;
      const ns = stackNamespace(name, environment);
      // A reserved name itself is reported by 'system-namespace'.
      const nameAlone = isSystemNamespace(name) || SYSTEM_NAMESPACE_PREFIXES.includes(`${name}-`);
      return !nameAlone && isSystemNamespace(ns) ? [systemNamespaceIssue(name, `the stack's namespace would be '${ns}', which is ${SYSTEM}`)] : [];
    },
  },
  {
    id: 'budget-limits',
    description: "The budget's alert thresholds and emails fit each target's budget service.",
    reads: ['budget', 'targets'],
    perItem: true,
    check: (spec) => {
      const b = spec.budget;
      if (!b) return [];
      return targetsOf(spec).flatMap(({ cloud }) => {
        const cap = CAPABILITIES[cloud];
        const out: SpecIssue[] = [];
        const notifications = new Set(b.alertThresholdsPercent).size + (b.forecastAlert ? 1 : 0);
        const max = cap.budget.maxNotifications;
        if (max !== null && notifications > max) {
          out.push(
            issue(
              'budget-limits',
              ['budget', 'alertThresholdsPercent'],
              `${cap.displayName} budgets take at most ${max} notifications; ${b.alertThresholdsPercent.length} thresholds${b.forecastAlert ? ' plus the forecast alert' : ''} make ${notifications}; remove ${notifications - max}${b.forecastAlert ? ' or set forecastAlert: false' : ''}`,
            ),
          );
        }
        const maxEmails = cap.budget.maxEmails;
        if (maxEmails !== null && b.notifyEmails.length > maxEmails) {
          out.push(issue('budget-limits', ['budget', 'notifyEmails'], `${cap.displayName} budgets send each notification to at most ${maxEmails} email addresses, got ${b.notifyEmails.length}; use a mailing-list address`));
        }
        return out;
      });
    },
  },
];

/**
 * What inferstack's renderers cannot deploy although the plan can describe it: `inferstack
 * validate` (and everything that loads a spec) refuses it before anything is rendered, with the
 * same message `renderWorkload` would give. `resolvePlan` does not run these.
 */
export const RENDERER_RULES: readonly CatalogRule[] = [
  {
    id: 'tpu-single-host',
    description: 'Each replica is one pod, so a TPU slice must fit one host (multi-host slices need a leader/worker set, not rendered yet).',
    reads: ['models'],
    perItem: true,
    check: (spec, catalog) =>
      acceleratorRequests(spec).flatMap(({ path, req }) => {
        const acc = catalog.accelerator(req.type);
        if (!acc?.tpu || !req.topology || !acc.tpu.multiHostTopologies.includes(req.topology)) return [];
        const hosts = Math.ceil(topologyChips(req.topology) / acc.tpu.multiHostChipsPerVm);
        return [
          issue(
            'tpu-single-host',
            [...path, 'topology'],
            `TPU topology ${req.topology} spans ${hosts} hosts; inferstack renders one pod per replica, so use a single-host topology (${quoteList(acc.tpu.singleHostTopologies)})`,
          ),
        ];
      }),
  },
];

/** Accelerator ids ordered by how alike they are to `acc`: memory first (by ratio), then bandwidth, then id. */
function mostAlike(catalog: Catalog, acc: AcceleratorSpec, ids: readonly string[]): string[] {
  const distance = (id: string): [number, number] => {
    const a = catalog.accelerator(id);
    if (!a) return [Infinity, Infinity];
    return [Math.abs(Math.log(a.memoryGiB / acc.memoryGiB)), Math.abs(Math.log(a.memoryBandwidthGBps / acc.memoryBandwidthGBps))];
  };
  return [...ids].sort((x, y) => {
    const [dx, dy] = [distance(x), distance(y)];
    return dx[0] - dy[0] || dx[1] - dy[1] || x.localeCompare(y);
  });
}

/** The catalog rules `validate` and `resolvePlan` run, in order; every rule runs and reports all its issues. */
export const CATALOG_RULES: readonly CatalogRule[] = [...CLOUD_RULES, ...NAME_RULES];

/** Run every catalog rule. */
export function runCatalogRules(spec: InferenceSpec, catalog: Catalog, rules: readonly CatalogRule[] = CATALOG_RULES): SpecIssue[] {
  return rules.flatMap((r) => r.check(spec, catalog));
}

/** A rule that finds what a valid spec should not leave silent: each issue has `severity: 'warning'`. */
export interface CatalogWarningRule {
  readonly id: string;
  readonly description: string;
  check(spec: InferenceSpec, catalog: Catalog, cloud: CloudId, region: string): SpecIssue[];
}

/** Warnings `validate`, `plan` and `cost` print; none of them makes a spec invalid. */
export const CATALOG_WARNING_RULES: readonly CatalogWarningRule[] = [
  {
    id: 'spot-price-known',
    description: 'A model that runs replicas on spot has a spot price for its machine in the region (otherwise those replicas cost an unknown amount).',
    check: (spec, catalog, cloud, region) =>
      spec.models.flatMap((m, i) => {
        if (!m.capacity.spot || m.replicas.max - Math.min(m.capacity.onDemandBase, m.replicas.max) <= 0) return [];
        const { request } = effectiveAccelerator(m, cloud);
        const acc = catalog.accelerator(request.type);
        const choice = acc && chooseMachine(catalog, cloud, region, acc, request, m.replicas.max);
        if (!choice || choice.offer.price.spotHourlyUsd !== null) return [];
        const type = choice.offer.machine.instanceType;
        const spotRegions = catalog.prices.filter((p) => p.cloud === cloud && p.instanceType === type && p.spotHourlyUsd !== null).map((p) => p.region);
        const near = nearestRegions(region, [...new Set(spotRegions)]).slice(0, 3);
        const spotReplicas = m.replicas.max - Math.min(m.capacity.onDemandBase, m.replicas.max);
        return [
          {
            ...issue('spot-price-known', ['models', i, 'capacity', 'spot'], `the catalog has no ${CAPABILITIES[cloud].displayName} spot price for ${type} in ${region}, so up to ${spotReplicas} spot replica(s) of ${m.name} cost an unknown amount; set capacity.onDemandBase: ${m.replicas.max} (or spot: false) to price them on-demand${near.length ? `, or use a region with a spot price (${near.join(', ')})` : ''}`),
            severity: 'warning' as const,
          },
        ];
      }),
  },
];

/** Run every warning rule for each target of the spec (or only `clouds`). */
export function catalogWarnings(spec: InferenceSpec, catalog: Catalog, clouds?: readonly CloudId[]): (SpecIssue & { readonly cloud: CloudId })[] {
  return targetsOf(spec)
    .filter((t) => !clouds || clouds.includes(t.cloud))
    .flatMap(({ cloud, region }) => CATALOG_WARNING_RULES.flatMap((r) => r.check(spec, catalog, cloud, region).map((i) => ({ ...i, cloud }))));
}
