import { isTimestamp } from '../choice/timestamp.ts';
import { isObject } from '../json.ts';
import {
  checkJsonataValue,
  checkObject,
  checkPathField,
  checkPayloadTemplate,
  checkSeconds,
  checkString,
  dynamicValueProblem,
  isJsonataString,
} from './checks.ts';
import { type StateVCtx, stateError } from './context.ts';
import { checkCatch, checkRetry } from './validate-retry-catch.ts';

type S = Record<string, unknown>;

const ARN = /^arn:[\w-]+:[\w-]+:[\w-]*:\d*:.+$/;
const ACTIVITY = /^arn:[^:]+:states:[^:]*:[^:]*:activity:/;

/** Either of two mutually exclusive fields; reports the second when both are set. */
export const exclusive = (ctx: StateVCtx, s: S, a: string, b: string): void => {
  if (s[a] !== undefined && s[b] !== undefined) stateError(ctx, b, `${a} and ${b} cannot both be set`);
};

export const checkTask = (ctx: StateVCtx, s: S): void => {
  const resource = s.Resource;
  if (typeof resource !== 'string') stateError(ctx, 'Resource', 'A Task state needs a Resource ARN');
  else if (!ARN.test(resource)) stateError(ctx, 'Resource', `'${resource}' is not a valid resource ARN`);
  else if (ctx.type === 'EXPRESS') {
    if (resource.endsWith('.waitForTaskToken'))
      stateError(ctx, 'Resource', 'Express state machines do not support the .waitForTaskToken integration pattern');
    else if (/\.sync(:\d+)?$/.test(resource))
      stateError(ctx, 'Resource', 'Express state machines do not support the .sync integration pattern');
    else if (ACTIVITY.test(resource)) stateError(ctx, 'Resource', 'Express state machines do not support activities');
  }
  exclusive(ctx, s, 'TimeoutSeconds', 'TimeoutSecondsPath');
  exclusive(ctx, s, 'HeartbeatSeconds', 'HeartbeatSecondsPath');
  checkSeconds(ctx, 'TimeoutSeconds', s.TimeoutSeconds, 1);
  checkSeconds(ctx, 'HeartbeatSeconds', s.HeartbeatSeconds, 1);
  checkPathField(ctx, 'TimeoutSecondsPath', s.TimeoutSecondsPath, { reference: true });
  checkPathField(ctx, 'HeartbeatSecondsPath', s.HeartbeatSecondsPath, { reference: true });
  if (
    typeof s.TimeoutSeconds === 'number' &&
    typeof s.HeartbeatSeconds === 'number' &&
    s.HeartbeatSeconds >= s.TimeoutSeconds
  ) {
    stateError(ctx, 'HeartbeatSeconds', 'HeartbeatSeconds must be smaller than TimeoutSeconds');
  }
  if (ctx.ql === 'JSONata') {
    if (
      s.Arguments !== undefined &&
      !isObject(s.Arguments) &&
      !Array.isArray(s.Arguments) &&
      !isJsonataString(s.Arguments)
    ) {
      stateError(ctx, 'Arguments', 'Arguments must be a JSON object or a {% %} JSONata expression');
    }
    checkJsonataValue(ctx, 'Arguments', s.Arguments);
  } else {
    checkPayloadTemplate(ctx, 'Parameters', s.Parameters);
    checkObject(ctx, 'ResultSelector', s.ResultSelector);
    checkPayloadTemplate(ctx, 'ResultSelector', s.ResultSelector);
  }
  checkObject(ctx, 'Credentials', s.Credentials);
  checkRetry(ctx, s.Retry);
  checkCatch(ctx, s.Catch);
};

export const checkPass = (ctx: StateVCtx, s: S): void => {
  if (ctx.ql === 'JSONPath') checkPayloadTemplate(ctx, 'Parameters', s.Parameters);
};

export const checkWait = (ctx: StateVCtx, s: S): void => {
  const set = ['Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath'].filter((k) => s[k] !== undefined);
  if (set.length === 0)
    stateError(ctx, 'Seconds', 'A Wait state needs exactly one of Seconds, Timestamp, SecondsPath or TimestampPath');
  if (set.length > 1) stateError(ctx, set[1], `A Wait state takes only one of ${set.join(', ')}`);
  checkSeconds(ctx, 'Seconds', s.Seconds, 0);
  const ts = s.Timestamp;
  if (ts !== undefined && !isTimestamp(ts) && !(ctx.ql === 'JSONata' && isJsonataString(ts))) {
    stateError(ctx, 'Timestamp', 'Timestamp must be an ISO-8601 timestamp such as 2016-03-14T01:59:00Z');
  }
  if (ctx.ql === 'JSONata') checkJsonataValue(ctx, 'Timestamp', ts);
  checkPathField(ctx, 'SecondsPath', s.SecondsPath, { reference: true });
  checkPathField(ctx, 'TimestampPath', s.TimestampPath, { reference: true });
};

export const checkFail = (ctx: StateVCtx, s: S): void => {
  exclusive(ctx, s, 'Error', 'ErrorPath');
  exclusive(ctx, s, 'Cause', 'CausePath');
  for (const field of ['Error', 'Cause']) {
    checkString(ctx, field, s[field]);
    if (ctx.ql === 'JSONata') checkJsonataValue(ctx, field, s[field]);
  }
  for (const field of ['ErrorPath', 'CausePath']) {
    if (s[field] === undefined) continue;
    const problem = dynamicValueProblem(s[field]);
    if (problem !== undefined) stateError(ctx, field, `Invalid ${field}: ${problem}`);
  }
};
