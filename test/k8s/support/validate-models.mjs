// Validates Kubernetes objects against their published schemas: kubernetes-models for core
// kinds, @kubernetes-models/keda for KEDA. Both packages are ESM-only, which Jest's CommonJS
// resolver cannot load, so the tests run this script with Node and read its JSON verdict.
// stdin: JSON array of objects; stdout: JSON array of { index, kind, name, error } for failures.
//
// The generated validators check types, enums and required fields but ignore fields the schema
// does not declare, so a misspelt field (`identityOwnr`, `stabilisationWindowSeconds`) would pass
// while the API server drops or rejects it. Like `kubectl apply --validate=strict`, this script
// also reports every field the schema does not know: the validator reads each field its schema
// declares, so a field it never reads is one the schema does not have.
import { readFileSync } from 'node:fs';

const modulePath = (apiVersion, kind) => {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (group === 'keda.sh') return `@kubernetes-models/keda/keda.sh/${version}/${kind}`;
  return group ? `kubernetes-models/${group}/${version}/${kind}` : `kubernetes-models/${version}/${kind}`;
};

/** `value` behind a proxy that records the path of every own field read, at any depth, in `read`. */
function recordingReads(value, path, read) {
  if (value === null || typeof value !== 'object') return value;
  const children = new Map();
  return new Proxy(value, {
    get(target, key, receiver) {
      const field = Reflect.get(target, key, receiver);
      if (typeof key !== 'string' || !Object.prototype.hasOwnProperty.call(target, key)) return field;
      const fieldPath = `${path}/${key}`;
      read.add(fieldPath);
      if (!children.has(key)) children.set(key, recordingReads(field, fieldPath, read));
      return children.get(key);
    },
  });
}

/** Paths of the fields of `value` the validator never read (unknown to the schema). */
function unreadFields(value, path, read, out = []) {
  if (value === null || typeof value !== 'object') return out;
  for (const [key, field] of Object.entries(value)) {
    const fieldPath = `${path}/${key}`;
    if (read.has(fieldPath)) unreadFields(field, fieldPath, read, out);
    else out.push(fieldPath);
  }
  return out;
}

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
  const read = new Set();
  try {
    recordingReads(new Model(object), '', read).validate();
  } catch (e) {
    failures.push({ ...where, error: e.message });
    continue;
  }
  for (const path of unreadFields(object, '', read)) failures.push({ ...where, error: `unknown field ${path}` });
}
process.stdout.write(JSON.stringify(failures));
