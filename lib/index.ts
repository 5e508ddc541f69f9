/**
 * inferstack's pure core (`import ... from 'inferstack'`): the spec, the catalog, the plan, the
 * cost model and the Kubernetes workload. It loads no cloud SDK; the renderers have their own
 * entry points: `inferstack/aws` (CDK constructs), `inferstack/gcp` and `inferstack/azure`
 * (Pulumi components).
 *
 * This list is the public surface: what is not exported here is internal and may change. The
 * committed API report (`api/*.api.md`) shows every change of it in review.
 *
 * @packageDocumentation
 */
import { Catalog } from './catalog';
import { checkSpec } from './load';
import { SpecValidationError } from './spec/errors';
import type { InferenceSpec, InferenceSpecInput } from './spec/types';

// The spec: loading, validating, typed specs, errors.
export { checkSpec, loadSpecFile, loadSpecFileChecked, loadSpecText, loadSpecTextChecked } from './load';
export type { LoadedSpec, SpecCheck } from './load';
export { API_VERSION, KIND, PRECISIONS, SERVE_MODES, ENGINES, PATTERNS } from './spec/constants';
export { specJsonSchema } from './spec/json-schema';
export type {
  InferenceSpec,
  InferenceSpecInput,
  ModelSpec,
  AcceleratorRequest,
  RoutingSpec,
  QueueSpec,
  TrafficSpec,
  BudgetSpec,
  OnPremSpec,
  Precision,
  TargetsSpec,
  NetworkSpec,
  NetworkPeerSpec,
  ModelSpecInput,
  ThroughputSpec,
  ModelOverrideSpec,
  RoutingRuleSpec,
} from './spec/types';
export { SpecValidationError, SpecFileError, formatIssue, formatPath } from './spec/errors';
export type { SpecIssue, SpecPath } from './spec/errors';

// The catalog: cited accelerators, machines, prices and zones.
export { Catalog, CLOUDS, ACCELERATOR_DEVICES, priceAgeDays, isPriceStale, PRICE_STALE_AFTER_DAYS } from './catalog';
export type {
  Offer,
  CloudId,
  AcceleratorKind,
  AcceleratorDevice,
  Cited,
  PurchasePrice,
  TpuGeneration,
  AcceleratorSpec,
  MachineType,
  RegionalPrice,
  RegionInfo,
  ZoneAvailability,
  PlatformFee,
  QueuePrice,
  CpuMachinePrice,
  RegionCoordinates,
} from './catalog';

// The plan: what will exist on one cloud.
export { resolvePlan, POOL_LABEL } from './plan/resolve';
export { formatPlan } from './plan/format';
export { CAPABILITIES, K8S_LABEL_RULES } from './plan/capabilities';
export type { CloudCapabilities, TagRules, QueueCapability, WorkloadIdentityCapability, BudgetCapability, NetworkPolicyCapability } from './plan/capabilities';
export { DEPLOYMENT_TAG_KEY, STACK_TAG_KEY } from './plan/tags-default';
export { PLAN_API_VERSION } from './plan/types';
export type { InferencePlan, PoolPlan, NodeGroupPlan, MachinePlan, AcceleratorPlan, ScalingPlan, QueuePlan, RouterPlan, BudgetPlan, Taint, PlanWarning, NetworkPlan, NetworkPeerPlan, CostAllocationPlan } from './plan/types';
export type { RouterRouting } from './plan/routing';

// The cost model: floor, expected and ceiling before anything exists.
export { costReport, formatCostReport, assertWithinBudget, budgetFailures, budgetFailureMessage, BudgetExceededError } from './cost';
export type { CostReportOptions, FormatOptions } from './cost';
export { costDiff, formatCostDiff, formatCostDiffMarkdown, COST_DIFF_API_VERSION } from './cost';
export type { CostDiff, CloudCostDiff, PoolCostDiff, CostDelta, CostChange, CostVersion } from './cost';
export { COST_API_VERSION } from './cost/types';
export type {
  Scenario,
  PerScenario,
  LineItemKind,
  ScenarioAmount,
  CostLineItem,
  ThroughputUsed,
  PoolCost,
  BudgetVerdict,
  BudgetCost,
  UnknownPrice,
  CloudCost,
  OnPremCost,
  CompareOption,
  CompareCombination,
  CompareResult,
  CostReport,
} from './cost/types';

// The Kubernetes workload, rendered once for every cloud.
export { renderWorkload, renderWorkloadWith, helmReleasesFor, manifestFiles, toYaml, UNBOUND_PREFIX } from './k8s';
export type {
  KubernetesObject,
  HelmRelease,
  WorkloadBindings,
  RenderOptions,
  SecretRequirement,
  KedaOperatorIdentity,
  RenderedWorkload,
  ManifestFile,
  Bound,
  BoundObject,
  BoundWorkload,
  Interpolate,
} from './k8s';

// inferstack's own policy rules (`inferstack check`), over plain data.
export { checkPolicies, checkReport, formatCheckReport, findingsOf, POLICY_RULES, CHECK_API_VERSION } from './policy';
export type { PolicyRule, PolicyInputs, Finding, Severity, CloudCheck, CheckReport, PolicySource, NamedTemplate, Violation } from './policy';

// The resource graph `inferstack synth` writes for the Pulumi clouds (resources.json).
export { GRAPH_API_VERSION, SECRET_PLACEHOLDER } from './util/resource-graph';
export type { ResourceGraph, GraphResource } from './util/resource-graph';

/**
 * A spec written as a typed TypeScript object: checked like a file (structure, rules, catalog)
 * and returned with defaults applied. Throws SpecValidationError listing every problem.
 */
export function defineSpec(input: InferenceSpecInput, catalog: Catalog = Catalog.DEFAULT): InferenceSpec {
  const { spec, issues } = checkSpec(input, catalog);
  if (!spec) throw new SpecValidationError(issues);
  return spec;
}
