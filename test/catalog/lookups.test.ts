/** Catalog lookups users see through validation and reports: nearest regions, price age, the summary. */
import { Catalog, greatCircleKm, nearestRegions } from '../../lib/catalog';

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
