import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * The ARN of an events rule Step Functions manages itself to learn when a `.sync` task's job or
 * execution ends (e.g. `StepFunctionsGetEventsForStepFunctionsExecutionRule`), in the stack's
 * account and region; a workflow waiting on such tasks must be allowed to create and describe it.
 */
export function syncEventsRuleArn(scope: IConstruct, rule: string): string {
  return Stack.of(scope).formatArn({
    service: 'events',
    resource: 'rule',
    resourceName: rule,
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
  });
}
