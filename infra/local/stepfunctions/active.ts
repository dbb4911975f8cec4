import type { Json, JsonObject } from '../../../workflows/asl';
import type { ParsedDefinition } from './definition';
import type { Branch, ExecutionRecord } from './records';

/** An execution the engine is running: its record, definition and branches, kept in memory. */
export interface Active {
  rec: ExecutionRecord;
  machineName: string;
  roleArn: string;
  definition: ParsedDefinition;
  input: Json;
  branches: Map<string, Branch>;
  timers: Map<string, () => void>;
  /** `$$.Execution` and `$$.StateMachine`, built once per start or redrive. */
  contextBase?: { Execution: JsonObject; StateMachine: JsonObject };
}
