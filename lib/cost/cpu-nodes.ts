/**
 * The CPU nodes every stack runs (system pods, the router, Prometheus), as the cost model prices
 * them and as a renderer that creates its own CPU node pools (GKE) creates them: one source for
 * both, so `inferstack cost` and the deployed cluster describe the same machines.
 */
import { Catalog, CloudId, CpuMachinePrice } from '../catalog';
import { CPU_COMPONENTS, CpuComponent } from './model';

/** One CPU component of a stack with the machine it runs on. */
export interface CpuNodeGroup extends CpuComponent {
  /** The cheapest catalog CPU machine in the region with the component's vCPUs and memory; undefined when the catalog has none. */
  readonly machine: CpuMachinePrice | undefined;
}

/**
 * The CPU components a stack runs in a region ({@link CPU_COMPONENTS}: the router only when the
 * stack has one), each on the cheapest catalog CPU machine with at least its vCPUs and memory.
 */
export function cpuNodeGroups(catalog: Catalog, cloud: CloudId, region: string, stack: { readonly hasRouter: boolean }): CpuNodeGroup[] {
  const machines = catalog.cpuMachinesIn(cloud, region);
  return CPU_COMPONENTS.filter((c) => c.when === 'always' || stack.hasRouter).map((c) => ({
    ...c,
    machine: machines.find((x) => x.vcpus >= c.minVcpus && x.memoryGiB >= c.minMemoryGiB),
  }));
}
