/**
 * inferstack's own policy: rules with an id, a severity, a reason and a fix, run over the plan
 * and over what each cloud renders (Kubernetes objects, CloudFormation templates, Pulumi resource
 * graphs). Plain data in, plain data out: no cloud SDK.
 */
import { CloudId } from '../catalog/types';
import { KubernetesObject } from '../k8s/types';
import { InferencePlan } from '../plan/types';
import { ResourceGraph } from '../util/resource-graph';

/** `apiVersion` of `inferstack check --json`. */
export const CHECK_API_VERSION = 'inferstack.dev/check/v1alpha1';

/** error: `check` exits 1 and `synth` writes nothing; warning and info are reported only. */
export type Severity = 'error' | 'warning' | 'info';

/** What a rule reads. */
export type PolicySource = 'plan' | 'kubernetes' | 'cloudformation' | 'pulumi';

/** A CloudFormation template as JSON, with a name (the file, or the stack). */
export interface NamedTemplate {
  readonly name: string;
  readonly template: { readonly Resources?: Readonly<Record<string, { readonly Type: string; readonly Properties?: Record<string, unknown> }>> } & Record<string, unknown>;
}

/** Everything one cloud's check reads; absent parts are not checked (and `checked` says so). */
export interface PolicyInputs {
  readonly plan: InferencePlan;
  /** Objects rendered for the plan (lib/k8s `objects` and `crdObjects`). */
  readonly kubernetes?: readonly KubernetesObject[];
  /** The cloud's CloudFormation templates (AWS: the stack and its nested stacks). */
  readonly cloudformation?: readonly NamedTemplate[];
  /** The cloud's Pulumi resource graph (GCP, Azure). */
  readonly graph?: ResourceGraph;
}

/** A rule's verdict on one resource: which one, and what is wrong. */
export interface Violation {
  readonly resource: string;
  readonly message: string;
  /** Overrides the rule's severity for this violation (e.g. a public API endpoint restricted to CIDRs). */
  readonly severity?: Severity;
}

/** One rule of the policy. */
export interface PolicyRule {
  /** Stable id, e.g. `queue-dead-letter`: documented, printed, never reused for another meaning. */
  readonly id: string;
  readonly severity: Severity;
  /** What the rule asks for, in one line. */
  readonly title: string;
  /** Why it matters. */
  readonly reason: string;
  /** What to change when it fires. */
  readonly fix: string;
  /** What it reads; it runs only on inputs that are present. */
  readonly sources: readonly PolicySource[];
  /** Every violation in the inputs; Kubernetes objects include those the cloud templates apply (NodePools, NodeClasses). */
  check(inputs: PolicyInputs): Violation[];
}

/** A rule that fired, with everything needed to act on it. */
export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly cloud: CloudId;
  readonly resource: string;
  readonly message: string;
  readonly reason: string;
  readonly fix: string;
}

/** The check of one cloud. */
export interface CloudCheck {
  readonly cloud: CloudId;
  /** The inputs that were present and checked. */
  readonly checked: readonly PolicySource[];
  readonly findings: readonly Finding[];
}

/** `inferstack check --json`. */
export interface CheckReport {
  readonly apiVersion: typeof CHECK_API_VERSION;
  readonly clouds: Readonly<Partial<Record<CloudId, CloudCheck>>>;
  readonly summary: Readonly<Record<Severity, number>>;
}
