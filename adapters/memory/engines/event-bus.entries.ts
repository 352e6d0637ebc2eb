import type { PutEventsRequestEntry, PutEventsResultEntry } from '@aws-sdk/client-eventbridge';
import type { BusEvent } from './event-bus.types.ts';

export const MAX_ENTRIES = 10;
export const MAX_REQUEST_BYTES = 262_144;

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

/** EventBridge's documented entry size: Time counts 14 bytes; Source, DetailType, Detail, Resources their UTF-8 bytes. */
export const entrySize = (e: PutEventsRequestEntry): number =>
  (e.Time === undefined ? 0 : 14) +
  utf8(e.Source ?? '') +
  utf8(e.DetailType ?? '') +
  utf8(e.Detail ?? '') +
  (e.Resources ?? []).reduce((sum, r) => sum + utf8(r ?? ''), 0);

type EntryFailure = Required<Pick<PutEventsResultEntry, 'ErrorCode' | 'ErrorMessage'>>;

const required = (field: string): EntryFailure => ({
  ErrorCode: 'InvalidArgument',
  ErrorMessage: `Parameter ${field} is not valid. Reason: ${field} is a required argument.`,
});

/** The Detail as a JSON object, or undefined when it is not JSON or not an object. */
const jsonObject = (text: string): Record<string, unknown> | undefined => {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Per-entry checks PutEvents reports in the entry's result instead of failing the whole call; a valid entry's
 * Detail comes back parsed, so the event is built from that parse rather than a second one.
 */
export const checkEntry = (
  e: PutEventsRequestEntry,
  bus: { name: string; arn: string },
): { failure: EntryFailure } | { detail: Record<string, unknown> } => {
  if (!e.Source) return { failure: required('Source') };
  if (!e.DetailType) return { failure: required('DetailType') };
  if (!e.Detail) return { failure: required('Detail') };
  const detail = jsonObject(e.Detail);
  if (!detail) return { failure: { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' } };
  if (e.Time !== undefined && Number.isNaN(e.Time.getTime()))
    return { failure: { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Time is not valid.' } };
  if (e.EventBusName !== undefined && e.EventBusName !== bus.name && e.EventBusName !== bus.arn)
    return { failure: { ErrorCode: 'InvalidArgument', ErrorMessage: `Event bus ${e.EventBusName} does not exist.` } };
  return { detail };
};

/** EventBridge timestamps have second precision: 2024-01-02T03:04:05Z. */
export const eventTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The event EventBridge builds from a valid entry and its parsed Detail (both from `checkEntry`). */
export const toBusEvent = (
  e: PutEventsRequestEntry,
  detail: Record<string, unknown>,
  ctx: { id: string; account: string; region: string; now: number },
): BusEvent => ({
  version: '0',
  id: ctx.id,
  'detail-type': e.DetailType!,
  source: e.Source!,
  account: ctx.account,
  time: eventTime(e.Time?.getTime() ?? ctx.now),
  region: ctx.region,
  resources: [...(e.Resources ?? [])],
  detail,
});
