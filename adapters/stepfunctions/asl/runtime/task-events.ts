import type { Failure } from '../errors.ts';
import type { InvokeRequest } from './invoke-types.ts';
import type { StateCtx } from './state-io.ts';

// History events of a task attempt. A Lambda function ARN gets LambdaFunction* events and an
// activity ARN Activity* events, as in the service; every other resource gets Task* events with
// resourceType/resource split from `arn:aws:states:::<type>:<resource>`.

const LAMBDA = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:/;
const ACTIVITY = /^arn:[^:]+:states:[^:]*:[^:]*:activity:/;

const split = (resource: string): { resourceType: string; resource: string } => {
  const m = /^arn:[^:]+:states:::(.+)$/.exec(resource);
  const rest = m?.[1] ?? resource.split(':').slice(2).join(':');
  const at = rest.lastIndexOf(':');
  return at < 0
    ? { resourceType: rest, resource: rest }
    : { resourceType: rest.slice(0, at), resource: rest.slice(at + 1) };
};

const errorDetails = (f: Failure) => (f.cause === undefined ? { error: f.error } : { error: f.error, cause: f.cause });

export const taskEvents = (ctx: StateCtx, resourceArn: string) => {
  const emit = (type: string, details: Record<string, unknown>) => ctx.exec.emit(ctx.frame, type, details);
  const kind = LAMBDA.test(resourceArn) ? 'LambdaFunction' : ACTIVITY.test(resourceArn) ? 'Activity' : 'Task';
  const ids = kind === 'Task' ? split(resourceArn) : { resource: resourceArn };
  const region = /^arn:[^:]+:[^:]+:([^:]+):/.exec(resourceArn)?.[1] || 'us-east-1';
  const timeouts = (req: InvokeRequest) => ({
    ...(req.timeoutSeconds === undefined ? {} : { timeoutInSeconds: req.timeoutSeconds }),
    ...(req.heartbeatSeconds === undefined ? {} : { heartbeatInSeconds: req.heartbeatSeconds }),
  });
  return {
    scheduled: (req: InvokeRequest) =>
      kind === 'Task'
        ? emit('TaskScheduled', { ...ids, region, parameters: req.inputText, ...timeouts(req) })
        : emit(`${kind}Scheduled`, {
            resource: resourceArn,
            input: req.inputText,
            inputDetails: { truncated: false },
            ...timeouts(req),
          }),
    started: () => emit(`${kind}Started`, kind === 'Task' ? ids : {}),
    submitted: () => emit('TaskSubmitted', { ...ids, output: '{}', outputDetails: { truncated: false } }),
    succeeded: (outputText: string) =>
      emit(`${kind}Succeeded`, {
        ...(kind === 'Task' ? ids : {}),
        output: outputText,
        outputDetails: { truncated: false },
      }),
    failed: (f: Failure) => emit(`${kind}Failed`, { ...(kind === 'Task' ? ids : {}), ...errorDetails(f) }),
    timedOut: (f: Failure) => emit(`${kind}TimedOut`, { ...(kind === 'Task' ? ids : {}), ...errorDetails(f) }),
  };
};
