/**
 * A registry of named things (graders, sandboxes). Duplicate ids throw at registration; unknown
 * ids throw at lookup (never `undefined`), so a typo fails loudly at start-up or as a 400.
 */
export interface Registry<T extends { id: string }> {
  get(id: string): T;
  has(id: string): boolean;
  ids(): string[];
  all(): T[];
}

export class UnknownIdError extends Error {
  readonly id: string;
  constructor(kind: string, id: string, known: string[]) {
    super(`unknown ${kind} "${id}" (known: ${known.join(', ')})`);
    this.id = id;
  }
}

export function createRegistry<T extends { id: string }>(kind: string, items: readonly T[]): Registry<T> {
  const map = new Map<string, T>();
  for (const item of items) {
    if (map.has(item.id)) throw new Error(`duplicate ${kind} id "${item.id}"`);
    map.set(item.id, item);
  }
  return Object.freeze({
    get(id: string): T {
      const v = map.get(id);
      if (!v) throw new UnknownIdError(kind, id, [...map.keys()]);
      return v;
    },
    has: (id: string) => map.has(id),
    ids: () => [...map.keys()],
    all: () => [...map.values()],
  });
}
