import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import { type ValidationFailed, validationFailed } from '#domain/shared/validation.ts';

/**
 * The page cursor is the DynamoDB key of the last order returned, as base64url JSON. It is opaque to callers
 * but not secret: a decoded cursor is checked against the customer it is used for, so a cursor cannot be
 * crafted to start inside someone else's orders (DynamoDB would also refuse a start key outside the partition).
 */
const CursorKey = z.strictObject({
  pk: z.string().startsWith('ORDER#'),
  sk: z.literal('ORDER'),
  gsi1pk: z.string().startsWith('CUSTOMER#'),
  gsi1sk: z.string().min(1),
});
export type CursorKey = Readonly<Record<'pk' | 'sk' | 'gsi1pk' | 'gsi1sk', string>>;

export const encodeCursor = (key: CursorKey): string => Buffer.from(JSON.stringify(key)).toString('base64url');

const invalid = (message: string): ValidationFailed => validationFailed([{ path: 'cursor', message }]);

export const decodeCursor = (cursor: string, partition: string): Result<CursorKey, ValidationFailed> => {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return err(invalid('is not a cursor returned by this API'));
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return err(invalid('is not a cursor returned by this API'));
  }
  const parsed = CursorKey.safeParse(json);
  if (!parsed.success) return err(invalid('is not a cursor returned by this API'));
  if (parsed.data.gsi1pk !== partition) return err(invalid('belongs to another listing'));
  return ok(parsed.data);
};
