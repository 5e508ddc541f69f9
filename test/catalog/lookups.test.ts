/** Catalog lookups users see through validation and reports: nearest regions, price age, the summary. */
import { Catalog, greatCircleKm, isPriceStale, nearestRegions, PRICE_STALE_AFTER_DAYS, priceAgeDays } from '../../lib/catalog';
import { CATALOG_API_VERSION, citationsOf, summarizeCatalog, summarizeCloud } from '../../lib/catalog/summary';

const catalog = Catalog.DEFAULT;

describe('nearestRegions', () => {
  test('for a Sydney user: Asia-Pacific first, then the US east coast, then London (great-circle distance)', () => {
    // Sydney -> Tokyo ~7,800 km, Mumbai ~10,200 km, N. Virginia ~15,600 km, London ~17,000 km.
    expect(nearestRegions('ap-southeast-2', ['eu-west-2', 'us-east-1', 'ap-south-1', 'ap-northeast-1'])).toEqual(['ap-northeast-1', 'ap-south-1', 'us-east-1', 'eu-west-2']);
  });

  test('works the same on GCP and Azure region names', () => {
    expect(nearestRegions('australia-southeast1', ['europe-west4', 'us-central1', 'asia-southeast1'])).toEqual(['asia-southeast1', 'us-central1', 'europe-west4']);
    expect(nearestRegions('westeurope', ['eastus', 'northeurope', 'japaneast', 'swedencentral'])).toEqual(['northeurope', 'swedencentral', 'eastus', 'japaneast']);
  });

  test('regions without coordinates come last; an unknown region keeps the name order', () => {
    expect(nearestRegions('eastus', ['malaysiawest', 'westus', 'southcentralus'])).toEqual(['southcentralus', 'westus', 'malaysiawest']);
    expect(nearestRegions('eu-westt-1', ['us-east-1', 'eu-west-1', 'eu-central-1'])).toEqual(['eu-west-1', 'eu-central-1', 'us-east-1']);
  });

  test('reads coordinates from the catalog it is given', () => {
    const tiny = new Catalog({
      accelerators: [],
      machines: [],
      prices: [],
      regions: [
        { cloud: 'aws', region: 'here', coordinates: { latitude: 0, longitude: 0, source: 'https://example.com', asOf: '2026-01-01' }, source: 'https://example.com', asOf: '2026-01-01' },
        { cloud: 'aws', region: 'far', coordinates: { latitude: 0, longitude: 90, source: 'https://example.com', asOf: '2026-01-01' }, source: 'https://example.com', asOf: '2026-01-01' },
        { cloud: 'aws', region: 'near', coordinates: { latitude: 0, longitude: 1, source: 'https://example.com', asOf: '2026-01-01' }, source: 'https://example.com', asOf: '2026-01-01' },
      ],
    });
    expect(nearestRegions('here', ['far', 'near'], tiny)).toEqual(['near', 'far']);
  });

  test('great-circle distance: a quarter of the equator is ~10,008 km', () => {
    expect(greatCircleKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 90 })).toBeCloseTo(10007.5, 0);
    expect(greatCircleKm({ latitude: 51.5, longitude: -0.1 }, { latitude: 51.5, longitude: -0.1 })).toBe(0);
  });
});

describe('price age', () => {
  const at = new Date('2026-12-01T15:00:00Z');

  test('whole UTC days from asOf; a month-only date counts from the first of the month', () => {
    expect(priceAgeDays({ asOf: '2026-07-20' }, at)).toBe(134);
    expect(priceAgeDays({ asOf: '2026-07' }, at)).toBe(153);
    expect(priceAgeDays({ asOf: '2026-12-01' }, at)).toBe(0);
    expect(priceAgeDays({ asOf: '2026-12-02' }, at)).toBe(-1);
  });

  test('stale means older than 90 days (or the limit given)', () => {
    expect(PRICE_STALE_AFTER_DAYS).toBe(90);
    expect(isPriceStale({ asOf: '2026-09-02' }, at)).toBe(false); // 90 days
    expect(isPriceStale({ asOf: '2026-09-01' }, at)).toBe(true); // 91 days
    expect(isPriceStale({ asOf: '2026-11-01' }, at, 14)).toBe(true);
  });

  test('every price row of the catalog has a computable age', () => {
    for (const p of [...catalog.prices, ...catalog.cpuMachines]) expect(Number.isInteger(priceAgeDays(p, at))).toBe(true);
  });

  test('rejects an asOf that is not a date', () => {
    expect(() => priceAgeDays({ asOf: 'last week' }, at)).toThrow("asOf 'last week' is not YYYY-MM-DD or YYYY-MM");
  });
});

describe('catalog summary', () => {
  test('counts agree with the rows', () => {
    for (const s of summarizeCatalog(catalog)) {
      const prices = catalog.prices.filter((p) => p.cloud === s.cloud);
      expect(s.prices.rows).toBe(prices.length);
      expect(s.prices.spot).toBe(prices.filter((p) => p.spotHourlyUsd !== null).length);
      expect(s.machineTypes.length).toBe(catalog.machines.filter((m) => m.cloud === s.cloud).length);
      expect(s.regions.withAccelerators).toBe(new Set(prices.map((p) => p.region)).size);
      // Every price row counts for each source it cites, so the counts add up to at least the rows.
      const cited = s.sources.reduce((n, x) => n + (x.rows['prices.json'] ?? 0), 0);
      expect(cited).toBeGreaterThanOrEqual(prices.length);
      for (const p of prices) for (const c of citationsOf(p.source)) expect(s.sources.map((x) => x.source)).toContain(c);
    }
  });

  test('names the price files and their dates', () => {
    const aws = summarizeCloud(catalog, 'aws');
    expect(aws.sources.find((s) => s.source.includes('skypilot-catalog/catalogs/v9/aws/vms.csv'))?.asOf).toEqual(['2026-07-20']);
    // The Karpenter file that confirms the us-east-1 on-demand prices is listed too.
    expect(aws.sources.find((s) => s.source.includes('karpenter-provider-aws'))?.rows['prices.json']).toBeGreaterThan(10);
    expect(citationsOf('github:a/b/c.csv@0123456789abcdef ; spot: https://example.com/x ; note')).toEqual(['github:a/b/c.csv@0123456789abcdef', 'https://example.com/x']);
    expect(summarizeCloud(catalog, 'azure').prices).toMatchObject({ oldestAsOf: '2026-06-18', newestAsOf: '2026-06-18' });
    expect(CATALOG_API_VERSION).toBe('inferstack.dev/catalog/v1alpha1');
  });

  test('only the clouds asked for, in the usual order', () => {
    expect(summarizeCatalog(catalog, ['azure', 'aws']).map((s) => s.cloud)).toEqual(['aws', 'azure']);
  });
});
