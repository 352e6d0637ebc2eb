import type { DefinitionError, QueryLanguage, WorkflowType } from '../types.ts';

/** Where the validator is: which machine (top level or nested), which state, which query language. */
export type MachineCtx = {
  readonly errors: DefinitionError[];
  readonly type: WorkflowType;
  readonly topQueryLanguage: QueryLanguage;
  /** Human-readable location of a nested machine, e.g. "branch 1 of Parallel 'P'"; empty at top level. */
  readonly where: string;
  /** Validates a nested machine (Parallel branch, Map ItemProcessor); injected to avoid an import cycle. */
  readonly validateSub: (
    machine: unknown,
    where: string,
    field: string,
    owner: string,
    allowed: readonly string[],
  ) => void;
};

export type StateVCtx = MachineCtx & {
  readonly state: string;
  readonly ql: QueryLanguage;
  readonly stateNames: ReadonlySet<string>;
};

export const report = (
  ctx: MachineCtx,
  state: string | undefined,
  field: string | undefined,
  message: string,
): void => {
  const located = ctx.where === '' ? message : `${message} (in ${ctx.where})`;
  const e: DefinitionError = { message: located };
  if (state !== undefined) e.state = state;
  if (field !== undefined) e.field = field;
  ctx.errors.push(e);
};

export const stateError = (ctx: StateVCtx, field: string | undefined, message: string): void =>
  report(ctx, ctx.state, field, message);
