import { isObject } from '../json.ts';

// Transitions of one machine: Next, Default, every Choice rule's Next and every catcher's Next.

const targets = (state: unknown): string[] => {
  if (!isObject(state)) return [];
  const out: string[] = [];
  const add = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
  };
  add(state.Next);
  add(state.Default);
  if (Array.isArray(state.Choices)) for (const r of state.Choices) if (isObject(r)) add(r.Next);
  if (Array.isArray(state.Catch)) for (const c of state.Catch) if (isObject(c)) add(c.Next);
  return out;
};

export const reachableStates = (startAt: string, states: Record<string, unknown>): Set<string> => {
  const seen = new Set<string>();
  const queue = [startAt];
  while (queue.length > 0) {
    const name = queue.pop() as string;
    if (seen.has(name) || !Object.hasOwn(states, name)) continue;
    seen.add(name);
    queue.push(...targets(states[name]));
  }
  return seen;
};

export const isTerminal = (state: unknown): boolean =>
  isObject(state) && (state.End === true || state.Type === 'Succeed' || state.Type === 'Fail');
