import type { Field, FlatEvent } from './flatten-event.ts';
import { matchesValue } from './match-value.ts';
import type { Alternative, Pattern } from './pattern.types.ts';

// The reference matcher: a direct transcription of event-ruler's array-consistent search (ACFinder). Conditions
// are taken in path order; each either binds one field value that satisfies it and is consistent with the array
// elements bound so far, or, when it allows absence, holds if no field of that path is consistent with them.
// Because absence is judged against the elements bound *so far*, `{"exists": false}` on a path that sorts before
// its sibling conditions sees every element of the array, and on a later path only the bound element.

type Binding = Map<number, number>;

const consistent = (bound: Binding, field: Field): boolean => {
  for (const [array, index] of field.membership) {
    const mine = bound.get(array);
    if (mine !== undefined && mine !== index) return false;
  }
  return true;
};

const matchAlternative = (conditions: Alternative, event: FlatEvent): boolean => {
  const bound: Binding = new Map();
  const search = (i: number): boolean => {
    const condition = conditions[i];
    if (condition === undefined) return true;
    const fields = event.get(condition.path) ?? [];
    for (const field of fields) {
      if (!consistent(bound, field) || !condition.matchers.some((m) => matchesValue(m, field.value))) continue;
      const added = [...field.membership].filter(([array]) => !bound.has(array));
      for (const [array, index] of added) bound.set(array, index);
      const found = search(i + 1);
      for (const [array] of added) bound.delete(array);
      if (found) return true;
    }
    return condition.absent && !fields.some((f) => consistent(bound, f)) && search(i + 1);
  };
  return search(0);
};

export const matchDirect = (pattern: Pattern, event: FlatEvent): boolean =>
  pattern.alternatives.some((alternative) => matchAlternative(alternative, event));
