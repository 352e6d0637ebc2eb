import { MAX_DEPTH } from '../flatten-event.ts';
import type { Scalar } from '../pattern.types.ts';

// The field paths used by the rules, as a trie over event keys, so an event is visited only along those paths.
// event-ruler names a field by joining keys with '.', so the path "a.b.c" is reached through the keys a/b/c but
// also through "a.b"/c, a/"b.c" and "a.b.c": each node therefore has a child for every run of segments.

// Children live in a plain object rather than a Map: keyed loads from small fast-mode objects are cheaper than Map
// lookups. Inherited properties (toString, ...) are told apart by the `node` marker, and "__proto__", which an
// object literal cannot hold as a plain key, gets a slot of its own.
export type TrieNode = {
  readonly node: true;
  leaf: number;
  readonly children: Record<string, TrieNode>;
  proto: TrieNode | undefined;
  hasChildren: boolean;
};

const newNode = (): TrieNode => ({ node: true, leaf: -1, children: {}, proto: undefined, hasChildren: false });

const setChild = (parent: TrieNode, key: string, child: TrieNode) => {
  parent.hasChildren = true;
  if (key === '__proto__') parent.proto = child;
  else parent.children[key] = child;
};

export const buildTrie = (paths: readonly string[]): TrieNode => {
  const root = newNode();
  const nodes = new Map<string, TrieNode>(); // by prefix text; the root (no key yet) is kept apart
  const nodeAt = (segments: readonly string[], depth: number): TrieNode => {
    if (depth === 0) return root;
    const prefix = segments.slice(0, depth).join('.');
    let node = nodes.get(prefix);
    if (node === undefined) {
      node = newNode();
      nodes.set(prefix, node);
    }
    return node;
  };
  paths.forEach((path, id) => {
    const segments = path.split('.');
    for (let from = 0; from < segments.length; from++)
      for (let to = from + 1; to <= segments.length; to++)
        setChild(nodeAt(segments, from), segments.slice(from, to).join('.'), nodeAt(segments, to));
    nodeAt(segments, segments.length).leaf = id;
  });
  return root;
};

/** Receives each leaf value on a used path, with the innermost array element holding it (-1 when none). */
export type Sink = {
  value(path: number, value: Scalar, element: number): void;
  /** A new array element (object or array inside an array); returns its id. */
  element(array: number, index: number, parent: number): number;
  /** A new array; returns its id. */
  array(): number;
};

const ownValue = (object: Record<string, unknown>, key: string): unknown =>
  // JSON.parse stores "__proto__" as an own data property that plain property access would not return.
  key === '__proto__' ? Object.getOwnPropertyDescriptor(object, key)?.value : object[key];

const visit = (value: unknown, node: TrieNode, element: number, sink: Sink, depth: number): void => {
  if (typeof value === 'object' && value !== null) {
    if (depth >= MAX_DEPTH) return;
    if (Array.isArray(value)) {
      const array = sink.array();
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (typeof item === 'object' && item !== null)
          visit(item, node, sink.element(array, i, element), sink, depth + 1);
        else if (node.leaf >= 0) leaf(item, node.leaf, element, sink);
      }
    } else if (node.hasChildren) walk(value as Record<string, unknown>, node, element, sink, depth);
  } else if (node.leaf >= 0) leaf(value, node.leaf, element, sink);
};

const leaf = (value: unknown, path: number, element: number, sink: Sink) => {
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) sink.value(path, value, element);
  else if (typeof value === 'number' && Number.isFinite(value)) sink.value(path, value, element);
};

export const walk = (object: Record<string, unknown>, node: TrieNode, element: number, sink: Sink, depth = 0): void => {
  const children = node.children;
  for (const key in object) {
    const child = key === '__proto__' ? node.proto : children[key];
    if (child !== undefined && child.node === true) visit(ownValue(object, key), child, element, sink, depth + 1);
  }
};
