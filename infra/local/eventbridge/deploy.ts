import type { TargetSpec, Topology } from '../../topology';
import { LocalFunctions } from '../lambda/functions';
import { localResources } from '../resources';
import { stateMachineArn } from '../stepfunctions/arns';
import type { LocalEventBridge } from './local-eventbridge';
import { EventPattern } from './pattern/pattern';
import type { TargetRecord } from './records';

/**
 * Creates (or updates) the topology's buses, their archives and the rules with their targets,
 * as `cdk deploy` would: an archive is `<bus>Archive` (the CDK construct's id), targets are
 * `Target0`, `Target1`… (the CDK's ids), and a rule's targets are replaced by the spec's.
 */
export function deployEventBridge(topology: Topology, events: LocalEventBridge, endpointUrl: string): void {
  const { model } = events;
  for (const spec of topology.buses ?? []) {
    if (!model.hasBus(spec.name)) model.createBus(spec.name);
    if (spec.archiveRetentionDays === undefined) continue;
    const name = `${spec.name}Archive`;
    if (model.hasArchive(name)) model.setArchiveRetention(name, spec.archiveRetentionDays);
    else {
      model.createArchive(
        { name, bus: spec.name, retentionDays: spec.archiveRetentionDays, createdAt: events.clock.now() },
        undefined,
      );
    }
  }
  const resources = localResources(endpointUrl);
  for (const spec of topology.rules ?? []) {
    const eventPattern = JSON.stringify(spec.pattern);
    model.putRule(
      { name: spec.name, bus: spec.bus, eventPattern, state: 'ENABLED' },
      EventPattern.compile(eventPattern),
    );
    const targets = spec.targets.map((target, i) => targetRecord(target, `Target${i}`, resources.queueArn));
    const stale = model.rule(spec.bus, spec.name).targets.filter((t) => !targets.some((n) => n.Id === t.Id));
    model.removeTargets(
      spec.bus,
      spec.name,
      stale.map((t) => t.Id),
    );
    model.putTargets(spec.bus, spec.name, targets);
  }
}

function targetRecord(spec: TargetSpec, id: string, queueArn: (name: string) => string): TargetRecord {
  const arn =
    'workflow' in spec
      ? stateMachineArn(spec.workflow)
      : 'queue' in spec
        ? queueArn(spec.queue)
        : LocalFunctions.arn(spec.function);
  return {
    Id: id,
    Arn: arn,
    ...(spec.input !== undefined ? { Input: JSON.stringify(spec.input) } : {}),
    ...(spec.inputPath !== undefined ? { InputPath: spec.inputPath } : {}),
    ...(spec.inputTransformer
      ? {
          InputTransformer: {
            ...(spec.inputTransformer.inputPathsMap
              ? { InputPathsMap: spec.inputTransformer.inputPathsMap }
              : {}),
            InputTemplate: spec.inputTransformer.inputTemplate,
          },
        }
      : {}),
    ...(spec.retry
      ? {
          RetryPolicy: {
            ...(spec.retry.maximumRetryAttempts !== undefined
              ? { MaximumRetryAttempts: spec.retry.maximumRetryAttempts }
              : {}),
            ...(spec.retry.maximumEventAgeSeconds !== undefined
              ? { MaximumEventAgeInSeconds: spec.retry.maximumEventAgeSeconds }
              : {}),
          },
        }
      : {}),
    ...(spec.deadLetterQueue !== undefined
      ? { DeadLetterConfig: { Arn: queueArn(spec.deadLetterQueue) } }
      : {}),
  };
}
