/** DynamoDB's item size limit, attribute names included. */
export const MAX_ITEM_BYTES = 400 * 1024;

const utf8 = (s: string): number => Buffer.byteLength(s, 'utf8');

/** A number costs one byte per two significant digits plus one (leading and trailing zeros do not count). */
const numberSize = (n: number): number => {
  const [mantissa = ''] = Math.abs(n).toExponential().split('e');
  const digits = mantissa.replace('.', '').replace(/0+$/, '').length || 1;
  return Math.ceil(digits / 2) + 1;
};

const valueSize = (v: unknown): number => {
  if (typeof v === 'string') return utf8(v);
  if (typeof v === 'number') return numberSize(v);
  if (typeof v === 'boolean' || v === null || v === undefined) return 1;
  // Lists and maps: 3 bytes, plus 1 byte per element, plus the elements (and, for maps, their names).
  if (Array.isArray(v)) return v.reduce<number>((total, x) => total + 1 + valueSize(x), 3);
  if (v instanceof Uint8Array) return v.byteLength;
  return Object.entries(v as Record<string, unknown>).reduce((total, [k, x]) => total + 1 + utf8(k) + valueSize(x), 3);
};

/**
 * The size DynamoDB counts for an item, following "Item sizes and formats" in the developer guide. Checked
 * before a write so that an oversized item is refused with its name, not with DynamoDB's anonymous
 * "Item size has exceeded the maximum allowed size" for the whole transaction.
 */
export const itemSize = (item: Readonly<Record<string, unknown>>): number =>
  Object.entries(item).reduce((total, [name, v]) => total + utf8(name) + valueSize(v), 0);
