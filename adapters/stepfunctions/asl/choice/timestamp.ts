// Timestamps as Step Functions accepts them: RFC 3339 (an ISO 8601 profile) with an uppercase `T`
// between date and time and an uppercase `Z` when no numeric offset is given, e.g. 2016-03-14T01:59:00Z.

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/;

const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Milliseconds since the epoch (fractions kept below the millisecond), or undefined if invalid. */
export const parseTimestamp = (text: string): number | undefined => {
  const m = RFC3339.exec(text);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const zone = m[8] as string;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const [h, mm] = zone.slice(1).split(':').map(Number) as [number, number];
    if (h > 23 || mm > 59) return undefined;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (h * 60 + mm);
  }
  const fraction = m[7] === undefined ? 0 : Number(`0.${m[7]}`) * 1000;
  return Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59)) - offsetMinutes * 60_000 + fraction;
};

export const isTimestamp = (v: unknown): v is string => typeof v === 'string' && parseTimestamp(v) !== undefined;
