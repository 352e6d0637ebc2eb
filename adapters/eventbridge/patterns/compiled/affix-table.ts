// Items keyed by a prefix (or a suffix) of the value, as a radix tree: edges carry whole runs of characters and
// branch on one character code, so a value walks at most as many edges as its matching affixes have branch points,
// with no slicing and no string hashing. A value sharing no first character with any affix stops at the root.

type Node<T> = { label: string; items: T[]; children: Map<number, Node<T>> };

export type AffixTable<T> = { readonly root: Node<T> | undefined; readonly end: boolean };

const insert = <T>(root: Node<T>, affix: string, item: T, end: boolean) => {
  let node = root;
  const chars = end ? affix.split('').reverse().join('') : affix; // by code unit, as lookups compare
  for (let i = 0; i < chars.length; i++) {
    const code = chars.charCodeAt(i);
    let child = node.children.get(code);
    if (child === undefined) {
      child = { label: chars[i] as string, items: [], children: new Map() };
      node.children.set(code, child);
    }
    node = child;
  }
  node.items.push(item);
};

/** Merges chains of single-child nodes without items into one edge. */
const compress = <T>(node: Node<T>): Node<T> => {
  for (const [code, child] of node.children) {
    let merged = child;
    while (merged.items.length === 0 && merged.children.size === 1) {
      const only = [...merged.children.values()][0] as Node<T>;
      merged = { label: merged.label + only.label, items: only.items, children: only.children };
    }
    node.children.set(code, compress(merged));
  }
  return node;
};

export const affixTable = <T>(byAffix: ReadonlyMap<string, T>, side: 'start' | 'end'): AffixTable<T> => {
  const end = side === 'end';
  if (byAffix.size === 0) return { root: undefined, end };
  const root: Node<T> = { label: '', items: [], children: new Map() };
  for (const [affix, item] of byAffix) insert(root, affix, item, end);
  return { root: compress(root), end };
};

// Labels of suffix trees are stored reversed; this compares one against the value read backwards from `at`.
const endsAt = (value: string, label: string, at: number): boolean => {
  if (label.length > at) return false;
  for (let i = 0; i < label.length; i++) if (value.charCodeAt(at - 1 - i) !== label.charCodeAt(i)) return false;
  return true;
};

/** Calls `found(item, value, extra)` for each item whose affix `value` has (`extra` spares a closure per call). */
export const lookupAffixes = <T, X>(
  table: AffixTable<T>,
  value: string,
  found: (item: T, value: string, extra: X) => void,
  extra: X,
): void => {
  let node = table.root;
  if (node === undefined) return;
  let at = table.end ? value.length : 0;
  for (;;) {
    const items = node.items;
    for (let i = 0; i < items.length; i++) found(items[i] as T, value, extra);
    if (table.end ? at === 0 : at === value.length) return;
    const child: Node<T> | undefined = node.children.get(value.charCodeAt(table.end ? at - 1 : at));
    if (child === undefined) return;
    if (table.end) {
      if (!endsAt(value, child.label, at)) return;
      at -= child.label.length;
    } else {
      if (!value.startsWith(child.label, at)) return;
      at += child.label.length;
    }
    node = child;
  }
};
