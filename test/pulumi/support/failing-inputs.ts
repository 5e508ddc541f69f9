/**
 * Run by test/pulumi/offline.test.ts in a child process, as `inferstack synth` runs: a resource
 * whose inputs fail, and another that waits for it. Prints the run's error, or `resolved`.
 */
import * as pulumi from '@pulumi/pulumi';
import * as k8s from '@pulumi/kubernetes';
import { runOffline } from '../../../lib/pulumi/offline';

runOffline(() => {
  const kubeconfig = pulumi.output('x').apply((): string => {
    throw new Error('the cluster returned no kubeconfig');
  });
  const provider = new k8s.Provider('k', { kubeconfig });
  new k8s.core.v1.Namespace('ns', { metadata: { name: 'a' } }, { provider });
}, { cloud: 'azure' }).then(
  () => process.stdout.write('resolved\n'),
  (e: Error) => process.stdout.write(`${e.message}\n`),
);
