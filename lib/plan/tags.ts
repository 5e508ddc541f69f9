/** Cost tags normalised per cloud, never silently merging two keys into one. */
import { SpecIssue } from '../spec/errors';
import { TagRules } from './capabilities';

export interface NormalisedTags {
  readonly tags: Record<string, string>;
  readonly issues: SpecIssue[];
}

const clean = (s: string, rules: TagRules, bad: RegExp, max: number): string => {
  let out = rules.lowercase ? s.toLowerCase() : s;
  if (rules.replaceInvalidWith !== null) out = out.replace(bad, rules.replaceInvalidWith);
  return out.slice(0, max);
};

/** A value as the cloud takes it: cleaned, cut, and (Kubernetes) without separators at its ends. */
const cleanValue = (s: string, rules: TagRules): string => {
  const v = clean(s, rules, rules.invalidValueChars, rules.valueMaxLength);
  return rules.trimValueEnds ? v.replace(rules.trimValueEnds, '') : v;
};

/**
 * Apply a cloud's tag rules. Invalid characters are replaced where the cloud allows it
 * (GCP labels: lowercase, `_`), otherwise reported; values are cut to the cloud's length and,
 * where values must start and end with a letter or digit (Kubernetes labels: `ml-` -> `ml`), lose
 * the separators at their ends. Two spec keys that become one key, and more tags than a resource
 * may carry, are errors.
 */
export function normaliseTags(input: Record<string, string>, rules: TagRules): NormalisedTags {
  const tags: Record<string, string> = {};
  const issues: SpecIssue[] = [];
  const origin = new Map<string, string>();
  // Messages name the cloud's noun ('GCP label', 'Azure tag', ...), so they say which target objects.
  const err = (key: string, message: string) => issues.push({ rule: 'tags-legal', path: ['tags', key], message });
  for (const [key, value] of Object.entries(input)) {
    if (rules.replaceInvalidWith === null) {
      const badKey = key.match(rules.invalidKeyChars);
      if (badKey) err(key, `${rules.noun} key '${key}' contains ${[...new Set(badKey)].map((c) => `'${c}'`).join(', ')}, which ${rules.noun}s do not allow; rename the key`);
      const badValue = value.match(rules.invalidValueChars);
      if (badValue) err(key, `${rules.noun} value '${value}' contains ${[...new Set(badValue)].map((c) => `'${c}'`).join(', ')}, which ${rules.noun}s do not allow`);
      if (key.length > rules.keyMaxLength) err(key, `${rules.noun} key is ${key.length} characters; the limit is ${rules.keyMaxLength}`);
      if (value.length > rules.valueMaxLength) err(key, `${rules.noun} value is ${value.length} characters; the limit is ${rules.valueMaxLength}`);
    }
    const k = clean(key, rules, rules.invalidKeyChars, rules.keyMaxLength);
    const v = cleanValue(value, rules);
    if (!rules.keyPattern.test(k)) err(key, `${rules.noun} key '${key}'${k === key ? '' : ` becomes '${k}', which`} does not ${rules.keyPatternHint}; rename the key`);
    const reserved = rules.reservedKeyPrefixes.find((p) => k.toLowerCase().startsWith(p));
    if (reserved) err(key, `${rules.noun} keys starting with '${reserved}' are reserved; rename the key`);
    const id = rules.caseInsensitiveKeys ? k.toLowerCase() : k;
    const prior = origin.get(id);
    if (prior !== undefined) {
      err(key, `tags '${prior}' and '${key}' both become ${rules.noun} '${k}'; rename one so they stay distinct`);
      continue;
    }
    origin.set(id, key);
    tags[k] = v;
  }
  const count = Object.keys(tags).length;
  if (rules.maxTags !== null && count > rules.maxTags) {
    issues.push({ rule: 'tags-legal', path: ['tags'], message: `${count} tags (inferstack's own included) exceed the ${rules.maxTags} ${rules.noun}s one resource may carry; remove ${count - rules.maxTags}` });
  }
  return { tags, issues };
}
