import type { Json } from '../types.ts';

// Workflow variables (Assign). The top-level states share one scope; each Parallel branch and inline
// Map iteration gets a child scope that reads outer variables but writes only its own (an inner
// Assign shadows, it never changes the outer value). A distributed Map iteration starts empty.

export type VariableScope = { readonly parent: VariableScope | undefined; readonly values: Map<string, Json> };

export const rootScope = (): VariableScope => ({ parent: undefined, values: new Map() });

export const childScope = (parent: VariableScope | undefined): VariableScope => ({ parent, values: new Map() });

export const lookupVariable = (scope: VariableScope, name: string): Json | undefined => {
  for (let s: VariableScope | undefined = scope; s !== undefined; s = s.parent) {
    const v = s.values.get(name);
    if (v !== undefined) return v;
  }
  return undefined;
};

/** Every visible variable, inner values hiding outer ones, for JSONata bindings. */
export const visibleVariables = (scope: VariableScope): Record<string, Json> => {
  const chain: VariableScope[] = [];
  for (let s: VariableScope | undefined = scope; s !== undefined; s = s.parent) chain.unshift(s);
  const out: Record<string, Json> = {};
  for (const s of chain) for (const [k, v] of s.values) out[k] = v;
  return out;
};

export const assignVariables = (scope: VariableScope, values: Record<string, Json>): void => {
  for (const [k, v] of Object.entries(values)) scope.values.set(k, v);
};
