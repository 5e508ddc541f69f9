/** `network.routerClients`: NetworkPolicy peers for the router, checked with their paths. */
import { formatIssue } from '../../lib/spec/errors';
import { validateSpec } from '../../lib/spec/validate';
import { specWith } from '../support/specs';

const messages = (input: unknown): string[] => {
  const r = validateSpec(input);
  return r.ok ? [] : r.issues.map((i) => formatIssue(i));
};
const withClients = (routerClients: unknown) => specWith((s) => (s.network = { routerClients }));

test('namespaces, pods and IP ranges are accepted as written', () => {
  const clients = [
    { namespaceLabels: { 'kubernetes.io/metadata.name': 'web' }, podLabels: { app: 'api' } },
    { namespaceLabels: {} },
    { podLabels: { 'example.com/role': 'client' } },
    { cidr: '10.0.0.0/16' },
    { cidr: 'fd00::/8' },
  ];
  const r = validateSpec(withClients(clients));
  expect(r.ok && r.spec.network).toEqual({ routerClients: clients });
});

const cases: [string, unknown, string[]][] = [
  ['not a CIDR', [{ cidr: '10.0.0.0' }], ["spec.network.routerClients[0].cidr: '10.0.0.0' is not a CIDR block like 10.0.0.0/16 or fd00::/8"]],
  ['an octet out of range', [{ cidr: '10.0.300.0/24' }], ["spec.network.routerClients[0].cidr: '10.0.300.0/24' is not a CIDR block like 10.0.0.0/16 or fd00::/8"]],
  ['an empty peer', [{}], ['spec.network.routerClients[0]: give either cidr, or namespaceLabels and/or podLabels (e.g. { namespaceLabels: { kubernetes.io/metadata.name: web } })']],
  ['a CIDR mixed with selectors', [{ cidr: '10.0.0.0/8', podLabels: { app: 'x' } }], ['spec.network.routerClients[0]: give either cidr, or namespaceLabels and/or podLabels (e.g. { namespaceLabels: { kubernetes.io/metadata.name: web } })']],
  ['a bad label key', [{ podLabels: { 'app name': 'x' } }], [`spec.network.routerClients[0].podLabels["app name"]: 'app name' is not a Kubernetes label key: [prefix/]name, the name at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`]],
  ['a bad label value', [{ namespaceLabels: { team: 'web-' } }], ["spec.network.routerClients[0].namespaceLabels.team: 'web-' is not a Kubernetes label value: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit"]],
  ['an empty list', [], ['spec.network.routerClients: needs at least one client; leave routerClients out to allow every namespace of the cluster']],
];

test.each(cases)('%s', (_name, clients, expected) => {
  expect(messages(withClients(clients))).toEqual(expected);
});

test('router clients without an online model: there is no router to reach', () => {
  const spec = specWith((s) => {
    s.models = s.models.filter((m: { serve?: string }) => m.serve === 'queue');
    delete s.routing;
    s.network = { routerClients: [{ cidr: '10.0.0.0/16' }] };
  });
  expect(messages(spec)).toEqual(['spec.network.routerClients: routerClients is set but no model has serve: online, so there is no router to reach; remove network.routerClients']);
});
