/**
 * The Kubernetes version inferstack's EKS clusters run, and the kubectl/helm Lambda layer that
 * matches it. The two move together: aws-eks-v2 documents that a cluster of version 1.NN is
 * driven by `KubectlV<NN>Layer` from `@aws-cdk/lambda-layer-kubectl-v<NN>` (see the TSDoc of
 * `eks.KubernetesVersion` in aws-cdk-lib 2.276.0, `aws-eks-v2/lib/cluster.d.ts`).
 *
 * 1.35: released on EKS 2026-01-28, standard support until 2027-03-27 (https://endoflife.date/amazon-eks;
 * 14 months of standard support per https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html).
 * 1.33 left standard support on 2026-07-29: an extended-support cluster bills $0.60 instead of
 * $0.10 per hour (catalog fee `eks-extended-support`), so the default moves with the calendar.
 */
import { KubectlV35Layer } from '@aws-cdk/lambda-layer-kubectl-v35';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

/** Kubernetes 1.35: the version of the pinned `@aws-cdk/lambda-layer-kubectl-v35@2.2.2` layer (kubectl 1.35, Helm 4.1.3). */
export const DEFAULT_KUBERNETES_VERSION: eks.KubernetesVersion = eks.KubernetesVersion.V1_35;

/** The kubectl/helm layer for DEFAULT_KUBERNETES_VERSION. */
export function defaultKubectlLayer(scope: Construct, id: string): lambda.ILayerVersion {
  return new KubectlV35Layer(scope, id);
}
