// IP address literals and CIDR blocks as event-ruler reads them (CIDR.java): a string is an address only if it
// looks like dotted-quad IPv4 or colon-hex IPv6 (no embedded IPv4, no zone); IPv4-mapped IPv6 addresses become
// IPv4 (Java's InetAddress does that); a CIDR range runs from the address as written (not masked) to that
// address with all host bits set, and event-ruler refuses /32 and /128.

const IPV4 = /^\d+\.\d+\.\d+\.\d+$/;
const IPV6 = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

const parseIpv4 = (text: string): Uint8Array | undefined => {
  const bytes = new Uint8Array(4);
  const parts = text.split('.');
  for (let i = 0; i < 4; i++) {
    const part = parts[i] ?? '';
    // Leading zeros are ambiguous (octal?) and refused by current JDKs.
    if (part.length > 3 || (part.length > 1 && part.startsWith('0'))) return undefined;
    const value = Number(part);
    if (value > 255) return undefined;
    bytes[i] = value;
  }
  return bytes;
};

const parseGroups = (text: string): number[] | undefined => {
  if (text === '') return [];
  const groups: number[] = [];
  for (const group of text.split(':')) {
    if (!HEX_GROUP.test(group)) return undefined;
    groups.push(Number.parseInt(group, 16));
  }
  return groups;
};

const parseIpv6 = (text: string): Uint8Array | undefined => {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0] ?? '');
  const tail = halves.length === 2 ? parseGroups(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) return undefined;
  const groupCount = head.length + tail.length;
  if (halves.length === 2 ? groupCount > 7 : groupCount !== 8) return undefined;
  const groups = [...head, ...new Array<number>(8 - groupCount).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[2 * i] = g >> 8;
    bytes[2 * i + 1] = g & 0xff;
  });
  const mapped = bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return mapped ? bytes.slice(12) : bytes;
};

/** The address bytes (4 or 16) of an IP literal, or undefined when `text` is not one. */
export const parseIp = (text: string): Uint8Array | undefined => {
  if (IPV4.test(text)) return parseIpv4(text);
  if (IPV6.test(text)) return parseIpv6(text);
  return undefined;
};

export const compareBytes = (a: Uint8Array, b: Uint8Array): number => {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.length - b.length;
};

export const sameAddress = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && compareBytes(a, b) === 0;

export const inRange = (address: Uint8Array, lower: Uint8Array, upper: Uint8Array): boolean =>
  address.length === lower.length && compareBytes(address, lower) >= 0 && compareBytes(address, upper) <= 0;

export type CidrBlock = { lower: Uint8Array; upper: Uint8Array };

/** A CIDR block, or the reason it is malformed. */
export const parseCidr = (text: string): CidrBlock | string => {
  const pieces = text.split('/');
  if (pieces.length !== 2) return `malformed CIDR "${text}": exactly one "/" is required`;
  const [ip = '', maskText = ''] = pieces;
  if (!/^[+-]?\d+$/.test(maskText)) return `malformed CIDR "${text}": the mask bits must be an integer`;
  const mask = Number(maskText);
  if (mask < 0) return `malformed CIDR "${text}": the mask bits must not be negative`;
  const lower = parseIp(ip);
  if (lower === undefined) return `malformed CIDR "${text}": "${ip}" is not an IPv4 or IPv6 address`;
  const bits = lower.length * 8;
  if (mask > bits - 1) return `malformed CIDR "${text}": ${bits === 32 ? 'IPv4' : 'IPv6'} mask bits must be < ${bits}`;
  const upper = lower.slice();
  for (let bit = mask; bit < bits; bit++) {
    const i = bit >> 3;
    upper[i] = (upper[i] ?? 0) | (0x80 >> (bit & 7));
  }
  return { lower, upper };
};
