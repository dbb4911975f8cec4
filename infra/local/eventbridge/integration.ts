import type { Json, JsonObject } from '../../../workflows/asl';
import { AwsError } from '../http/aws-error';
import { StatesError } from '../stepfunctions/asl/states-error';
import { parseExecutionArn, stateMachineArn } from '../stepfunctions/arns';
import type { Integration, TaskRequest } from '../stepfunctions/integrations/integration';
import type { EventEntry } from './entries';
import type { LocalEventBridge } from './local-eventbridge';

/**
 * `arn:aws:states:::events:putEvents` (and `.waitForTaskToken`): Entries with Detail as an object
 * or a string; the execution's and its state machine's ARNs are added to every entry's
 * Resources. The result is PutEvents' answer once committed; a failed entry fails the task with
 * `EventBridge.FailedEntry` and that answer as the cause (aws-wire.md §2.3–2.4).
 */
export function eventBridgeIntegration(events: LocalEventBridge): Integration {
  return {
    async start({ parameters, executionArn }: TaskRequest): Promise<Json> {
      const params = (parameters ?? {}) as JsonObject;
      if (!Array.isArray(params.Entries)) {
        throw new StatesError('States.Runtime', "The field 'Entries' of events:putEvents must be an array");
      }
      const execution = parseExecutionArn(executionArn);
      const callers = [executionArn, ...(execution ? [stateMachineArn(execution.machineName)] : [])];
      const entries = params.Entries.map((item) => toEntry(item as JsonObject, callers));
      let result;
      try {
        result = events.accept(entries, false);
      } catch (error) {
        if (!(error instanceof AwsError)) throw error;
        throw new StatesError(
          'EventBridge.AmazonEventBridgeException',
          `${error.message} (Service: AmazonEventBridge; Status Code: ${error.status}; Error Code: ${error.code}; Proxy: null)`,
        );
      }
      await events.committed();
      const answer = {
        Entries: result.Entries,
        FailedEntryCount: result.FailedEntryCount,
      } as unknown as JsonObject;
      if (result.FailedEntryCount > 0)
        throw new StatesError('EventBridge.FailedEntry', JSON.stringify(answer));
      return answer;
    },
  };
}

function toEntry(item: JsonObject, callers: string[]): EventEntry {
  const text = (value: Json | undefined) => (typeof value === 'string' ? value : undefined);
  const resources = Array.isArray(item.Resources) ? item.Resources.filter((r) => typeof r === 'string') : [];
  const detail = item.Detail;
  return {
    Source: text(item.Source),
    DetailType: text(item.DetailType),
    Detail:
      detail === undefined || detail === null || typeof detail === 'string'
        ? text(detail)
        : JSON.stringify(detail),
    EventBusName: text(item.EventBusName),
    Resources: [...(resources as string[]), ...callers],
  };
}
