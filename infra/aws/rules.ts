/**
 * One EventBridge rule per `RuleSpec`, on its bus (or the default bus, where S3 and MediaConvert
 * send), with its targets' input, retry policy and dead-letter queue as the spec gives them.
 */
import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { RuleSpec, TargetSpec } from '../topology';
import { DEFAULT_BUS } from './checks';
import { lookup } from './resources';

export interface RulesProps {
  /** Checked by `resolveTopology`: every bus, target and dead-letter queue exists. */
  specs: RuleSpec[];
  buses: ReadonlyMap<string, events.IEventBus>;
  functions: ReadonlyMap<string, lambda.IFunction>;
  workflows: ReadonlyMap<string, sfn.IStateMachine>;
  queues: ReadonlyMap<string, sqs.IQueue>;
}

/** The topology's rules, by name. */
export class Rules extends Construct {
  readonly byName: ReadonlyMap<string, events.Rule>;

  constructor(scope: Construct, id: string, props: RulesProps) {
    super(scope, id);
    this.byName = new Map(props.specs.map((spec) => [spec.name, this.create(spec, props)]));
  }

  private create(spec: RuleSpec, props: RulesProps): events.Rule {
    return new events.Rule(this, spec.name, {
      eventBus: spec.bus === DEFAULT_BUS ? undefined : lookup(props.buses, spec.bus),
      // The spec's pattern is EventBridge's own JSON (`detail-type`, operators), passed through as written.
      eventPattern: spec.pattern as events.EventPattern,
      targets: spec.targets.map((target) => targetOf(target, props)),
    });
  }
}

function targetOf(spec: TargetSpec, props: RulesProps): events.IRuleTarget {
  const input = inputOf(spec);
  const common = {
    retryAttempts: spec.retry?.maximumRetryAttempts,
    maxEventAge:
      spec.retry?.maximumEventAgeSeconds === undefined
        ? undefined
        : Duration.seconds(spec.retry.maximumEventAgeSeconds),
    deadLetterQueue:
      spec.deadLetterQueue === undefined ? undefined : lookup(props.queues, spec.deadLetterQueue),
  };
  if ('workflow' in spec) {
    return new targets.SfnStateMachine(lookup(props.workflows, spec.workflow), {
      ...common,
      input,
    });
  }
  if ('queue' in spec) {
    return new targets.SqsQueue(lookup(props.queues, spec.queue), { ...common, message: input });
  }
  return new targets.LambdaFunction(lookup(props.functions, spec.function), {
    ...common,
    event: input,
  });
}

function inputOf(spec: TargetSpec): events.RuleTargetInput | undefined {
  if (spec.input !== undefined) return new LiteralInput({ input: JSON.stringify(spec.input) });
  if (spec.inputPath !== undefined) return events.RuleTargetInput.fromEventPath(spec.inputPath);
  if (spec.inputTransformer !== undefined) {
    return new LiteralInput({
      inputPathsMap: spec.inputTransformer.inputPathsMap,
      inputTemplate: spec.inputTransformer.inputTemplate,
    });
  }
  return undefined;
}

/**
 * A target input exactly as the spec writes it. The CDK's own inputs derive paths maps from
 * `EventField` tokens and rewrite templates; the local runtime reads the spec as is, so AWS must too.
 */
class LiteralInput extends events.RuleTargetInput {
  constructor(private readonly properties: events.RuleTargetInputProperties) {
    super();
  }

  bind(): events.RuleTargetInputProperties {
    return this.properties;
  }
}
