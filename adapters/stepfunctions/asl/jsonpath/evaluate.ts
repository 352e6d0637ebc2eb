import { err, ok, type Result } from 'neverthrow';
import { isObject } from '../json.ts';
import type { Json } from '../types.ts';
import type { JsonPath, Root, Segment } from './ast.ts';
import { evalFilter, type OperandResolver } from './filter-eval.ts';

/** The documents a path can start from. `variable` returns undefined for an unknown variable. */
export type PathRoots = {
  readonly input: Json;
  /** The context object, built only when a `$$` path asks for it. */
  readonly context: () => Json;
  readonly variable: (name: string) => Json | undefined;
};

const normalized = (segments: readonly Segment[]): string =>
  `$${segments.map((s) => (s.kind === 'name' ? `['${s.name}']` : s.kind === 'index' ? `[${s.index}]` : '')).join('')}`;

const notFound = (path: JsonPath, upTo: readonly Segment[]): string =>
  `Invalid path '${path.text}' : No results for path: ${normalized(upTo)}`;

const rootValue = (root: Root, roots: PathRoots, current: Json): Json | undefined => {
  switch (root.kind) {
    case 'input':
      return roots.input;
    case 'context':
      return roots.context();
    case 'variable':
      return roots.variable(root.name);
    case 'current':
      return current;
  }
};

const at = (list: Json[], index: number): Json | undefined => {
  const i = index < 0 ? list.length + index : index;
  return i >= 0 && i < list.length ? list[i] : undefined;
};

/** Python-style slice semantics (Jayway supports the start:end forms; a step is an extension). */
const sliceOf = (list: Json[], s: Segment & { kind: 'slice' }): Json[] => {
  const n = list.length;
  const step = s.step ?? 1;
  const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
  const norm = (v: number) => (v < 0 ? v + n : v);
  const out: Json[] = [];
  if (step > 0) {
    const from = clamp(s.start === undefined ? 0 : norm(s.start), 0, n);
    const to = clamp(s.end === undefined ? n : norm(s.end), 0, n);
    for (let i = from; i < to; i += step) out.push(list[i] as Json);
  } else {
    const from = clamp(s.start === undefined ? n - 1 : norm(s.start), -1, n - 1);
    const to = clamp(s.end === undefined ? -1 : norm(s.end), -1, n - 1);
    for (let i = from; i > to; i += step) out.push(list[i] as Json);
  }
  return out;
};

const children = (node: Json): Json[] => (Array.isArray(node) ? node : isObject(node) ? Object.values(node) : []);

const select = (seg: Segment, node: Json, resolve: OperandResolver, out: Json[]): void => {
  switch (seg.kind) {
    case 'name':
      if (isObject(node) && Object.hasOwn(node, seg.name)) out.push(node[seg.name] as Json);
      return;
    case 'names':
      if (isObject(node)) for (const n of seg.names) if (Object.hasOwn(node, n)) out.push(node[n] as Json);
      return;
    case 'index':
    case 'indexes':
      if (Array.isArray(node)) {
        for (const i of seg.kind === 'index' ? [seg.index] : seg.indexes) {
          const v = at(node, i);
          if (v !== undefined) out.push(v);
        }
      }
      return;
    case 'wildcard':
      out.push(...children(node));
      return;
    case 'slice':
      if (Array.isArray(node)) out.push(...sliceOf(node, seg));
      return;
    case 'filter':
      if (Array.isArray(node)) for (const item of node) if (evalFilter(seg.expr, item, resolve)) out.push(item);
      if (isObject(node) && evalFilter(seg.expr, node, resolve)) out.push(node);
      return;
    case 'scan':
      scan(seg.target, node, resolve, out);
      return;
  }
};

/** Deep scan, pre-order like Jayway: a node's own matches come before its descendants'. */
const scan = (target: Segment, node: Json, resolve: OperandResolver, out: Json[]): void => {
  if (target.kind === 'filter') {
    if (isObject(node) && evalFilter(target.expr, node, resolve)) out.push(node);
  } else select(target, node, resolve, out);
  for (const child of children(node)) scan(target, child, resolve, out);
};

const walkDefinite = (path: JsonPath, start: Json): Result<Json, string> => {
  let cur = start;
  const { segments } = path;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] as Segment;
    let next: Json | undefined;
    if (seg.kind === 'name') next = isObject(cur) && Object.hasOwn(cur, seg.name) ? cur[seg.name] : undefined;
    else if (seg.kind === 'index') next = Array.isArray(cur) ? at(cur, seg.index) : undefined;
    else if (seg.kind === 'names' && isObject(cur)) {
      const picked: Record<string, Json> = {};
      for (const n of seg.names) if (Object.hasOwn(cur, n)) picked[n] = cur[n] as Json;
      next = picked;
    }
    if (next === undefined) return err(notFound(path, segments.slice(0, i + 1)));
    cur = next;
  }
  return ok(cur);
};

/**
 * Evaluates a path: a definite path yields its value or fails when nothing is there; any other
 * path yields the JSON array of every match, possibly empty (Jayway's behaviour in Step Functions).
 */
export const evaluatePath = (path: JsonPath, roots: PathRoots, current: Json = null): Result<Json, string> => {
  const start = rootValue(path.root, roots, current);
  if (start === undefined) {
    return err(
      path.root.kind === 'variable'
        ? `Undefined variable '$${path.root.name}' in path '${path.text}'`
        : notFound(path, []),
    );
  }
  if (path.definite) return walkDefinite(path, start);
  const resolve: OperandResolver = (operand, item) => {
    const r = evaluatePath(operand.path, roots, item);
    return r.isOk() ? { found: true, value: r.value } : { found: false, value: null };
  };
  let nodes: Json[] = [start];
  for (const seg of path.segments) {
    const out: Json[] = [];
    for (const node of nodes) select(seg, node, resolve, out);
    nodes = out;
  }
  return ok(nodes);
};
