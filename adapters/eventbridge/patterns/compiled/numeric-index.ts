import type { NumericRange } from '../pattern.types.ts';

// All numeric ranges of one path folded into sorted elementary regions: the distinct bounds p0 < p1 < ... split
// the line into points and open gaps, and each region lists the conditions whose range covers it. A value then
// costs one binary search, however many numeric conditions the rules put on that path.

export type NumericIndex = { readonly points: Float64Array; readonly regions: readonly number[][] };

const covers = (r: NumericRange, x: number) =>
  (r.lowerOpen ? x > r.lower : x >= r.lower) && (r.upperOpen ? x < r.upper : x <= r.upper);

export const buildNumericIndex = (ranges: readonly { range: NumericRange; condition: number }[]): NumericIndex => {
  const points = Float64Array.from(new Set(ranges.flatMap(({ range }) => [range.lower, range.upper]))).sort();
  const regions: number[][] = [];
  for (let i = 0; i <= points.length; i++) {
    const below = points[i - 1] ?? -Infinity;
    const above = points[i] ?? Infinity;
    // A value strictly inside the gap; if the gap holds no double at all, no value will ever land in it.
    const inside = Number.isFinite(below)
      ? Number.isFinite(above)
        ? below + (above - below) / 2
        : below + 1
      : above - 1;
    regions.push(ranges.filter(({ range }) => covers(range, inside)).map(({ condition }) => condition));
    if (i < points.length)
      regions.push(ranges.filter(({ range }) => covers(range, above)).map(({ condition }) => condition));
  }
  return { points, regions };
};

/** The conditions covering `x` (a comparable number). */
export const numericRegion = (index: NumericIndex, x: number): number[] => {
  const { points } = index;
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((points[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return index.regions[points[lo] === x ? 2 * lo + 1 : 2 * lo] as number[];
};
