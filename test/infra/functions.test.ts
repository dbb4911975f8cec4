/** Functions: SQS event sources, asynchronous invocation, concurrency, and exactly the access they list. */
import { resourcesTopology } from '../fixtures/resources-topology';
import {
  actionsOf,
  getAtt,
  logicalId,
  propertiesOf,
  ref,
  resourcesAllowing,
  statementsOf,
  synth,
  type Statement,
} from '../support/template';

const { stack, template } = synth(resourcesTopology);

const fn = (name: string) => stack.functions.get(name)!;
const statementsOfFunction = (name: string): Statement[] =>
  statementsOf(template, logicalId(stack, fn(name).role!));
const tableArns = () => {
  const arn = getAtt(stack, stack.tables.get('users')!, 'Arn');
  return [arn, { 'Fn::Join': ['', [arn, '/index/*']] }];
};
const bucketArns = (name: string) => {
  const arn = getAtt(stack, stack.buckets.get(name)!, 'Arn');
  return [arn, { 'Fn::Join': ['', [arn, '/*']] }];
};

describe('event sources, asynchronous invocation and concurrency', () => {
  it('consumes its queue in batches as the spec says, reporting failed items', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: ref(stack, fn('mailer')),
      EventSourceArn: getAtt(stack, stack.queues.get('outbox')!, 'Arn'),
      BatchSize: 5,
      MaximumBatchingWindowInSeconds: 2,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(resourcesAllowing(statementsOfFunction('mailer'), 'sqs:DeleteMessage')).toEqual([
      getAtt(stack, stack.queues.get('outbox')!, 'Arn'),
    ]);
  });

  it('retries asynchronous invocations as the spec says and sends failures to its queue', () => {
    const failures = getAtt(stack, stack.queues.get('failures')!, 'Arn');

    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: ref(stack, fn('onPayment')),
      MaximumRetryAttempts: 1,
      MaximumEventAgeInSeconds: 3600,
      DestinationConfig: { OnFailure: { Destination: failures } },
    });
    expect(resourcesAllowing(statementsOfFunction('onPayment'), 'sqs:SendMessage')).toEqual([failures]);
  });

  it('reserves concurrency for the function that asks for it only', () => {
    expect(propertiesOf(template, stack, fn('mailer')).ReservedConcurrentExecutions).toBe(2);
    expect(propertiesOf(template, stack, fn('uploads')).ReservedConcurrentExecutions).toBeUndefined();
  });
});

describe('access', () => {
  it('lets a reader read the table and its indexes, and not write', () => {
    const statements = statementsOfFunction('uploads');

    expect(resourcesAllowing(statements, 'dynamodb:Query')).toEqual(tableArns());
    expect(resourcesAllowing(statements, 'dynamodb:PutItem')).toEqual([]);
  });

  it('lets a writer read and write the table', () => {
    const statements = statementsOfFunction('onPayment');

    expect(resourcesAllowing(statements, 'dynamodb:PutItem')).toEqual(tableArns());
    expect(resourcesAllowing(statements, 'dynamodb:GetItem')).toEqual(tableArns());
  });

  it('lets a sender send to its queue only, without consuming', () => {
    const statements = statementsOfFunction('uploads');

    expect(resourcesAllowing(statements, 'sqs:SendMessage')).toEqual([
      getAtt(stack, stack.queues.get('outbox')!, 'Arn'),
    ]);
    expect(resourcesAllowing(statements, 'sqs:ReceiveMessage')).toEqual([]);
  });

  it('lets it write one bucket and read the other, as listed', () => {
    const statements = statementsOfFunction('uploads');

    expect(resourcesAllowing(statements, 's3:PutObject')).toEqual(bucketArns('uploads'));
    expect(resourcesAllowing(statements, 's3:GetObject*')).toEqual(bucketArns('media'));
  });

  it('lets it put events on its bus only', () => {
    expect(resourcesAllowing(statementsOfFunction('webhook'), 'events:PutEvents')).toEqual([
      getAtt(stack, stack.buses.get('lectern')!, 'Arn'),
    ]);
  });

  it('lets it start the workflow it may start, and answer no task', () => {
    const statements = statementsOfFunction('uploads');

    expect(resourcesAllowing(statements, 'states:StartExecution')).toEqual([
      ref(stack, stack.workflows.get('transcode')!),
    ]);
    expect(resourcesAllowing(statements, 'states:SendTaskSuccess')).toEqual([]);
  });

  it('lets it answer the task tokens of the workflow it calls back, and start nothing', () => {
    const statements = statementsOfFunction('mailer');
    const verifyEmail = ref(stack, stack.workflows.get('verifyEmail')!);

    for (const action of ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat']) {
      expect(resourcesAllowing(statements, action)).toEqual([verifyEmail]);
    }
    expect(resourcesAllowing(statements, 'states:StartExecution')).toEqual([]);
  });

  it('lets a mailing function send from the mailFrom identity only', () => {
    const identity = {
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':ses:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          ':identity/no-reply@example.com',
        ],
      ],
    };

    expect(resourcesAllowing(statementsOfFunction('mailer'), 'ses:SendEmail')).toEqual([identity]);
    expect(resourcesAllowing(statementsOfFunction('uploads'), 'ses:SendEmail')).toEqual([]);
  });

  it('grants a function nothing beyond tracing and what it lists', () => {
    expect(actionsOf(statementsOfFunction('webhook'))).toEqual([
      'events:PutEvents',
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
  });
});

describe('resource variables', () => {
  const variablesOf = (name: string) => {
    const {
      POWERTOOLS_SERVICE_NAME: _service,
      NODE_OPTIONS: _options,
      ...rest
    } = propertiesOf(template, stack, fn(name)).Environment.Variables;
    return rest;
  };

  it('names every resource a function accesses, and nothing else', () => {
    expect(variablesOf('uploads')).toEqual({
      TABLE_USERS: ref(stack, stack.tables.get('users')!),
      QUEUE_OUTBOX: ref(stack, stack.queues.get('outbox')!),
      BUCKET_UPLOADS: ref(stack, stack.buckets.get('uploads')!),
      BUCKET_MEDIA: ref(stack, stack.buckets.get('media')!),
      WORKFLOW_TRANSCODE: ref(stack, stack.workflows.get('transcode')!),
    });
  });

  it('names the bus by its name and the workflow it answers by its ARN', () => {
    // Ref gives a bus's name and a state machine's ARN.
    expect(variablesOf('webhook')).toEqual({ BUS_LECTERN: ref(stack, stack.buses.get('lectern')!) });
    expect(variablesOf('mailer')).toEqual({
      WORKFLOW_VERIFYEMAIL: ref(stack, stack.workflows.get('verifyEmail')!),
    });
  });
});
