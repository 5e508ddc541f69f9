/**
 * Reading CloudFormation templates as plain JSON: resources by type, the Kubernetes objects the
 * EKS custom resources apply, the statements of identity-based IAM policies.
 */
import { KubernetesObject } from '../k8s/types';
import { NamedTemplate } from './types';

/** A resource of a template, named `<template>/<logical id>`. */
export interface TemplateResource {
  readonly name: string;
  readonly type: string;
  readonly properties: Readonly<Record<string, unknown>>;
}

/** The custom resource type aws-eks(-v2) uses for `KubernetesManifest`. */
export const KUBERNETES_RESOURCE_TYPE = 'Custom::AWSCDK-EKS-KubernetesResource';

/** Every resource of the templates whose type is one of `types`. */
export function resourcesOfType(templates: readonly NamedTemplate[], ...types: string[]): TemplateResource[] {
  return templates.flatMap((t) =>
    Object.entries(t.template.Resources ?? {})
      .filter(([, r]) => types.includes(r.Type))
      .map(([id, r]) => ({ name: `${t.name}/${id}`, type: r.Type, properties: r.Properties ?? {} })),
  );
}

/**
 * An intrinsic as text: literals as they are, `Fn::Join` joined, references as `{{Ref:Id}}` or
 * `{{Id.Attr}}` (no quote or backslash, so a reference inside a JSON string keeps it valid).
 */
export function flattenIntrinsic(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const v = (value ?? {}) as Record<string, unknown>;
  if (Array.isArray(v['Fn::Join'])) {
    const [sep, parts] = v['Fn::Join'] as [string, unknown[]];
    return (parts ?? []).map(flattenIntrinsic).join(sep);
  }
  if (typeof v.Ref === 'string') return `{{Ref:${v.Ref}}}`;
  if (Array.isArray(v['Fn::GetAtt'])) return `{{${(v['Fn::GetAtt'] as string[]).join('.')}}}`;
  return `{{${Object.keys(v).join(',')}}}`;
}

/** The Kubernetes objects every EKS manifest resource of the templates applies. Unreadable manifests are skipped. */
export function kubernetesObjectsIn(templates: readonly NamedTemplate[]): KubernetesObject[] {
  return resourcesOfType(templates, KUBERNETES_RESOURCE_TYPE).flatMap((r) => {
    try {
      const parsed = JSON.parse(flattenIntrinsic(r.properties.Manifest)) as unknown;
      return Array.isArray(parsed) ? (parsed as KubernetesObject[]) : [];
    } catch {
      return [];
    }
  });
}

/** One statement of an identity-based policy. */
export interface PolicyStatement {
  /** The policy resource, `<type> <template>/<logical id>`. */
  readonly policy: string;
  readonly effect: string;
  /** Literal actions (intrinsics are left out). */
  readonly actions: readonly string[];
  /** Literal resources and flattened intrinsics. */
  readonly resources: readonly string[];
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

function statementsOf(policy: string, document: unknown): PolicyStatement[] {
  const statements = asList((document as { Statement?: unknown } | undefined)?.Statement);
  return statements.map((st) => {
    const s = st as Record<string, unknown>;
    return {
      policy,
      effect: String(s.Effect ?? 'Allow'),
      actions: asList(s.Action).filter((a): a is string => typeof a === 'string'),
      resources: asList(s.Resource).map(flattenIntrinsic),
    };
  });
}

/**
 * Statements of identity-based policies: `AWS::IAM::Policy`, `AWS::IAM::ManagedPolicy` and the
 * inline policies of `AWS::IAM::Role`. Resource-based policies (key, queue, topic policies)
 * are not identity grants and use `*` for "this resource" by design.
 */
export function identityStatements(templates: readonly NamedTemplate[]): PolicyStatement[] {
  return [
    ...resourcesOfType(templates, 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy').flatMap((r) => statementsOf(`${r.type} ${r.name}`, r.properties.PolicyDocument)),
    ...resourcesOfType(templates, 'AWS::IAM::Role').flatMap((r) =>
      asList(r.properties.Policies).flatMap((p) => statementsOf(`${r.type} ${r.name} policy ${String((p as { PolicyName?: unknown }).PolicyName ?? 'inline')}`, (p as { PolicyDocument?: unknown }).PolicyDocument)),
    ),
  ];
}
