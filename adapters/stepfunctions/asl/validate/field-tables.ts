import type { QueryLanguage, StateType } from '../types.ts';

// Which fields each state type accepts in each query language.

const COMMON = ['Type', 'Comment', 'QueryLanguage'];
const FLOW = ['Next', 'End'];

const JSONPATH: Record<StateType, string[]> = {
  Pass: [...FLOW, 'InputPath', 'OutputPath', 'ResultPath', 'Parameters', 'Result', 'Assign'],
  Task: [
    ...FLOW,
    'InputPath',
    'OutputPath',
    'ResultPath',
    'Parameters',
    'ResultSelector',
    'Resource',
    'TimeoutSeconds',
    'TimeoutSecondsPath',
    'HeartbeatSeconds',
    'HeartbeatSecondsPath',
    'Retry',
    'Catch',
    'Assign',
    'Credentials',
  ],
  Choice: ['InputPath', 'OutputPath', 'Choices', 'Default', 'Assign'],
  Wait: [...FLOW, 'InputPath', 'OutputPath', 'Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath', 'Assign'],
  Succeed: ['InputPath', 'OutputPath'],
  Fail: ['Error', 'Cause', 'ErrorPath', 'CausePath'],
  Parallel: [
    ...FLOW,
    'InputPath',
    'OutputPath',
    'ResultPath',
    'Parameters',
    'ResultSelector',
    'Branches',
    'Retry',
    'Catch',
    'Assign',
  ],
  Map: [
    ...FLOW,
    'InputPath',
    'OutputPath',
    'ResultPath',
    'Parameters',
    'ResultSelector',
    'ItemsPath',
    'ItemSelector',
    'ItemProcessor',
    'Iterator',
    'MaxConcurrency',
    'MaxConcurrencyPath',
    'ToleratedFailureCount',
    'ToleratedFailureCountPath',
    'ToleratedFailurePercentage',
    'ToleratedFailurePercentagePath',
    'ItemReader',
    'ItemBatcher',
    'ResultWriter',
    'Label',
    'Retry',
    'Catch',
    'Assign',
  ],
};

const JSONATA: Record<StateType, string[]> = {
  Pass: [...FLOW, 'Output', 'Assign'],
  Task: [
    ...FLOW,
    'Arguments',
    'Output',
    'Assign',
    'Resource',
    'TimeoutSeconds',
    'HeartbeatSeconds',
    'Retry',
    'Catch',
    'Credentials',
  ],
  Choice: ['Choices', 'Default', 'Output', 'Assign'],
  Wait: [...FLOW, 'Seconds', 'Timestamp', 'Output', 'Assign'],
  Succeed: ['Output'],
  Fail: ['Error', 'Cause'],
  Parallel: [...FLOW, 'Arguments', 'Output', 'Assign', 'Branches', 'Retry', 'Catch'],
  Map: [
    ...FLOW,
    'Items',
    'ItemSelector',
    'ItemProcessor',
    'MaxConcurrency',
    'ToleratedFailureCount',
    'ToleratedFailurePercentage',
    'ItemReader',
    'ItemBatcher',
    'ResultWriter',
    'Label',
    'Output',
    'Assign',
    'Retry',
    'Catch',
  ],
};

const sets = (table: Record<StateType, string[]>) =>
  Object.fromEntries(Object.entries(table).map(([k, v]) => [k, new Set([...COMMON, ...v])])) as Record<
    StateType,
    Set<string>
  >;

const ALLOWED: Record<QueryLanguage, Record<StateType, Set<string>>> = {
  JSONPath: sets(JSONPATH),
  JSONata: sets(JSONATA),
};

export const STATE_TYPES: readonly StateType[] = [
  'Pass',
  'Task',
  'Choice',
  'Wait',
  'Succeed',
  'Fail',
  'Parallel',
  'Map',
];

export const isAllowedField = (type: StateType, ql: QueryLanguage, field: string): boolean =>
  ALLOWED[ql][type].has(field);

export const needsTransition = (type: StateType): boolean => type !== 'Choice' && type !== 'Succeed' && type !== 'Fail';

export const TOP_LEVEL_FIELDS: readonly string[] = [
  'StartAt',
  'States',
  'Comment',
  'Version',
  'TimeoutSeconds',
  'QueryLanguage',
];
export const BRANCH_FIELDS: readonly string[] = ['StartAt', 'States', 'Comment'];
export const PROCESSOR_FIELDS: readonly string[] = ['StartAt', 'States', 'Comment', 'ProcessorConfig'];

export const RETRIER_FIELDS = new Set([
  'ErrorEquals',
  'IntervalSeconds',
  'MaxAttempts',
  'BackoffRate',
  'MaxDelaySeconds',
  'JitterStrategy',
  'Comment',
]);
export const CATCHER_FIELDS: Record<QueryLanguage, Set<string>> = {
  JSONPath: new Set(['ErrorEquals', 'Next', 'ResultPath', 'Assign', 'Comment']),
  JSONata: new Set(['ErrorEquals', 'Next', 'Output', 'Assign', 'Comment']),
};
