// Shapes of an Amazon States Language definition once validateDefinition has accepted it.
// The validator checks every field's type, so the runtime may read these fields without re-checking.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export type QueryLanguage = 'JSONPath' | 'JSONata';
export type WorkflowType = 'STANDARD' | 'EXPRESS';
export type StateType = 'Pass' | 'Task' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';

export type Retrier = {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
  Comment?: string;
};

export type Catcher = {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
  Output?: Json;
  Assign?: JsonObject;
  Comment?: string;
};

/** A JSONPath Choice rule (data-test expression or boolean combinator); JSONata rules use Condition. */
export type ChoiceRule = { [key: string]: Json } & {
  Next?: string;
  Variable?: string;
  And?: ChoiceRule[];
  Or?: ChoiceRule[];
  Not?: ChoiceRule;
  Condition?: Json;
  Assign?: JsonObject;
  Output?: Json;
};

export type ProcessorConfig = { Mode?: 'INLINE' | 'DISTRIBUTED'; ExecutionType?: 'STANDARD' | 'EXPRESS' };

export type SubMachine = {
  StartAt: string;
  States: Record<string, StateDef>;
  Comment?: string;
  ProcessorConfig?: ProcessorConfig;
};

export type StateDef = {
  Type: StateType;
  Comment?: string;
  QueryLanguage?: QueryLanguage;
  Next?: string;
  End?: boolean;
  InputPath?: string | null;
  OutputPath?: string | null;
  ResultPath?: string | null;
  Parameters?: Json;
  ResultSelector?: Json;
  Result?: Json;
  Arguments?: Json;
  Output?: Json;
  Assign?: JsonObject;
  Resource?: string;
  TimeoutSeconds?: number | string;
  TimeoutSecondsPath?: string;
  HeartbeatSeconds?: number | string;
  HeartbeatSecondsPath?: string;
  Retry?: Retrier[];
  Catch?: Catcher[];
  Choices?: ChoiceRule[];
  Default?: string;
  Seconds?: number | string;
  Timestamp?: string;
  SecondsPath?: string;
  TimestampPath?: string;
  Error?: string;
  Cause?: string;
  ErrorPath?: string;
  CausePath?: string;
  Branches?: SubMachine[];
  ItemProcessor?: SubMachine;
  Iterator?: SubMachine;
  ItemsPath?: string;
  Items?: Json;
  ItemSelector?: Json;
  MaxConcurrency?: number | string;
  MaxConcurrencyPath?: string;
  ToleratedFailureCount?: number | string;
  ToleratedFailureCountPath?: string;
  ToleratedFailurePercentage?: number | string;
  ToleratedFailurePercentagePath?: string;
  Label?: string;
  ItemReader?: Json;
  ItemBatcher?: Json;
  ResultWriter?: Json;
  Credentials?: Json;
};

/**
 * A state definition with every field present, `undefined` where the definition has none, built
 * once per state (runtime/prepared-state.ts).
 */
export type PreparedDef = {
  readonly [K in keyof StateDef]-?: K extends 'Type' ? StateType : StateDef[K] | undefined;
};

export type Definition = {
  StartAt: string;
  States: Record<string, StateDef>;
  Comment?: string;
  Version?: string;
  TimeoutSeconds?: number;
  QueryLanguage?: QueryLanguage;
};

/** One reason validateDefinition rejected a definition, naming the state and field at fault. */
export type DefinitionError = { state?: string; field?: string; message: string };
