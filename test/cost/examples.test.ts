/**
 * The examples on AWS against the shipped catalog, derived by hand from the catalog's rows (not
 * from the code under test): what a user re-checking `inferstack cost` with a calculator gets.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Catalog } from '../../lib/catalog';
import { cents, estimateCost } from '../../lib/cost';
import { loadSpecText } from '../../lib/load';
import { resolvePlan } from '../../lib/plan/resolve';
import { EXAMPLES_DIR } from '../support/specs';

const cat = Catalog.DEFAULT;
const REGION = 'us-east-1';
const H = 730;
const gpu = (instanceType: string) => cat.price('aws', instanceType, REGION)!;
const cpu = (instanceType: string) => cat.cpuMachinesIn('aws', REGION).find((m) => m.instanceType === instanceType)!.onDemandHourlyUsd!;
const fee = (id: string) => cat.feesOf('aws').find((f) => f.id === id)!;
const autoMode = fee('eks-auto-mode').fraction!;
const aws = (file: string) => {
  const spec = loadSpecText(readFileSync(join(EXAMPLES_DIR, file), 'utf8'), file);
  return estimateCost(resolvePlan(spec, 'aws'));
};

// Fixed: control plane; 2 system + 1 Prometheus m6i.large and 2 router m6i.xlarge all month,
// each with the EKS Auto Mode fee (a fraction of its on-demand price).
const large = cpu('m6i.large');
const xlarge = cpu('m6i.xlarge');
const FIXED =
  cents(fee('eks-control-plane').hourlyUsd! * H) +
  cents(2 * large * H) +
  cents(2 * xlarge * H) +
  cents(large * H) +
  cents(autoMode * large * 3 * H) +
  cents(autoMode * xlarge * 2 * H);

describe('examples/minimal-aws.yaml on AWS', () => {
  const c = aws('minimal-aws.yaml');
  const g6 = gpu('g6.xlarge').onDemandHourlyUsd!;
  it('uses the CPU machines the hand derivation assumes', () => {
    expect(c.lineItems.filter((i) => i.pool === null && i.instanceType).map((i) => [i.item, i.instanceType])).toEqual([
      ['system-nodes', 'm6i.large'],
      ['router', 'm6i.xlarge'],
      ['prometheus', 'm6i.large'],
      ['node-fee', 'm6i.large'],
      ['node-fee', 'm6i.xlarge'],
    ]);
  });
  it('floor: the fixed costs only (replicas.min 0); ceiling: 2 on-demand g6.xlarge with the fee; expected unknown without traffic', () => {
    // 73.00 + 140.16 + 280.32 + 70.08 + 25.23 + 33.64 = 622.43 at the catalog of 2026-07
    expect(c.monthlyUsd.floor).toBe(cents(FIXED));
    // + 2 x 730 x 0.8048 = 1,175.01 and 2 x 730 x 0.096576 = 141.00: 1,938.44
    expect(c.monthlyUsd.ceiling).toBe(cents(FIXED + cents(2 * H * g6) + cents(2 * H * autoMode * g6)));
    expect(c.monthlyUsd.expected).toBeNull();
    expect(c.monthlyUsdAtLeast.expected).toBe(c.monthlyUsd.floor);
  });
});

describe('examples/support-assistant.yaml on AWS, pool chat-small', () => {
  const c = aws('support-assistant.yaml');
  const p = c.pools.find((x) => x.pool === 'chat-small')!;
  const { onDemandHourlyUsd: od, spotHourlyUsd: spot } = gpu('g6.xlarge');
  const feeHourly = autoMode * od!;
  it('gets 94.05% of requests: everything but 5% long prompts and 1% of the rest with x-quality: high', () => {
    expect(p.trafficShare).toBe(0.9405);
  });
  it('floor, expected and ceiling to the cent', () => {
    // floor: 1 on-demand replica (onDemandBase 1) all month, plus its fee
    expect(p.monthlyUsd.floor).toBe(cents(cents(H * od!) + cents(H * feeHourly)));
    // ceiling: 1 on-demand + 23 spot (replicas.max 24), fee on all 24
    expect(p.monthlyUsd.ceiling).toBe(cents(cents(H * od!) + cents(23 * H * spot!) + cents(24 * H * feeHourly)));
    // expected: a year of 8,760 h starting Monday = 52 weeks + a Monday: 2,610 business hours
    // (Mon-Fri 08-18) at 45.625 rps (mean 20 x 8,760 / (2,610 + 0.2 x 6,150)) and 6,150 other
    // hours at 9.125 rps. chat-small at its measured 2 rps per replica: ceil(45.625 x 0.9405 / 2)
    // = 22 replicas in business hours, ceil(9.125 x 0.9405 / 2) = 5 off hours; the 300 s scale-down
    // keeps the 17 extra replicas for 1/12 h after each of the 261 business days. Spot replica-hours
    // = replicas - 1 (the on-demand base):
    const spotHours = (2610 * 21 + 6150 * 4 + (261 * 17) / 12) / 12; // a month
    const onDemandHours = H;
    expect(p.meanReplicas).toBe(Math.round(((2610 * 22 + 6150 * 5 + (261 * 17) / 12) / 8760) * 100) / 100);
    expect(p.monthlyUsd.expected).toBe(cents(cents(onDemandHours * od!) + cents(spotHours * spot!) + cents((onDemandHours + spotHours) * feeHourly)));
    expect(p.unservedShare).toBe(0);
  });
});
