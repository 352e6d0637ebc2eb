import type { Matcher, Pattern } from '../pattern.types.ts';
import { buildTrie, type TrieNode } from './path-trie.ts';
import { buildValueIndex, matcherKey, type ValueIndex } from './value-index.ts';

// Rules → one shared structure. Every combination of every rule becomes a sub-rule; identical field conditions
// (same path, same values) are stored once and evaluated once per event however many rules use them. Each
// sub-rule is filed under one "anchor": the strict condition (no exists:false) shared by the fewest sub-rules,
// a cheap guess at the rarest. Only when its anchor holds is a sub-rule looked at (see match-rules.ts).

export type Condition = {
  readonly path: number;
  readonly absent: boolean;
  /** Sub-rules anchored on this condition. */
  readonly anchored: number[];
};

export type SubRule = {
  readonly rule: number;
  /** In path order, the order the array-consistent search must follow. */
  readonly conditions: readonly number[];
};

export type CompiledRules = {
  readonly names: readonly string[];
  readonly trie: TrieNode;
  readonly indexes: readonly ValueIndex[];
  readonly conditions: readonly Condition[];
  readonly subRules: readonly SubRule[];
  /** Sub-rules made only of exists:false conditions (no anchor): candidates for every event. */
  readonly unconditional: readonly number[];
};

export const compilePatterns = (rules: readonly (readonly [string, Pattern])[]): CompiledRules => {
  const paths = new Map<string, number>();
  const conditionIds = new Map<string, number>();
  const conditions: Condition[] = [];
  const byPath: { matcher: Matcher; condition: number }[][] = [];
  const subRules: SubRule[] = [];
  const unconditional: number[] = [];

  const pathId = (path: string) => {
    let id = paths.get(path);
    if (id === undefined) {
      id = paths.size;
      paths.set(path, id);
      byPath.push([]);
    }
    return id;
  };

  rules.forEach(([, pattern], rule) => {
    for (const alternative of pattern.alternatives) {
      const ids = alternative.map((c) => {
        const key = `${c.path}\u0000${c.absent}\u0000${c.matchers.map(matcherKey).sort().join('\u0000')}`;
        let id = conditionIds.get(key);
        if (id === undefined) {
          id = conditions.length;
          conditionIds.set(key, id);
          const path = pathId(c.path);
          conditions.push({ path, absent: c.absent, anchored: [] });
          for (const matcher of c.matchers) byPath[path]?.push({ matcher, condition: id });
        }
        return id;
      });
      subRules.push({ rule, conditions: ids });
    }
  });

  const sharing = new Map<number, number>();
  for (const s of subRules) for (const id of s.conditions) sharing.set(id, (sharing.get(id) ?? 0) + 1);
  subRules.forEach((s, sub) => {
    const strict = s.conditions.filter((id) => conditions[id]?.absent === false);
    const anchor = strict.reduce<number | undefined>(
      (best, id) => (best === undefined || (sharing.get(id) ?? 0) < (sharing.get(best) ?? 0) ? id : best),
      undefined,
    );
    if (anchor === undefined) unconditional.push(sub);
    else conditions[anchor]?.anchored.push(sub);
  });

  return {
    names: rules.map(([name]) => name),
    trie: buildTrie([...paths.keys()]),
    indexes: byPath.map(buildValueIndex),
    conditions,
    subRules,
    unconditional,
  };
};
