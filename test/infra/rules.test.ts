/** EventBridge rules: bus, pattern, and each target's input, retry policy and dead-letter queue. */
import { resourcesTopology } from '../fixtures/resources-topology';
import {
  getAtt,
  logicalId,
  propertiesOf,
  ref,
  resourcesAllowing,
  statementsOf,
  synth,
} from '../support/template';

const { stack, template } = synth(resourcesTopology);

const rule = (name: string) => stack.rules.get(name)!;
const queueArn = (name: string) => getAtt(stack, stack.queues.get(name)!, 'Arn');

describe('rules', () => {
  it('listens on the default bus when the spec says default, and on its bus otherwise', () => {
    expect(propertiesOf(template, stack, rule('videoUploaded')).EventBusName).toBeUndefined();
    expect(propertiesOf(template, stack, rule('paymentVerified')).EventBusName).toEqual(
      ref(stack, stack.buses.get('lectern')!),
    );
  });

  it('matches the pattern exactly as written, content filters included', () => {
    expect(propertiesOf(template, stack, rule('paymentVerified')).EventPattern).toEqual({
      source: ['lectern.payments'],
      'detail-type': ['Payment Verified'],
      detail: { amount: [{ numeric: ['>', 0] }] },
    });
  });

  it('starts a workflow with the transformed event, retrying and dead-lettering as the spec says', () => {
    const [target] = propertiesOf(template, stack, rule('videoUploaded')).Targets;

    expect(target).toEqual(
      expect.objectContaining({
        Arn: ref(stack, stack.workflows.get('transcode')!),
        InputTransformer: {
          InputPathsMap: { bucket: '$.detail.bucket.name', key: '$.detail.object.key' },
          InputTemplate: '{"bucket": <bucket>, "key": <key>}',
        },
        RetryPolicy: { MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: { Arn: queueArn('undelivered') },
      }),
    );
  });

  it('gives the workflow target a role that may start that workflow only', () => {
    const [target] = propertiesOf(template, stack, rule('videoUploaded')).Targets;
    const statements = statementsOf(template, target.RoleArn['Fn::GetAtt'][0]);

    expect(resourcesAllowing(statements, 'states:StartExecution')).toEqual([
      ref(stack, stack.workflows.get('transcode')!),
    ]);
  });

  it('invokes a function with a path of the event, and a queue with a constant', () => {
    const [toFunction, toQueue] = propertiesOf(template, stack, rule('paymentVerified')).Targets;

    expect(toFunction).toEqual(
      expect.objectContaining({
        Arn: getAtt(stack, stack.functions.get('onPayment')!, 'Arn'),
        InputPath: '$.detail',
        DeadLetterConfig: { Arn: queueArn('undelivered') },
      }),
    );
    expect(toQueue).toEqual(
      expect.objectContaining({ Arn: queueArn('outbox'), Input: '{"kind":"receipt"}' }),
    );
    // Unset in the spec: AWS's own defaults (185 attempts over 24 h), no dead-letter queue.
    expect(toQueue.RetryPolicy).toBeUndefined();
    expect(toQueue.DeadLetterConfig).toBeUndefined();
  });

  it('lets its rule, and nothing else, invoke the function target', () => {
    const permissions = template.findResources('AWS::Lambda::Permission', {
      Properties: { FunctionName: getAtt(stack, stack.functions.get('onPayment')!, 'Arn') },
    });

    expect(Object.values(permissions).map((p) => [p.Properties.Principal, p.Properties.SourceArn])).toEqual([
      ['events.amazonaws.com', getAtt(stack, rule('paymentVerified'), 'Arn')],
    ]);
  });

  it('lets EventBridge dead-letter into the queue from these rules only', () => {
    const policies = Object.values(template.findResources('AWS::SQS::QueuePolicy')).filter(
      (p) => p.Properties.Queues[0].Ref === logicalId(stack, stack.queues.get('undelivered')!),
    );
    const allows = policies
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
      .filter((s) => s.Effect === 'Allow');

    expect(allows.map((s) => [s.Principal, s.Action, s.Condition])).toEqual([
      [
        { Service: 'events.amazonaws.com' },
        'sqs:SendMessage',
        { ArnEquals: { 'aws:SourceArn': getAtt(stack, rule('videoUploaded'), 'Arn') } },
      ],
      [
        { Service: 'events.amazonaws.com' },
        'sqs:SendMessage',
        { ArnEquals: { 'aws:SourceArn': getAtt(stack, rule('paymentVerified'), 'Arn') } },
      ],
    ]);
  });
});
