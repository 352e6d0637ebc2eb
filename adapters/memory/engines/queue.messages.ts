import { createHash } from 'node:crypto';
import type { MessageAttributeValue } from '@aws-sdk/client-sqs';
import { err, ok, type Result } from 'neverthrow';
import type { QueueError, SendMessageInput } from './queue.types.ts';

export const MAX_DELAY_SECONDS = 900;
export const MAX_VISIBILITY_TIMEOUT_SECONDS = 43_200;
const MAX_ATTRIBUTES = 10;

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');
export const md5 = (data: string | Uint8Array) => createHash('md5').update(data).digest('hex');

// Characters SQS accepts in a body or string attribute (the XML 1.0 character set).
const INVALID_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ATTRIBUTE_NAME = /^(?!\.)(?!.*\.\.)(?!.*\.$)[A-Za-z0-9_.-]{1,256}$/;

/** Size as SQS counts it: body plus, per attribute, its name, data type and value. */
export const messageSize = ({ body, messageAttributes }: SendMessageInput): number =>
  utf8(body) +
  Object.entries(messageAttributes ?? {}).reduce(
    (sum, [name, a]) =>
      sum + utf8(name) + utf8(a.DataType ?? '') + (a.BinaryValue ? a.BinaryValue.length : utf8(a.StringValue ?? '')),
    0,
  );

const invalid = (message: string): QueueError => ({ kind: 'InvalidParameterValue', message });

const validateAttribute = (name: string, a: MessageAttributeValue): QueueError | undefined => {
  if (!ATTRIBUTE_NAME.test(name) || /^(aws\.|amazon\.)/i.test(name))
    return invalid(`Message attribute name '${name}' is invalid.`);
  const base = a.DataType?.split('.')[0];
  if (base !== 'String' && base !== 'Number' && base !== 'Binary')
    return invalid(`Message attribute '${name}' must have a DataType of String, Number or Binary.`);
  if (base === 'Binary')
    return a.BinaryValue ? undefined : invalid(`Message attribute '${name}' must have a BinaryValue.`);
  if (a.StringValue === undefined || a.StringValue === '')
    return invalid(`Message attribute '${name}' must contain a non-empty StringValue.`);
  if (base === 'Number' && !Number.isFinite(Number(a.StringValue)))
    return invalid(`Message attribute '${name}' has an invalid Number value.`);
  if (INVALID_CHARS.test(a.StringValue))
    return { kind: 'InvalidMessageContents', message: `Message attribute '${name}' contains invalid characters.` };
  return undefined;
};

export const validateMessage = (input: SendMessageInput, maximumMessageSize: number): Result<void, QueueError> => {
  if (typeof input.body !== 'string' || input.body.length === 0)
    return err({ kind: 'MissingParameter', message: 'The request must contain the parameter MessageBody.' });
  if (INVALID_CHARS.test(input.body))
    return err({ kind: 'InvalidMessageContents', message: 'Invalid characters found in the message body.' });
  const { delaySeconds } = input;
  if (
    delaySeconds !== undefined &&
    !(Number.isInteger(delaySeconds) && delaySeconds >= 0 && delaySeconds <= MAX_DELAY_SECONDS)
  )
    return err(invalid(`Value ${delaySeconds} for parameter DelaySeconds is invalid. Reason: must be 0-900.`));
  const attributes = Object.entries(input.messageAttributes ?? {});
  if (attributes.length > MAX_ATTRIBUTES) return err(invalid('Number of message attributes exceeds 10.'));
  for (const [name, a] of attributes) {
    const problem = validateAttribute(name, a);
    if (problem) return err(problem);
  }
  if (messageSize(input) > maximumMessageSize)
    return err(
      invalid(`One or more parameters are invalid. Reason: Message must be shorter than ${maximumMessageSize} bytes.`),
    );
  return ok(undefined);
};

const lengthPrefixed = (bytes: Uint8Array) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return [len, bytes];
};

/** MD5OfMessageAttributes as SQS computes it: sorted names, length-prefixed name/type/value, transport byte. */
export const md5OfAttributes = (attributes: Record<string, MessageAttributeValue> | undefined): string | undefined => {
  const names = Object.keys(attributes ?? {}).sort();
  if (names.length === 0) return undefined;
  const parts = names.flatMap((name) => {
    const a = attributes![name]!;
    const binary = a.DataType?.startsWith('Binary') === true;
    const value = binary ? (a.BinaryValue ?? new Uint8Array()) : Buffer.from(a.StringValue ?? '', 'utf8');
    return [
      ...lengthPrefixed(Buffer.from(name, 'utf8')),
      ...lengthPrefixed(Buffer.from(a.DataType ?? '', 'utf8')),
      Buffer.from([binary ? 2 : 1]),
      ...lengthPrefixed(value),
    ];
  });
  return md5(Buffer.concat(parts));
};
