import type { Matcher, Pattern } from '../pattern.types.ts';
import { buildTrie, type TrieNode } from './path-trie.ts';
import { buildValueIndex, matcherKey, type ValueIndex } from './value-index.ts';

// Rules → one shared structure. Every combination of every rule becomes a sub-rule; identical field conditions
// (same path, same values) are stored once and evaluated once per event however many rules use them. A sub-rule
// matches, first approximation, when all its conditions hold: counting how many of its "strict" conditions (no
// exists:false) were satisfied finds the candidates without looking at the others (see match-rules.ts).

export type Condition = {
  readonly path: number;
  readonly absent: boolean;
  /** Sub-rules counting this condition (it has no exists:false). */
  readonly fan: number[];
};

export type SubRule = {
  readonly rule: number;
  /** In path order, the order the array-consistent search must follow. */
  readonly conditions: readonly number[];
  readonly strictCount: number;
};

export type CompiledRules = {
  readonly names: readonly string[];
  readonly trie: TrieNode;
  readonly indexes: readonly ValueIndex[];
  readonly conditions: readonly Condition[];
  readonly subRules: readonly SubRule[];
  /** Sub-rules made only of exists:false conditions: candidates for every event. */
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
      const sub = subRules.length;
      const ids = alternative.map((c) => {
        const key = `${c.path}\u0000${c.absent}\u0000${c.matchers.map(matcherKey).sort().join('\u0000')}`;
        let id = conditionIds.get(key);
        if (id === undefined) {
          id = conditions.length;
          conditionIds.set(key, id);
          const path = pathId(c.path);
          conditions.push({ path, absent: c.absent, fan: [] });
          for (const matcher of c.matchers) byPath[path]?.push({ matcher, condition: id });
        }
        return id;
      });
      const strict = ids.filter((id) => conditions[id]?.absent === false);
      for (const id of strict) conditions[id]?.fan.push(sub);
      subRules.push({ rule, conditions: ids, strictCount: strict.length });
      if (strict.length === 0) unconditional.push(sub);
    }
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
