import type { Json } from '../types.ts';

/** Where a path starts: `$` (state input), `$$` (context object), `$name` (a workflow variable) or `@` (filter item). */
export type Root = { kind: 'input' } | { kind: 'context' } | { kind: 'variable'; name: string } | { kind: 'current' };

export type Segment =
  | { kind: 'name'; name: string }
  | { kind: 'names'; names: string[] }
  | { kind: 'index'; index: number }
  | { kind: 'indexes'; indexes: number[] }
  | { kind: 'wildcard' }
  | { kind: 'slice'; start: number | undefined; end: number | undefined; step: number | undefined }
  | { kind: 'filter'; expr: FilterExpr }
  | { kind: 'scan'; target: Segment };

export type CompareOp =
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '=~'
  | 'in'
  | 'nin'
  | 'subsetof'
  | 'anyof'
  | 'noneof'
  | 'size'
  | 'empty';

export type Operand =
  | { kind: 'path'; path: JsonPath }
  | { kind: 'literal'; value: Json }
  | { kind: 'regex'; regex: RegExp };

export type FilterExpr =
  | { kind: 'or'; left: FilterExpr; right: FilterExpr }
  | { kind: 'and'; left: FilterExpr; right: FilterExpr }
  | { kind: 'not'; expr: FilterExpr }
  | { kind: 'exists'; operand: Operand }
  | { kind: 'compare'; op: CompareOp; left: Operand; right: Operand };

export type JsonPath = {
  text: string;
  root: Root;
  segments: Segment[];
  /** Jayway's notion: only single names and single indexes, so it yields one value or fails. */
  definite: boolean;
  /** ASL reference path: a definite path with no operators, usable as ResultPath. */
  reference: boolean;
};
