import { err, ok, type Result } from 'neverthrow';
import type { z } from 'zod';

export type FieldIssue = Readonly<{ path: string; message: string }>;
export type ValidationFailed = Readonly<{ kind: 'ValidationFailed'; issues: readonly FieldIssue[] }>;

export const validationFailed = (issues: readonly FieldIssue[]): ValidationFailed => ({
  kind: 'ValidationFailed',
  issues,
});

const pathOf = (path: readonly PropertyKey[]): string =>
  path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
    '',
  ) || '(root)';

/** Parses untrusted input; failures become a ValidationFailed value with one issue per field path. */
export const parseWith =
  <S extends z.ZodType>(schema: S) =>
  (input: unknown): Result<z.output<S>, ValidationFailed> => {
    const parsed = schema.safeParse(input);
    return parsed.success
      ? ok(parsed.data)
      : err(validationFailed(parsed.error.issues.map((i) => ({ path: pathOf(i.path), message: i.message }))));
  };
