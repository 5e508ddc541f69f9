/** The GKE cluster: regional Standard, private nodes behind Cloud NAT, Workload Identity, cost allocation, CPU pools from the cost model. */
import * as pulumi from '@pulumi/pulumi';
import { Catalog } from '../../lib/catalog';
import { cpuNodeGroups } from '../../lib/cost';
import { gkeKubeconfig, InferenceCluster, NODE_SERVICE_ACCOUNT_ROLE } from '../../lib/gcp';
import { spreadOverZones } from '../../lib/gcp/cluster';
import { inputs, named, nodePools, ofType, planOf, runGcp, thrownBy } from './support/graph';

const run = (args: Partial<ConstructorParameters<typeof InferenceCluster>[1]> = {}) =>
  runGcp(() => void new InferenceCluster('c', { project: 'acme', region: 'us-central1', ...args }));

describe('InferenceCluster defaults', () => {
  test('regional GKE Standard: Workload Identity, cost allocation, REGULAR channel, default pool removed, deletion protection, private nodes and IP endpoint, the DNS endpoint for clients, Dataplane V2', async () => {
    const graph = await run();
    const cluster = inputs(named(graph, 'c-gke'));
    expect(cluster).toMatchObject({
      name: 'c',
      location: 'us-central1',
      project: 'acme',
      workloadIdentityConfig: { workloadPool: 'acme.svc.id.goog' },
      costManagementConfig: { enabled: true },
      releaseChannel: { channel: 'REGULAR' },
      removeDefaultNodePool: true,
      initialNodeCount: 1,
      deletionProtection: true,
      privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: true },
      controlPlaneEndpointsConfig: { dnsEndpointConfig: { allowExternalTraffic: true } },
      networkingMode: 'VPC_NATIVE',
      ipAllocationPolicy: { clusterSecondaryRangeName: 'pods', servicesSecondaryRangeName: 'services' },
      datapathProvider: 'ADVANCED_DATAPATH',
    });
    expect(cluster.enableAutopilot).toBeUndefined();
    expect(cluster.masterAuthorizedNetworksConfig).toBeUndefined();
    expect(cluster.databaseEncryption).toBeUndefined();
    expect(named(graph, 'c-gke').dependsOn).toEqual(['c-nat', 'c-node-sa-role']);
  });

  test('a new VPC with pod and Service ranges, Private Google Access and Cloud NAT for the private nodes', async () => {
    const graph = await run();
    expect(inputs(named(graph, 'c-vpc'))).toMatchObject({ name: 'c-vpc', autoCreateSubnetworks: false });
    expect(inputs(named(graph, 'c-nodes'))).toMatchObject({
      ipCidrRange: '10.0.0.0/20',
      privateIpGoogleAccess: true,
      secondaryIpRanges: [
        { rangeName: 'pods', ipCidrRange: '10.16.0.0/14' },
        { rangeName: 'services', ipCidrRange: '10.20.0.0/20' },
      ],
    });
    expect(inputs(named(graph, 'c-nat'))).toMatchObject({ router: 'c-router', natIpAllocateOption: 'AUTO_ONLY', sourceSubnetworkIpRangesToNat: 'LIST_OF_SUBNETWORKS', subnetworks: [{ sourceIpRangesToNats: ['ALL_IP_RANGES'] }] });
  });

  test('nodes run as a new service account with only the GKE node role', async () => {
    const graph = await run();
    const email = 'c-nodes@acme.iam.gserviceaccount.com';
    expect(ofType(graph, 'gcp:projects/iAMMember:IAMMember').map((r) => [inputs(r).role, inputs(r).member])).toEqual([[NODE_SERVICE_ACCOUNT_ROLE, `serviceAccount:${email}`]]);
    for (const np of Object.values(nodePools(graph))) expect(inputs(np).nodeConfig).toMatchObject({ serviceAccount: email, workloadMetadataConfig: { mode: 'GKE_METADATA' }, shieldedInstanceConfig: { enableSecureBoot: true } });
    expect(inputs(named(graph, 'c-gke')).nodeConfig.serviceAccount).toBe(email);
  });

  test('CPU pools: the cost model\'s components, fixed size, one node per zone over the region\'s first zones', async () => {
    const graph = await run();
    const pools = nodePools(graph);
    const expected = cpuNodeGroups(Catalog.DEFAULT, 'gcp', 'us-central1', { hasRouter: true });
    expect(Object.keys(pools).sort()).toEqual(expected.map((g) => g.item).sort());
    for (const g of expected) {
      expect(inputs(pools[g.item])).toMatchObject({ nodeConfig: { machineType: g.machine!.instanceType }, nodeCount: 1 });
      // The catalog's zones of the region, in order.
      expect(inputs(pools[g.item]).nodeLocations).toEqual(Catalog.DEFAULT.zonesOf('gcp', 'us-central1')!.slice(0, g.nodes));
      expect(inputs(pools[g.item]).autoscaling).toBeUndefined();
    }
  });

  test('cpuPoolsFor(plan) leaves the router pool out when the plan has no router', () => {
    expect(InferenceCluster.cpuPoolsFor(planOf('queue-only')).map((p) => p.name)).toEqual(['system-nodes', 'prometheus']);
    expect(InferenceCluster.cpuPoolsFor(planOf('support-assistant')).map((p) => p.name)).toEqual(['system-nodes', 'router', 'prometheus']);
  });

  test('spreading fixed pools over zones', () => {
    expect(spreadOverZones(2, ['z-a', 'z-b', 'z-c'])).toEqual({ nodeLocations: ['z-a', 'z-b'], nodeCount: 1 });
    expect(spreadOverZones(6, ['z-a', 'z-b', 'z-c'])).toEqual({ nodeLocations: ['z-a', 'z-b', 'z-c'], nodeCount: 2 });
    expect(spreadOverZones(2, [])).toEqual({ nodeLocations: [], nodeCount: 2 });
  });

  test('the cluster\'s kubeconfig uses the DNS endpoint without a CA to pin; with dnsEndpoint false, the IP endpoint and the CA', async () => {
    const text = async (args: Partial<ConstructorParameters<typeof InferenceCluster>[1]>) => {
      let c: InferenceCluster | undefined;
      await runGcp(() => {
        c = new InferenceCluster('c', { project: 'acme', region: 'us-central1', ...args });
      });
      return JSON.parse(await new Promise<string>((r) => c!.kubeconfig.apply((v) => r(v))));
    };
    expect((await text({})).clusters[0].cluster).toEqual({ server: 'https://gke-offline-c.us-central1.gke.goog' });
    const ip = (await text({ dnsEndpoint: false, authorizedNetworks: ['203.0.113.0/24'] })).clusters[0].cluster;
    expect(ip).toEqual({ server: 'https://203.0.113.10', 'certificate-authority-data': Buffer.from('offline-ca').toString('base64') });
  });

  test('the kubeconfig authenticates with gke-gcloud-auth-plugin against the cluster\'s endpoint and CA, as a secret', async () => {
    let config: pulumi.Output<string> | undefined;
    await runGcp(() => {
      config = gkeKubeconfig('c', '203.0.113.10', 'Q0E=');
    });
    expect(await new Promise((r) => pulumi.isSecret(config!).then(r))).toBe(true);
    const text = await new Promise<string>((r) => config!.apply((v) => r(v)));
    expect(JSON.parse(text)).toMatchObject({
      clusters: [{ name: 'c', cluster: { server: 'https://203.0.113.10', 'certificate-authority-data': 'Q0E=' } }],
      users: [{ name: 'c', user: { exec: { command: 'gke-gcloud-auth-plugin', apiVersion: 'client.authentication.k8s.io/v1beta1', provideClusterInfo: true } } }],
      'current-context': 'c',
    });
  });
});

describe('InferenceCluster options', () => {
  test('an existing network: no VPC, subnet or NAT of its own, its secondary ranges', async () => {
    const graph = await run({ network: { network: 'shared-vpc', subnetwork: 'gke-nodes', podsRangeName: 'gke-pods', servicesRangeName: 'gke-svc' } });
    for (const t of ['gcp:compute/network:Network', 'gcp:compute/subnetwork:Subnetwork', 'gcp:compute/router:Router', 'gcp:compute/routerNat:RouterNat']) expect(ofType(graph, t)).toEqual([]);
    expect(inputs(named(graph, 'c-gke'))).toMatchObject({ network: 'shared-vpc', subnetwork: 'gke-nodes', ipAllocationPolicy: { clusterSecondaryRangeName: 'gke-pods', servicesSecondaryRangeName: 'gke-svc' } });
    const withNat = await run({ network: { network: 'shared-vpc', subnetwork: 'gke-nodes', podsRangeName: 'p', servicesRangeName: 's', createNat: true } });
    expect(inputs(named(withNat, 'c-nat')).subnetworks).toEqual([{ name: 'gke-nodes', sourceIpRangesToNats: ['ALL_IP_RANGES'] }]);
  });

  test('authorized networks, a release channel, CMEK for Secrets, no deletion protection, given zones and pools', async () => {
    const key = 'projects/acme/locations/us-central1/keyRings/r/cryptoKeys/gke';
    const graph = await run({
      authorizedNetworks: ['203.0.113.0/24'],
      releaseChannel: 'STABLE',
      secretsEncryptionKey: key,
      deletionProtection: false,
      nodeZones: ['us-central1-f', 'us-central1-b'],
      cpuPools: [{ name: 'system', machineType: 'e2-standard-4', nodes: 2 }],
      nodeServiceAccount: 'nodes@acme.iam.gserviceaccount.com',
    });
    expect(inputs(named(graph, 'c-gke'))).toMatchObject({
      masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: '203.0.113.0/24', displayName: 'authorized-1' }] },
      // Authorized networks ask for the public IP endpoint, restricted to them.
      privateClusterConfig: { enablePrivateEndpoint: false },
      releaseChannel: { channel: 'STABLE' },
      databaseEncryption: { state: 'ENCRYPTED', keyName: key },
      deletionProtection: false,
    });
    expect(inputs(nodePools(graph).system)).toMatchObject({ nodeLocations: ['us-central1-f', 'us-central1-b'], nodeCount: 1, nodeConfig: { machineType: 'e2-standard-4', serviceAccount: 'nodes@acme.iam.gserviceaccount.com' } });
    expect(ofType(graph, 'gcp:serviceaccount/account:Account')).toEqual([]);
  });

  test('without the region\'s zones in the catalog, Compute Engine\'s zones that are UP (compute.getZones, mocked offline)', async () => {
    const graph = await run({ catalog: new Catalog({ ...Catalog.DEFAULT, zones: [] }) });
    expect(inputs(nodePools(graph)['system-nodes']).nodeLocations).toEqual(['us-central1-a', 'us-central1-b']);
  });

  test('the catalog\'s zones of the region are used before asking Compute Engine', async () => {
    const catalog = new Catalog({ ...Catalog.DEFAULT, zones: [{ cloud: 'gcp', region: 'us-central1', instanceType: null, zones: ['us-central1-b', 'us-central1-c', 'us-central1-f'], source: 'test', asOf: '2026-01-01' }] });
    const graph = await run({ catalog });
    expect(inputs(nodePools(graph)['system-nodes']).nodeLocations).toEqual(['us-central1-b', 'us-central1-c']);
  });

  test('bad arguments: every problem at once', async () => {
    const e = await thrownBy(
      () =>
        new InferenceCluster('c', {
          project: 'acme',
          region: 'us-central1-a',
          clusterName: 'Bad_Name',
          authorizedNetworks: ['0.0.0.0/33'],
          cpuPools: [
            { name: 'sys', machineType: 'e2-standard-2', nodes: 0 },
            { name: 'sys', machineType: 'e2-standard-2', nodes: 1 },
          ],
        }),
    );
    expect(pulumi.InputPropertiesError.isInstance(e)).toBe(true);
    expect((e as pulumi.InputPropertiesError).errors.map((x) => x.propertyPath)).toEqual(['args.region', 'args.clusterName', 'args.authorizedNetworks[0]', 'args.cpuPools[0].nodes', 'args.cpuPools[1].name']);
    expect(e.message).toContain("'us-central1-a' is not a GCP region name such as us-central1 (a regional cluster needs a region, not a zone)");
  });

  test('a region the catalog has no CPU machine for asks for cpuPools', async () => {
    const catalog = new Catalog({ ...Catalog.DEFAULT, cpuMachines: Catalog.DEFAULT.cpuMachines.filter((m) => m.region !== 'asia-south1') });
    const e = await thrownBy(() => new InferenceCluster('c', { project: 'acme', region: 'asia-south1', catalog }));
    expect(e.message).toMatch(/args\.cpuPools: the catalog has no GCP CPU machine with at least 2 vCPU and 8 GiB in asia-south1 for the system-nodes; pass cpuPools to InferenceCluster/);
  });
});
