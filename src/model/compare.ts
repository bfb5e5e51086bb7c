// The orderings every printed list uses. Plain code-unit order, never locale-aware, so output is the same on every
// machine (and matches Go's sort.Strings for ASCII, which netpol-analyzer's output follows).

/** Orders two strings by UTF-16 code units: negative when `a` sorts first, 0 when equal, positive otherwise. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A comparator that orders values by a string key (compareText on `key(value)`). */
export function byKey<T>(key: (t: T) => string): (a: T, b: T) => number {
  return (a, b) => compareText(key(a), key(b));
}

/** Orders values by their `id` field (compareText). */
export function compareById(a: { readonly id: string }, b: { readonly id: string }): number {
  return compareText(a.id, b.id);
}

/** Orders values by their `name` field (compareText). */
export function compareByName(a: { readonly name: string }, b: { readonly name: string }): number {
  return compareText(a.name, b.name);
}
