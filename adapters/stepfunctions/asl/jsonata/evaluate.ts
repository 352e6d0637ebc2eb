import jsonata from 'jsonata';
import { err, ok, type Result } from 'neverthrow';
import { type Failure, failure, States } from '../errors.ts';
import { toJson } from '../json.ts';
import type { Json, JsonObject } from '../types.ts';

// JSONata query language: a string that is exactly `{% expression %}` is evaluated; any other
// string is a literal. Objects and arrays are walked so templates may sit at any depth.

const TEMPLATE = /^\{%([\s\S]*)%\}$/;

/** The expression inside `{% ... %}`, or undefined when the string is a plain literal. */
export const jsonataBody = (value: string): string | undefined => TEMPLATE.exec(value)?.[1];

const cache = new Map<string, Result<jsonata.Expression, string>>();

export const compileJsonata = (body: string): Result<jsonata.Expression, string> => {
  const hit = cache.get(body);
  if (hit !== undefined) return hit;
  let result: Result<jsonata.Expression, string>;
  if (body.trim() === '') result = err('The JSONata expression is empty');
  else {
    try {
      result = ok(jsonata(body));
    } catch (e) {
      result = err(`Invalid JSONata expression '${body}': ${(e as { message?: string }).message ?? String(e)}`);
    }
  }
  if (cache.size < 10_000) cache.set(body, result);
  return result;
};

const queryFailure = (field: string, body: string, detail: string): Failure =>
  failure(
    States.QueryEvaluationError,
    `An error occurred while evaluating the JSONata expression '${body.trim()}' for the field '${field}': ${detail}`,
  );

export const evaluateJsonataExpression = async (
  body: string,
  bindings: Record<string, unknown>,
  field: string,
): Promise<Result<Json, Failure>> => {
  const compiled = compileJsonata(body);
  if (compiled.isErr()) return err(queryFailure(field, body, compiled.error));
  let value: unknown;
  try {
    value = await compiled.value.evaluate(null, bindings);
  } catch (e) {
    return err(queryFailure(field, body, (e as { message?: string }).message ?? String(e)));
  }
  if (value === undefined) return err(queryFailure(field, body, 'the expression returned nothing (undefined)'));
  const json = typeof value === 'function' ? undefined : toJson(value);
  if (json === undefined) return err(queryFailure(field, body, 'the result is not a JSON value'));
  if (typeof json.json === 'number' && !Number.isFinite(json.json))
    return err(queryFailure(field, body, 'the result is not a finite number'));
  return ok(json.json);
};

/** Evaluates every `{% %}` string inside a template value; field names the path for error causes. */
export const evaluateJsonataTemplate = async (
  template: Json,
  bindings: Record<string, unknown>,
  field: string,
): Promise<Result<Json, Failure>> => {
  if (typeof template === 'string') {
    const body = jsonataBody(template);
    return body === undefined ? ok(template) : evaluateJsonataExpression(body, bindings, field);
  }
  if (Array.isArray(template)) {
    const out: Json[] = [];
    for (const [i, item] of template.entries()) {
      const r = await evaluateJsonataTemplate(item, bindings, `${field}[${i}]`);
      if (r.isErr()) return r;
      out.push(r.value);
    }
    return ok(out);
  }
  if (template === null || typeof template !== 'object') return ok(template);
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(template)) {
    const r = await evaluateJsonataTemplate(value, bindings, `${field}/${key}`);
    if (r.isErr()) return r;
    out[key] = r.value;
  }
  return ok(out);
};

/** True when a template holds no `{% %}` string, so it can be used as is without awaiting. */
export const isStaticTemplate = (template: Json): boolean => {
  if (typeof template === 'string') return jsonataBody(template) === undefined;
  if (Array.isArray(template)) return template.every(isStaticTemplate);
  if (template !== null && typeof template === 'object') return Object.values(template).every(isStaticTemplate);
  return true;
};
