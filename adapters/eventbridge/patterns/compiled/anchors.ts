import type { Condition, SubRule } from './compile-rules.ts';

// Which sub-rules to look at when a condition fires. Each sub-rule sits under one of its strict conditions: first
// the compile-time guess (compile-rules.ts), then, once some events have been seen, the strict condition that
// fired least often so far. Any strict condition is a correct anchor (all must fire), so re-anchoring changes
// only how many sub-rules are looked at, never the result.

export type Anchors = {
  /** Per condition, the sub-rules anchored on it (mutated by `observe`). */
  readonly anchored: readonly number[][];
  /** How many times each condition fired; the matcher increments it. */
  readonly fired: Float64Array;
  /** Call once per event; re-anchors after 256, 4096 and 65536 events, then every 65536. */
  observe(): void;
};

export const createAnchors = (conditions: readonly Condition[], subRules: readonly SubRule[]): Anchors => {
  const anchored = conditions.map((c) => [...c.anchored]);
  const anchorOf = new Int32Array(subRules.length).fill(-1);
  anchored.forEach((subs, c) => {
    for (const s of subs) anchorOf[s] = c;
  });
  const fired = new Float64Array(conditions.length);
  let seen = 0;
  let next = 256;

  const relearn = () => {
    subRules.forEach((sub, s) => {
      const current = anchorOf[s] as number;
      if (current === -1) return; // only exists:false conditions: looked at for every event anyway
      let best = current;
      for (const c of sub.conditions)
        if (conditions[c]?.absent === false && (fired[c] as number) < (fired[best] as number)) best = c;
      if (best === current) return;
      const list = anchored[current] as number[];
      list.splice(list.indexOf(s), 1);
      anchored[best]?.push(s);
      anchorOf[s] = best;
    });
    next = next < 65_536 ? next * 16 : next + 65_536;
  };

  return {
    anchored,
    fired,
    observe: () => {
      if (++seen === next) relearn();
    },
  };
};
