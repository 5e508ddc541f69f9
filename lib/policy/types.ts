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
  /** The template's file (e.g. `InferenceStack.template.json`) or stack name, as findings name it. */
  readonly name: string;
  /** The template JSON; rules read its `Resources`. */
  readonly template: { readonly Resources?: Readonly<Record<string, { readonly Type: string; readonly Properties?: Record<string, unknown> }>> } & Record<string, unknown>;
}

/** Everything one cloud's check reads; absent parts are not checked (and `checked` says so). */
export interface PolicyInputs {
  /** The cloud's plan; always checked. */
  readonly plan: InferencePlan;
  /**
   * Objects rendered for the plan (lib/k8s `objects` and `crdObjects`).
   * @default - only the Kubernetes objects the `cloudformation` templates apply are checked (none without them)
   */
  readonly kubernetes?: readonly KubernetesObject[];
  /**
   * The cloud's CloudFormation templates (AWS: the stack and its nested stacks).
   * @default - not checked: rules that read only templates do not run
   */
  readonly cloudformation?: readonly NamedTemplate[];
  /**
   * The cloud's Pulumi resource graph (GCP, Azure).
   * @default - not checked: rules that read only the Pulumi graph do not run
   */
  readonly graph?: ResourceGraph;
}

/** A rule's verdict on one resource: which one, and what is wrong. */
export interface Violation {
  /** The offending resource as findings print it: a Kubernetes `Kind namespace/name`, a template or Pulumi resource as `<type> <name>`, or a plan part (`pool <model>`). */
  readonly resource: string;
  /** What is wrong with it, with the value found. */
  readonly message: string;
  /**
   * Overrides the rule's severity for this violation (e.g. a public API endpoint restricted to CIDRs).
   * @default - the rule's `severity`
   */
  readonly severity?: Severity;
}

/** One rule of the policy. */
export interface PolicyRule {
  /** Stable id, e.g. `queue-dead-letter`: documented, printed, never reused for another meaning. */
  readonly id: string;
  /** What a finding of this rule does to `check` and `synth` (a violation may override it). */
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
  /** The rule's id. */
  readonly rule: string;
  /** The violation's severity, else the rule's. */
  readonly severity: Severity;
  /** The cloud whose inputs it was found in. */
  readonly cloud: CloudId;
  /** The offending resource (see `Violation.resource`). */
  readonly resource: string;
  /** What is wrong with it. */
  readonly message: string;
  /** Why the rule matters (the rule's `reason`). */
  readonly reason: string;
  /** What to change (the rule's `fix`). */
  readonly fix: string;
}

/** The check of one cloud. */
export interface CloudCheck {
  /** The cloud checked. */
  readonly cloud: CloudId;
  /** The inputs that were present and checked. */
  readonly checked: readonly PolicySource[];
  /** Every rule that fired, errors first. */
  readonly findings: readonly Finding[];
}

/** `inferstack check --json`. */
export interface CheckReport {
  /** Always {@link CHECK_API_VERSION}: `inferstack.dev/check/v1alpha1`. */
  readonly apiVersion: typeof CHECK_API_VERSION;
  /** The check of each cloud checked. */
  readonly clouds: Readonly<Partial<Record<CloudId, CloudCheck>>>;
  /** Findings per severity, over every cloud. */
  readonly summary: Readonly<Record<Severity, number>>;
}
