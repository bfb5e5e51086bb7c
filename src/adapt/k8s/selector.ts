// Kubernetes label syntax and LabelSelector → the model's Selector tree.
import type { DocPath } from '../../load/document.js';
import { NAMESPACE_NAME_LABEL } from '../../model/k8s.js';
import type { Selector } from '../../model/policy.js';
import { K8S_CODES } from './codes.js';
import { type ObjectReader, describe, isObj, pathText } from './reader.js';

const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** True for a label key the API server accepts: `[prefix/]name`, prefix a DNS subdomain ≤ 253, name ≤ 63 chars. */
export function isValidLabelKey(key: string): boolean {
  const slash = key.indexOf('/');
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (slash >= 0) {
    const prefix = key.slice(0, slash);
    if (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)) return false;
  }
  return name.length > 0 && name.length <= 63 && NAME_PART.test(name);
}

/** True for a label value the API server accepts: empty, or ≤ 63 alphanumerics with `-_.` inside. */
export function isValidLabelValue(value: string): boolean {
  return value === '' || (value.length <= 63 && NAME_PART.test(value));
}

/** `kubernetes.io/metadata.name == ns`: how a namespaced policy or peer is scoped to its own namespace. */
export function namespaceIs(ns: string): Selector {
  return { op: 'eq', key: NAMESPACE_NAME_LABEL, value: ns };
}

/** Conjunction of selectors, simplified: no term = all, one term = itself, any `none` = none, `all` terms dropped. */
export function andSelectors(terms: readonly Selector[]): Selector {
  const kept = terms.filter((t) => t.op !== 'all');
  if (kept.some((t) => t.op === 'none')) return { op: 'none' };
  if (kept.length === 0) return { op: 'all' };
  if (kept.length === 1) return kept[0] as Selector;
  return { op: 'and', args: kept };
}

/**
 * Reports label keys/values at `path` that the API server would reject (error AKS1305). Returns false when any is
 * invalid. The labels are still used as written: the object is analysed, the error makes the run fail.
 */
export function checkLabels(r: ObjectReader, path: DocPath, labels: Readonly<Record<string, string>>): boolean {
  let ok = true;
  for (const [k, v] of Object.entries(labels)) {
    if (!isValidLabelKey(k)) {
      ok = false;
      r.error(K8S_CODES.INVALID_LABEL, [...path, k], `invalid label key "${k}"`,
        'a key is [prefix/]name: name ≤ 63 characters of [A-Za-z0-9-_.] starting and ending alphanumeric');
    }
    if (!isValidLabelValue(v)) {
      ok = false;
      r.error(K8S_CODES.INVALID_LABEL, [...path, k], `invalid label value "${v}" for key "${k}"`,
        'a value is empty or ≤ 63 characters of [A-Za-z0-9-_.] starting and ending alphanumeric');
    }
  }
  return ok;
}

const SELECTOR_FIELDS = ['matchLabels', 'matchExpressions'];

/**
 * Compiles a Kubernetes LabelSelector at `path`: matchLabels → `eq` terms, matchExpressions In/NotIn/Exists/
 * DoesNotExist → in/notin/has/nothas, all AND'ed; `{}` → all. Returns undefined when the field is absent (or null).
 *
 * Fail-safe choice: a selector the API server would reject (unknown operator, In without values, Exists with values,
 * invalid key or value, wrong types) is reported as an error and compiles to `none` (matches nothing), so a broken
 * allow peer grants nothing and a broken subject isolates nothing extra; the rest of the policy is still analysed.
 */
export function readLabelSelector(r: ObjectReader, path: DocPath): Selector | undefined {
  const raw = r.raw(path);
  if (raw === undefined || raw === null) return undefined;
  if (!isObj(raw)) {
    r.error(K8S_CODES.INVALID_SELECTOR, path, `${pathText(path)} must be a label selector object, found ${describe(raw)}`,
      'write {matchLabels: {...}} or {} for "everything"');
    return { op: 'none' };
  }
  let valid = true;
  const terms: Selector[] = [];
  for (const k of Object.keys(raw)) {
    if (!SELECTOR_FIELDS.includes(k)) {
      r.warning(K8S_CODES.UNKNOWN_FIELD, [...path, k], `unknown field ${pathText([...path, k])} in a label selector — ignored`,
        'a label selector has matchLabels and matchExpressions (a bare `key: value` belongs under matchLabels)');
    }
  }
  const ml = raw.matchLabels;
  if (ml !== undefined && ml !== null) {
    if (!isObj(ml)) {
      valid = false;
      r.error(K8S_CODES.INVALID_SELECTOR, [...path, 'matchLabels'], `matchLabels must be a map, found ${describe(ml)}`);
    } else {
      for (const key of Object.keys(ml).sort()) {
        const v = ml[key];
        if (typeof v !== 'string') {
          valid = false;
          r.error(K8S_CODES.INVALID_SELECTOR, [...path, 'matchLabels', key], `matchLabels.${key} must be a string, found ${describe(v)}`,
            'quote the value in YAML');
          continue;
        }
        if (!isValidLabelKey(key) || !isValidLabelValue(v)) {
          valid = false;
          r.error(K8S_CODES.INVALID_LABEL, [...path, 'matchLabels', key], `invalid label ${key}=${v} in a selector`,
            'label keys are [prefix/]name and values ≤ 63 characters of [A-Za-z0-9-_.] starting and ending alphanumeric');
          continue;
        }
        terms.push({ op: 'eq', key, value: v });
      }
    }
  }
  const me = raw.matchExpressions;
  if (me !== undefined && me !== null) {
    if (!Array.isArray(me)) {
      valid = false;
      r.error(K8S_CODES.INVALID_SELECTOR, [...path, 'matchExpressions'], `matchExpressions must be a list, found ${describe(me)}`);
    } else {
      me.forEach((e: unknown, i: number) => {
        const t = readExpression(r, [...path, 'matchExpressions', i], e);
        if (t === undefined) valid = false;
        else terms.push(t);
      });
    }
  }
  return valid ? andSelectors(terms) : { op: 'none' };
}

function readExpression(r: ObjectReader, path: DocPath, e: unknown): Selector | undefined {
  if (!isObj(e)) {
    r.error(K8S_CODES.INVALID_SELECTOR, path, `a match expression must be an object, found ${describe(e)}`);
    return undefined;
  }
  const key = e.key;
  const op = e.operator;
  const values = e.values;
  if (typeof key !== 'string' || !isValidLabelKey(key)) {
    r.error(K8S_CODES.INVALID_SELECTOR, [...path, 'key'], `match expression key ${describe(key)} is not a valid label key`);
    return undefined;
  }
  let vals: string[] = [];
  if (values !== undefined && values !== null) {
    if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) {
      r.error(K8S_CODES.INVALID_SELECTOR, [...path, 'values'], 'values must be a list of strings', 'quote numbers in YAML');
      return undefined;
    }
    vals = [...new Set(values as string[])].sort();
    const bad = vals.find((v) => !isValidLabelValue(v));
    if (bad !== undefined) {
      r.error(K8S_CODES.INVALID_LABEL, [...path, 'values'], `invalid label value "${bad}" in a match expression`);
      return undefined;
    }
  }
  switch (op) {
    case 'In':
    case 'NotIn':
      if (vals.length === 0) {
        r.error(K8S_CODES.INVALID_SELECTOR, [...path, 'operator'], `operator ${op} needs at least one value`,
          'add values, or use Exists / DoesNotExist');
        return undefined;
      }
      return op === 'In' ? { op: 'in', key, values: vals } : { op: 'notin', key, values: vals };
    case 'Exists':
    case 'DoesNotExist':
      if (vals.length > 0) {
        r.error(K8S_CODES.INVALID_SELECTOR, [...path, 'values'], `operator ${op} must not have values`,
          'remove values, or use In / NotIn');
        return undefined;
      }
      return op === 'Exists' ? { op: 'has', key } : { op: 'nothas', key };
    default:
      r.error(K8S_CODES.INVALID_SELECTOR, [...path, 'operator'], `unknown selector operator ${describe(op)}`,
        'use In, NotIn, Exists or DoesNotExist (case-sensitive); this selector matches nothing');
      return undefined;
  }
}
