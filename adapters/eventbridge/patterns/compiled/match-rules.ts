import type { Scalar } from '../pattern.types.ts';
import { createAnchors } from './anchors.ts';
import type { CompiledRules } from './compile-rules.ts';
import { type Sink, walk } from './path-trie.ts';
import { probe } from './value-index.ts';

// Matching one event against compiled rules, with per-rule-set scratch memory reused across events (entries are
// stamped with an epoch instead of being cleared). Steps:
// 1. walk the event along used paths; each leaf value probes its path's index and marks the conditions it
//    satisfies; when a condition first fires, the sub-rules anchored on it become candidates (anchors.ts);
// 2. accept a candidate when all its strict conditions fired and its exists:false ones hold, except when two or
//    more of its conditions read values inside array elements: then array consistency is decided by a
//    backtracking search over the recorded (condition, value) pairs, in path order, as event-ruler does.

const grow = (a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> => {
  if (need < a.length) return a;
  const b = new Int32Array(Math.max(need + 1, a.length * 2));
  b.set(a);
  return b;
};

export const createMatcher = (rules: CompiledRules): ((event: Record<string, unknown>) => string[]) => {
  const { conditions, subRules, indexes, names } = rules;
  const subRuleOf = Int32Array.from(subRules, (s) => s.rule);
  // Conditions of sub-rule s: flat[start[s]] .. flat[start[s + 1] - 1], in path order.
  const start = new Int32Array(subRules.length + 1);
  subRules.forEach((s, i) => {
    start[i + 1] = (start[i] as number) + s.conditions.length;
  });
  const flat = Int32Array.from(subRules.flatMap((s) => s.conditions));
  const pathOf = Int32Array.from(conditions, (c) => c.path);
  const { anchored, fired, observe } = createAnchors(conditions, subRules);
  const absent = conditions.map((c) => c.absent);

  let epoch = 0;
  const pathEpoch = new Uint32Array(indexes.length);
  const pathFree = new Int32Array(indexes.length); // values outside any array element
  const pathHead = new Int32Array(indexes.length); // values inside array elements, as a linked list of entries
  const condEpoch = new Uint32Array(conditions.length);
  const condFreeEpoch = new Uint32Array(conditions.length);
  const condPairsEpoch = new Uint32Array(conditions.length);
  const condHead = new Int32Array(conditions.length);
  const ruleEpoch = new Uint32Array(names.length);

  let entryElement = new Int32Array(64);
  let entryNext = new Int32Array(64);
  let entries = 0;
  let elementArray = new Int32Array(64);
  let elementIndex = new Int32Array(64);
  let elementParent = new Int32Array(64);
  let elements = 0;
  let arrays = 0;
  let pairEntry = new Int32Array(256);
  let pairNext = new Int32Array(256);
  let pairs = 0;
  let bound = new Int32Array(64).fill(-1); // array id → element index bound by the search, or -1
  const undo: number[] = [];
  // Sub-rules to look at for this event; each is anchored once, so there are never more than all of them.
  const candidates = new Int32Array(subRules.length);
  let candidateCount = 0;
  let entry = -1;

  const satisfy = (list: number[]) => {
    for (let k = 0; k < list.length; k++) {
      const c = list[k] as number;
      if (entry === -1) condFreeEpoch[c] = epoch;
      else {
        if (condPairsEpoch[c] !== epoch) {
          condPairsEpoch[c] = epoch;
          condHead[c] = -1;
        }
        pairEntry = grow(pairEntry, pairs);
        pairNext = grow(pairNext, pairs);
        pairEntry[pairs] = entry;
        pairNext[pairs] = condHead[c] as number;
        condHead[c] = pairs++;
      }
      if (condEpoch[c] === epoch) continue;
      condEpoch[c] = epoch;
      fired[c] = (fired[c] as number) + 1;
      const subs = anchored[c] as number[];
      for (let f = 0; f < subs.length; f++) candidates[candidateCount++] = subs[f] as number;
    }
  };

  const sink: Sink = {
    value(path: number, value: Scalar, element: number) {
      if (pathEpoch[path] !== epoch) {
        pathEpoch[path] = epoch;
        pathFree[path] = 0;
        pathHead[path] = -1;
      }
      if (element === -1) {
        pathFree[path] = (pathFree[path] as number) + 1;
        entry = -1;
      } else {
        entryElement = grow(entryElement, entries);
        entryNext = grow(entryNext, entries);
        entryElement[entries] = element;
        entryNext[entries] = pathHead[path] as number;
        pathHead[path] = entry = entries++;
      }
      probe(indexes[path] as (typeof indexes)[number], value, satisfy);
    },
    element(array: number, index: number, parent: number) {
      elementArray = grow(elementArray, elements);
      elementIndex = grow(elementIndex, elements);
      elementParent = grow(elementParent, elements);
      elementArray[elements] = array;
      elementIndex[elements] = index;
      elementParent[elements] = parent;
      return elements++;
    },
    array() {
      if (arrays >= bound.length) bound = grow(bound, arrays).fill(-1, bound.length);
      return arrays++;
    },
  };

  const consistent = (e: number): boolean => {
    for (let n = entryElement[e] as number; n !== -1; n = elementParent[n] as number) {
      const b = bound[elementArray[n] as number] as number;
      if (b !== -1 && b !== elementIndex[n]) return false;
    }
    return true;
  };
  const bind = (e: number) => {
    for (let n = entryElement[e] as number; n !== -1; n = elementParent[n] as number) {
      const a = elementArray[n] as number;
      if (bound[a] === -1) {
        bound[a] = elementIndex[n] as number;
        undo.push(a);
      }
    }
  };
  const unbind = (mark: number) => {
    while (undo.length > mark) bound[undo.pop() as number] = -1;
  };
  const inElements = (c: number) => pathEpoch[pathOf[c] as number] === epoch && pathHead[pathOf[c] as number] !== -1;

  const search = (s: number, from: number): boolean => {
    const end = start[s + 1] as number;
    let i = from;
    while (i < end && !inElements(flat[i] as number)) i++;
    if (i === end) return true;
    const c = flat[i] as number;
    if (condFreeEpoch[c] === epoch && search(s, i + 1)) return true;
    if (condPairsEpoch[c] === epoch)
      for (let p = condHead[c] as number; p !== -1; p = pairNext[p] as number) {
        const e = pairEntry[p] as number;
        if (!consistent(e)) continue;
        const mark = undo.length;
        bind(e);
        const found = search(s, i + 1);
        unbind(mark);
        if (found) return true;
      }
    if (!absent[c] || pathFree[pathOf[c] as number] !== 0) return false;
    for (let e = pathHead[pathOf[c] as number] as number; e !== -1; e = entryNext[e] as number)
      if (consistent(e)) return false;
    return search(s, i + 1);
  };

  // Every strict condition must have fired; exists:false holds when it fired or its path has no value. When two
  // or more conditions read values inside array elements, the search settles array consistency.
  const accept = (s: number): boolean => {
    const end = start[s + 1] as number;
    let inside = 0;
    for (let k = start[s] as number; k < end; k++) {
      const c = flat[k] as number;
      const fired = condEpoch[c] === epoch;
      if (!absent[c]) {
        if (!fired) return false;
        if (inElements(c)) inside++;
      } else if (inElements(c)) inside++;
      else if (!fired && pathEpoch[pathOf[c] as number] === epoch) return false;
    }
    if (inside >= 2) return search(s, start[s] as number);
    for (let k = start[s] as number; k < end; k++) {
      const c = flat[k] as number;
      if (absent[c] && condEpoch[c] !== epoch && inElements(c)) return false;
    }
    return true;
  };

  const matched = new Int32Array(names.length); // rule indexes matched by this event
  let matchedCount = 0;
  const consider = (s: number) => {
    const r = subRuleOf[s] as number;
    if (ruleEpoch[r] !== epoch && accept(s)) {
      ruleEpoch[r] = epoch;
      matched[matchedCount++] = r;
    }
  };

  const stamps = [pathEpoch, condEpoch, condFreeEpoch, condPairsEpoch, ruleEpoch];
  return (event) => {
    observe();
    if (++epoch === 0xffffffff) {
      // Stamps are 32-bit: start over rather than let an old stamp pass for the current event.
      for (const stamp of stamps) stamp.fill(0);
      epoch = 1;
    }
    entries = elements = arrays = pairs = 0;
    candidateCount = 0;
    walk(event, rules.trie, -1, sink);
    matchedCount = 0;
    for (let i = 0; i < candidateCount; i++) consider(candidates[i] as number);
    for (const s of rules.unconditional) consider(s);
    // Insertion sort: a handful of small integers, cheaper than sort() with a comparator.
    for (let i = 1; i < matchedCount; i++) {
      const r = matched[i] as number;
      let j = i - 1;
      for (; j >= 0 && (matched[j] as number) > r; j--) matched[j + 1] = matched[j] as number;
      matched[j + 1] = r;
    }
    const out = new Array<string>(matchedCount);
    for (let i = 0; i < matchedCount; i++) out[i] = names[matched[i] as number] as string;
    return out;
  };
};
