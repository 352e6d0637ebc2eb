import { err, ok, type Result } from 'neverthrow';
import { type Failure, failure, States } from './errors.ts';
import { evaluateIntrinsic } from './intrinsics/evaluate.ts';
import { isIntrinsic, parseIntrinsic } from './intrinsics/parser.ts';
import type { IntrinsicEnv } from './intrinsics/spec.ts';
import { evaluatePath, type PathRoots } from './jsonpath/evaluate.ts';
import { parsePath } from './jsonpath/parser.ts';
import type { Json, JsonObject } from './types.ts';

// JSONPath payload templates (Parameters, ResultSelector, ItemSelector, JSONPath Assign): a key
// ending in `.$` takes the value of the path or intrinsic function in its string; the `.$` is dropped.

export type TemplateEnv = { readonly roots: PathRoots; readonly intrinsics: IntrinsicEnv };

const extract = (key: string, expr: string, env: TemplateEnv): Result<Json, Failure> => {
  if (isIntrinsic(expr)) {
    return parseIntrinsic(expr)
      .andThen((call) => evaluateIntrinsic(call, env.roots, env.intrinsics))
      .mapErr((e) => failure(States.IntrinsicFailure, `The function '${expr}' for the field '${key}' failed: ${e}`));
  }
  const path = parsePath(expr);
  if (path.isErr()) return err(failure(States.Runtime, path.error));
  // The service reports a path that finds nothing as States.Runtime with this wording.
  return evaluatePath(path.value, env.roots).mapErr(() =>
    failure(
      States.Runtime,
      `The JSONPath '${expr}' specified for the field '${key}' could not be found in the input '${JSON.stringify(path.value.root.kind === 'context' ? env.roots.context() : env.roots.input)}'`,
    ),
  );
};

export const resolveTemplate = (template: Json, env: TemplateEnv): Result<Json, Failure> => {
  if (Array.isArray(template)) {
    const out: Json[] = [];
    for (const item of template) {
      const r = resolveTemplate(item, env);
      if (r.isErr()) return r;
      out.push(r.value);
    }
    return ok(out);
  }
  if (template === null || typeof template !== 'object') return ok(template);
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$') && typeof value === 'string') {
      const r = extract(key, value, env);
      if (r.isErr()) return r;
      out[key.slice(0, -2)] = r.value;
    } else {
      const r = resolveTemplate(value, env);
      if (r.isErr()) return r;
      out[key] = r.value;
    }
  }
  return ok(out);
};

/** A single `.$`-style value outside a template (ErrorPath, CausePath): a path or an intrinsic. */
export const resolveDynamicValue = (field: string, expr: string, env: TemplateEnv): Result<Json, Failure> =>
  extract(field, expr, env);
