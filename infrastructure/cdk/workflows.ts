import { existsSync } from 'node:fs';
import { SAGA_NAME } from '#infra/topology/names.ts';
import {
  functionNameOf,
  placeholdersOf,
  readDefinition,
  type WorkflowName,
  workflowFiles,
} from '#infra/workflows/definitions.ts';

/**
 * How each ASL file of `infrastructure/workflows/` is deployed. The order saga waits for people (approval), so it
 * is Standard; every other workflow is short and at-least-once by design, so it is Express. `startedBy` is the
 * function that starts executions and the variable it finds the ARN in.
 */
export type WorkflowSpec = Readonly<{
  name: WorkflowName;
  type: 'STANDARD' | 'EXPRESS';
  startedBy?: Readonly<{ fn: string; env: string }>;
}>;

// Strings, not typed names: a starter that is not (yet) in the catalog is skipped, not a compile error.
const starters: Readonly<Record<string, { fn: string; env: string }>> = {
  [SAGA_NAME]: { fn: 'start-order-saga', env: 'STATE_MACHINE_ARN' },
  'import-chunk': { fn: 'import-chunk-processor', env: 'IMPORT_CHUNK_STATE_MACHINE_ARN' },
};

/**
 * Every workflow whose ASL file exists. A listed file that is not there yet (another change in flight) is left
 * out rather than failing the whole synth; the workflow's own tests read the file and fail on a real omission.
 */
export const workflowSpecs = (): readonly WorkflowSpec[] =>
  (Object.keys(workflowFiles) as WorkflowName[])
    .filter((name) => existsSync(workflowFiles[name]))
    .map((name) => {
      const starter = starters[name];
      return { name, type: name === SAGA_NAME ? 'STANDARD' : 'EXPRESS', ...(starter && { startedBy: starter }) };
    });

/** The task functions of every workflow, one per `${XArn}` placeholder (shared ones listed once). */
export const workflowTaskNames = (): string[] => [
  ...new Set(workflowSpecs().flatMap((w) => placeholdersOf(readDefinition(w.name)).map(functionNameOf))),
];
