// The user's test harness: runs the program offline with inferstack's GCP and Azure mocks (no
// Pulumi CLI, no cloud) and prints what each cloud would get.
import { GCP_OFFLINE_MOCKS, runOffline } from 'inferstack/gcp';
import { AZURE_OFFLINE_MOCKS } from 'inferstack/azure';
import { azureProgram, gcpProgram } from './program';

async function main(): Promise<void> {
  const gcp = await runOffline(gcpProgram, { cloud: 'gcp', mocks: GCP_OFFLINE_MOCKS });
  const azure = await runOffline(azureProgram, { cloud: 'azure', mocks: AZURE_OFFLINE_MOCKS });
  const types = (g: typeof gcp) => [...new Set(g.resources.map((r) => r.type))].sort();
  console.log(JSON.stringify({ gcp: types(gcp), azure: types(azure), unbound: JSON.stringify([gcp, azure]).includes('inferstack-unbound') }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
