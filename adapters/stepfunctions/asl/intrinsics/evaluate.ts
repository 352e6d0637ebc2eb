import { err, ok, type Result } from 'neverthrow';
import { evaluatePath, type PathRoots } from '../jsonpath/evaluate.ts';
import type { Json } from '../types.ts';
import { arrayFunctions } from './array-functions.ts';
import { dataFunctions } from './data-functions.ts';
import type { IntrinsicArg, IntrinsicCall } from './parser.ts';
import type { EvaluatedArg, IntrinsicEnv, IntrinsicSpec } from './spec.ts';

export const INTRINSICS: Readonly<Record<string, IntrinsicSpec>> = { ...arrayFunctions, ...dataFunctions };

/** The service allows up to 10 nested intrinsic functions in one field. */
export const MAX_INTRINSIC_DEPTH = 10;

const evalArg = (arg: IntrinsicArg, roots: PathRoots, env: IntrinsicEnv): Result<EvaluatedArg, string> => {
  switch (arg.kind) {
    case 'literal':
      return ok(arg.raw === undefined ? { value: arg.value } : { value: arg.value, raw: arg.raw });
    case 'path':
      return evaluatePath(arg.path, roots).map((value) => ({ value }));
    case 'call':
      return evaluateIntrinsic(arg.call, roots, env).map((value) => ({ value }));
  }
};

export const evaluateIntrinsic = (call: IntrinsicCall, roots: PathRoots, env: IntrinsicEnv): Result<Json, string> => {
  const spec = INTRINSICS[call.name];
  if (spec === undefined) return err(`Unknown intrinsic function ${call.name}`);
  const args: EvaluatedArg[] = [];
  for (const a of call.args) {
    const v = evalArg(a, roots, env);
    if (v.isErr()) return err(v.error);
    args.push(v.value);
  }
  return spec.impl(args, env);
};

/** Definition-time checks: known function, argument count, nesting depth, literal Format templates. */
export const checkIntrinsic = (call: IntrinsicCall): string[] => {
  const problems: string[] = [];
  const spec = INTRINSICS[call.name];
  if (spec === undefined) problems.push(`Unknown intrinsic function ${call.name}`);
  else if (call.args.length < spec.minArgs || call.args.length > spec.maxArgs) {
    const expected = spec.minArgs === spec.maxArgs ? `${spec.minArgs}` : `${spec.minArgs} or more`;
    problems.push(
      `${call.name} takes ${spec.maxArgs === spec.minArgs + 1 ? `${spec.minArgs} or ${spec.maxArgs}` : expected} argument(s), got ${call.args.length}`,
    );
  }
  if (call.depth > MAX_INTRINSIC_DEPTH)
    problems.push(`Intrinsic functions can be nested at most ${MAX_INTRINSIC_DEPTH} deep`);
  const [first] = call.args;
  if (call.name === 'States.Format' && first?.kind === 'literal' && first.raw !== undefined) {
    const holes = (first.raw.replace(/\\./g, '').match(/\{\}/g) ?? []).length;
    if (holes !== call.args.length - 1)
      problems.push(`States.Format template has ${holes} placeholder(s) but ${call.args.length - 1} value(s)`);
  }
  for (const a of call.args) if (a.kind === 'call') problems.push(...checkIntrinsic(a.call));
  return problems;
};
