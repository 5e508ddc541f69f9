// Validates Kubernetes objects against their published schemas: kubernetes-models for core
// kinds, @kubernetes-models/keda for KEDA. Both packages are ESM-only, which Jest's CommonJS
// resolver cannot load, so the tests run this script with Node and read its JSON verdict.
// stdin: JSON array of objects; stdout: JSON array of { index, kind, name, error } for failures.
import { readFileSync } from 'node:fs';

const modulePath = (apiVersion, kind) => {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (group === 'keda.sh') return `@kubernetes-models/keda/keda.sh/${version}/${kind}`;
  return group ? `kubernetes-models/${group}/${version}/${kind}` : `kubernetes-models/${version}/${kind}`;
};

const objects = JSON.parse(readFileSync(0, 'utf8'));
const failures = [];
for (const [index, object] of objects.entries()) {
  const where = { index, kind: object.kind, name: object.metadata?.name };
  let Model;
  try {
    Model = (await import(modulePath(object.apiVersion, object.kind)))[object.kind];
  } catch {
    failures.push({ ...where, error: `no schema model for ${object.apiVersion} ${object.kind}` });
    continue;
  }
  try {
    new Model(object).validate();
  } catch (e) {
    failures.push({ ...where, error: e.message });
  }
}
process.stdout.write(JSON.stringify(failures));
