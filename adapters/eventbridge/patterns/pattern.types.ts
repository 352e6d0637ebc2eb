// The compiled form of an EventBridge event pattern. A pattern is a disjunction of alternatives (one per
// combination of `$or` branches); an alternative is a conjunction of field conditions sorted by flattened path,
// which is the order in which event-ruler (AWS's matching engine) walks them. That order is observable: it decides
// against which array element an `{"exists": false}` is checked (see direct-match.ts).

export type PatternError = { kind: 'InvalidPattern'; message: string; path?: string };

export type Wildcard = {
  /** Literal pieces between `*`s, escapes resolved: `a*b*` → ['a', 'b', '']. One piece means no `*` at all. */
  readonly parts: readonly string[];
  readonly source: string;
};

/** A numeric interval over event-ruler's comparable numbers (±5e9, at most 6 decimals). */
export type NumericRange = {
  readonly kind: 'numeric';
  readonly lower: number;
  readonly lowerOpen: boolean;
  readonly upper: number;
  readonly upperOpen: boolean;
};

export type Matcher =
  | { readonly kind: 'exact-string'; readonly value: string }
  /** A plain string value that is an IP address literal: compared as an address, as event-ruler does. */
  | { readonly kind: 'exact-ip'; readonly address: Uint8Array; readonly text: string }
  | { readonly kind: 'exact-number'; readonly value: number }
  | { readonly kind: 'exact-literal'; readonly value: boolean | null }
  | { readonly kind: 'prefix'; readonly value: string; readonly ignoreCase: boolean }
  | { readonly kind: 'suffix'; readonly value: string; readonly ignoreCase: boolean }
  | { readonly kind: 'equals-ignore-case'; readonly folded: string; readonly value: string }
  | { readonly kind: 'wildcard'; readonly wildcard: Wildcard }
  | NumericRange
  | { readonly kind: 'exists' }
  | { readonly kind: 'cidr'; readonly lower: Uint8Array; readonly upper: Uint8Array; readonly text: string }
  | {
      readonly kind: 'anything-but';
      readonly strings: ReadonlySet<string> | undefined;
      readonly numbers: ReadonlySet<number> | undefined;
    }
  | { readonly kind: 'anything-but-prefix'; readonly values: readonly string[] }
  | { readonly kind: 'anything-but-suffix'; readonly values: readonly string[] }
  | { readonly kind: 'anything-but-ignore-case'; readonly folded: ReadonlySet<string> }
  | { readonly kind: 'anything-but-wildcard'; readonly wildcards: readonly Wildcard[] };

export type FieldCondition = {
  /** Flattened path, keys joined with '.', exactly as event-ruler names fields. */
  readonly path: string;
  readonly matchers: readonly Matcher[];
  /** `{"exists": false}` is among the values: the condition also holds when the field is absent. */
  readonly absent: boolean;
};

export type Alternative = readonly FieldCondition[];

export type Pattern = {
  readonly alternatives: readonly Alternative[];
  /** The pattern as given (parsed JSON). */
  readonly source: unknown;
};

/** A JSON leaf as it appears in an event. */
export type Scalar = string | number | boolean | null;
