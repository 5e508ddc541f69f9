/**
 * Kubeconfigs for AKS clusters with Entra ID and local accounts disabled. AKS hands out user
 * credentials in `exec` format (`listClusterUserCredential` with `format=exec`): a kubeconfig
 * whose user runs `kubelogin get-token --login devicecode ...`, an interactive login that a CI
 * runner cannot complete. {@link convertKubeconfig} rewrites the user the way
 * `kubelogin convert-kubeconfig -l <mode>` does (github:Azure/kubelogin/pkg/internal/converter/convert.go@66784961ef44a34236a651d9b08bcdf0aa07b836):
 * `get-token --login <mode> --server-id <AKS server app>`; with `azurecli` the token comes from
 * the Azure CLI's login (`az login`, or `azure/login` in GitHub Actions), with
 * `workloadidentity` from `AZURE_CLIENT_ID`, `AZURE_TENANT_ID` and `AZURE_FEDERATED_TOKEN_FILE`.
 * `kubelogin` must be on the PATH of whatever runs `pulumi up`.
 */
import { parse, stringify } from 'yaml';

/** kubelogin login modes the Pulumi program supports (no interactive modes: `pulumi up` runs unattended). */
export const KUBELOGIN_MODES = ['azurecli', 'workloadidentity'] as const;
/** A login mode of {@link KUBELOGIN_MODES}. */
export type KubeloginMode = (typeof KUBELOGIN_MODES)[number];

/** AKS's Entra ID server application, the audience of every AKS token; the same in every tenant (github:Azure/kubelogin/docs/book/src/concepts/aks.md). */
export const AKS_AAD_SERVER_ID = '6dae42f8-4368-4678-94ff-3960e28e3630';

interface ExecUser {
  exec?: { command?: string; args?: string[]; env?: unknown; apiVersion?: string; installHint?: string; provideClusterInfo?: boolean };
}

/** The value following `flag` in an argument list. */
const argValue = (args: readonly string[], flag: string): string | undefined => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};

/**
 * The kubeconfig with every kubelogin user switched to a non-interactive login mode; users that
 * do not run kubelogin are kept as they are.
 * @throws Error when the text is not a kubeconfig or no user runs kubelogin (then the cluster is
 *   not Entra ID integrated, or the credentials are not in `exec` format)
 */
export function convertKubeconfig(kubeconfig: string, mode: KubeloginMode): string {
  const doc = parse(kubeconfig) as { users?: { name: string; user?: ExecUser }[] } | null;
  if (!doc || !Array.isArray(doc.users)) throw new Error('the AKS credentials are not a kubeconfig with users');
  let converted = 0;
  for (const u of doc.users) {
    const exec = u.user?.exec;
    if (!exec || !/(^|\/)kubelogin(\.exe)?$/.test(exec.command ?? '')) continue;
    const serverId = argValue(exec.args ?? [], '--server-id') ?? AKS_AAD_SERVER_ID;
    exec.args = ['get-token', '--login', mode, '--server-id', serverId];
    converted++;
  }
  if (converted === 0) throw new Error("no user of the AKS credentials runs kubelogin; request them with format 'exec' from a cluster with Entra ID integration");
  return stringify(doc);
}
