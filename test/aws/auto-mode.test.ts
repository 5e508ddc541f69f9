/**
 * AcceleratorNodePools needs EKS Auto Mode (issue 12, defect 14): a cluster created in the app
 * without it is refused at synth time; an imported cluster, which cannot be checked, gets a
 * synth warning unless `autoMode: true` asserts it.
 */
import { Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AcceleratorNodePools, clusterAutoMode } from '../../lib/aws/node-pools';
import { resolvePlan } from '../../lib/plan/resolve';
import { exampleSpec, testApp } from './support/synth';

const plan = resolvePlan(exampleSpec('minimal-aws'), 'aws');
const env = { account: '111122223333', region: 'us-east-1' };

function imported(stack: Stack) {
  return eks.Cluster.fromClusterAttributes(stack, 'Existing', {
    clusterName: 'platform',
    kubectlProvider: eks.KubectlProvider.fromKubectlProviderAttributes(stack, 'Kubectl', {
      serviceToken: 'arn:aws:lambda:us-east-1:111122223333:function:platform-kubectl',
      role: iam.Role.fromRoleName(stack, 'KubectlRole', 'platform-kubectl'),
    }),
  });
}

describe('AcceleratorNodePools and EKS Auto Mode', () => {
  it('refuses a cluster created in the app without Auto Mode', () => {
    const stack = new Stack(testApp(), 'NodeGroups', { env });
    const cluster = new eks.Cluster(stack, 'Cluster', { version: eks.KubernetesVersion.V1_35, defaultCapacityType: eks.DefaultCapacityType.NODEGROUP, defaultCapacity: 0 });
    expect(clusterAutoMode(cluster)).toBe(false);
    expect(() => new AcceleratorNodePools(stack, 'Pools', { cluster, plan })).toThrow(
      /AcceleratorNodePools: cluster 'NodeGroups\/Cluster' does not run EKS Auto Mode \(its compute config is off\).*defaultCapacityType: eks\.DefaultCapacityType\.AUTOMODE/,
    );
  });

  it('tells an Auto Mode cluster created in the app', () => {
    const stack = new Stack(testApp(), 'AutoMode', { env });
    const cluster = new eks.Cluster(stack, 'Cluster', { version: eks.KubernetesVersion.V1_35 });
    expect(clusterAutoMode(cluster)).toBe(true);
  });

  it('warns at synth time that an imported cluster cannot be checked', () => {
    const stack = new Stack(testApp(), 'Imported', { env });
    const cluster = imported(stack);
    expect(clusterAutoMode(cluster)).toBeUndefined();
    new AcceleratorNodePools(stack, 'Pools', { cluster, plan });
    Annotations.fromStack(stack).hasWarning('/Imported/Pools', Match.stringLikeRegexp("cannot check that cluster 'Imported/Existing' \\(imported\\) runs EKS Auto Mode.*set autoMode: true"));
  });

  it('takes autoMode: true as the assertion for an imported cluster, and refuses autoMode: false', () => {
    const stack = new Stack(testApp(), 'Asserted', { env });
    const cluster = imported(stack);
    new AcceleratorNodePools(stack, 'Pools', { cluster, plan, autoMode: true });
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('cannot check'))).toEqual([]);
    expect(() => new AcceleratorNodePools(stack, 'Other', { cluster, plan, autoMode: false })).toThrow(/autoMode is false, but these NodePools and NodeClasses exist only on EKS Auto Mode clusters/);
  });
});
