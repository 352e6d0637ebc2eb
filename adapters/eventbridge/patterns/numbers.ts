// event-ruler compares numbers as fixed-point values: at most 6 decimal places, between -5e9 and 5e9 inclusive
// (ComparableNumber). Pattern numbers outside that space are rejected by `numeric` and `anything-but`; event
// numbers outside it never satisfy a numeric comparison. Inside it, two doubles compare exactly like the
// decimals they denote (every such decimal has at most 16 significant digits and the doubles near 5e9 are
// spaced below 1e-6 apart), so plain double comparison is faithful.

export const NUMERIC_LIMIT = 5e9;
export const MAX_DECIMALS = 6;

/** Decimal places of the shortest representation of `x` (what JSON text for `x` would normally carry). */
export const decimalPlaces = (x: number): number => {
  if (Number.isInteger(x)) return 0;
  const text = String(x);
  const e = text.indexOf('e');
  const mantissa = e === -1 ? text : text.slice(0, e);
  const exponent = e === -1 ? 0 : Number(text.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const fraction = dot === -1 ? 0 : mantissa.length - dot - 1;
  return Math.max(0, fraction - exponent);
};

// Within ±5e9, x has at most 6 decimals exactly when some integer k gives back x as k/1e6 (the shortest decimal
// that round-trips to x is then k/10^6). x·1e6 lies within about one unit of that k, since k < 2^53.
const sixDecimals = (x: number): boolean => {
  const k = Math.round(x * 1e6);
  return k / 1e6 === x || (k - 1) / 1e6 === x || (k + 1) / 1e6 === x;
};

export const isComparable = (x: number): boolean =>
  x >= -NUMERIC_LIMIT && x <= NUMERIC_LIMIT && (Number.isInteger(x) || sixDecimals(x));

/** Why a pattern number cannot be compared, or undefined when it can. */
export const comparableProblem = (x: number): string | undefined => {
  if (!Number.isFinite(x)) return `${x} is not a finite number`;
  if (x < -NUMERIC_LIMIT || x > NUMERIC_LIMIT) return `${x} is outside the supported range -5e9..5e9`;
  if (decimalPlaces(x) > MAX_DECIMALS) return `${x} has more than ${MAX_DECIMALS} decimal places`;
  return undefined;
};
