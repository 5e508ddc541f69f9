// A Pulumi program of a user's own that composes inferstack's components, installed from the
// packed tarball into a scratch project without aws-cdk-lib, compiled with plain tsc.
import { loadSpecFile } from 'inferstack';
import * as gcp from 'inferstack/gcp';
import * as azure from 'inferstack/azure';

const spec = loadSpecFile('inference.yaml');

/** The spec's GCP target, as the whole deployment component. */
export function gcpProgram(): Record<string, unknown> {
  const d = new gcp.InferenceDeployment('inference', { spec, billingAccount: '000000-000000-000000' });
  return { cluster: d.cluster.clusterName };
}

/** The spec's Azure target. */
export function azureProgram(): Record<string, unknown> {
  const d = new azure.InferenceDeployment('inference', { spec, budgetStartDate: '2030-01-01' });
  return { cluster: d.cluster.clusterName };
}
