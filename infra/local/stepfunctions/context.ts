import type { Json, JsonObject, QueryLanguage } from '../../../workflows/asl';
import type { Active } from './active';
import type { Scope } from './asl/dataflow';
import type { Branch } from './records';

/**
 * What a state's data flow reads. The Context object is built the first time something reads it:
 * most states never do, and building it is a good part of a plain state's cost.
 */
export class StateScope implements Scope {
  private built: JsonObject | undefined;

  constructor(
    private readonly ex: Active,
    private readonly b: Branch,
    readonly input: Json,
    readonly variables: Readonly<Record<string, Json>>,
    readonly queryLanguage: QueryLanguage,
  ) {}

  get context(): JsonObject {
    return (this.built ??= executionContext(this.ex, this.b));
  }
}

/** The Context object (`$$` in JSONPath, `$states.context` in JSONata) of a branch's current state. */
function executionContext(ex: Active, b: Branch): JsonObject {
  if (!ex.contextBase || ex.contextBase.Execution.RedriveCount !== ex.rec.redriveCount) {
    const execution: JsonObject = {
      Id: ex.rec.arn,
      Input: ex.input,
      Name: ex.rec.name,
      RoleArn: ex.roleArn,
      StartTime: new Date(ex.rec.startDate).toISOString(),
      RedriveCount: ex.rec.redriveCount,
    };
    if (ex.rec.redriveDate) execution.RedriveTime = new Date(ex.rec.redriveDate).toISOString();
    ex.contextBase = {
      Execution: execution,
      StateMachine: { Id: ex.rec.stateMachineArn, Name: ex.machineName },
    };
  }
  let retries = 0;
  for (const n of b.retries) retries += n;
  const context: JsonObject = {
    Execution: ex.contextBase.Execution,
    State: { Name: b.state, EnteredTime: isoTime(b.enteredAt), RetryCount: retries },
    StateMachine: ex.contextBase.StateMachine,
  };
  if (b.task?.token) context.Task = { Token: b.task.token };
  return context;
}

/** ISO-8601 text of an epoch-ms time; the last one is remembered, as many states share it. */
let lastIso = { at: NaN, text: '' };
function isoTime(at: number): string {
  if (lastIso.at !== at) lastIso = { at, text: new Date(at).toISOString() };
  return lastIso.text;
}
