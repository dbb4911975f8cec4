/** Queues, tables, buckets and buses as the topology declares them. */
import { resourcesTopology } from '../fixtures/resources-topology';
import { getAtt, logicalId, propertiesOf, ref, synth } from '../support/template';

const { stack, template } = synth(resourcesTopology);

const queue = (name: string) => stack.queues.get(name)!;
const bucket = (name: string) => stack.buckets.get(name)!;

/** The statements of the resource policy of the queue or bucket with logical ID `id`. */
function policyStatementsOf(type: 'AWS::SQS::QueuePolicy' | 'AWS::S3::BucketPolicy', id: string) {
  const key = type === 'AWS::SQS::QueuePolicy' ? 'Queues' : 'Bucket';
  const policies = Object.values(template.findResources(type)).filter((p) =>
    JSON.stringify(p.Properties[key]).includes(`"${id}"`),
  );
  return policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
}

const DENY_PLAIN_HTTP = { Bool: { 'aws:SecureTransport': 'false' } };

describe('queues', () => {
  it('moves a message to the dead-letter queue after maxReceiveCount receives', () => {
    expect(propertiesOf(template, stack, queue('outbox')).RedrivePolicy).toEqual({
      deadLetterTargetArn: getAtt(stack, queue('outbox-dead'), 'Arn'),
      maxReceiveCount: 5,
    });
  });

  it('takes visibility timeout, retention and delay from the spec, leaving the rest to SQS', () => {
    const outbox = propertiesOf(template, stack, queue('outbox'));
    const failures = propertiesOf(template, stack, queue('failures'));

    expect([outbox.VisibilityTimeout, outbox.MessageRetentionPeriod, outbox.DelaySeconds]).toEqual([
      60, 345600, 5,
    ]);
    expect([failures.VisibilityTimeout, failures.MessageRetentionPeriod, failures.DelaySeconds]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('encrypts every queue and refuses plain HTTP to it', () => {
    for (const [name, q] of stack.queues) {
      expect([name, propertiesOf(template, stack, q).SqsManagedSseEnabled]).toEqual([name, true]);
      expect(policyStatementsOf('AWS::SQS::QueuePolicy', logicalId(stack, q))).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Action: 'sqs:*', Condition: DENY_PLAIN_HTTP }),
      );
    }
  });
});

describe('tables', () => {
  const users = () => stack.tables.get('users')!;

  it('keys the table and its index as the spec says, on demand', () => {
    const properties = propertiesOf(template, stack, users());

    expect(properties.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(properties.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: 'byEmail',
        KeySchema: [{ AttributeName: 'email', KeyType: 'HASH' }],
        Projection: { ProjectionType: 'ALL' },
      },
    ]);
  });

  it('expires items by the TTL attribute and keeps point-in-time recovery', () => {
    const properties = propertiesOf(template, stack, users());

    expect(properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    expect(properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
  });

  it('keeps the table when the stack or the resource is deleted', () => {
    const { DeletionPolicy, UpdateReplacePolicy } = template.toJSON().Resources[logicalId(stack, users())];

    expect([DeletionPolicy, UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
  });
});

describe('buckets', () => {
  it('blocks public access, encrypts, and refuses plain HTTP on every bucket', () => {
    for (const b of stack.buckets.values()) {
      const properties = propertiesOf(template, stack, b);
      expect(properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(properties.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
        { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
      ]);
      expect(policyStatementsOf('AWS::S3::BucketPolicy', logicalId(stack, b))).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: DENY_PLAIN_HTTP }),
      );
    }
  });

  it('lets browsers at the spec origins PUT, GET and HEAD', () => {
    expect(propertiesOf(template, stack, bucket('uploads')).CorsConfiguration.CorsRules).toEqual([
      expect.objectContaining({
        AllowedOrigins: ['https://app.example.com'],
        AllowedMethods: ['PUT', 'GET', 'HEAD'],
      }),
    ]);
  });

  it('sends object events to EventBridge from the buckets that ask for it only', () => {
    const notifications = Object.values(template.findResources('Custom::S3BucketNotifications'));

    expect(
      notifications.map((n) => [n.Properties.BucketName, n.Properties.NotificationConfiguration]),
    ).toEqual([[ref(stack, bucket('uploads')), { EventBridgeConfiguration: {} }]]);
  });
});

describe('buses', () => {
  it('archives every event of the bus for the spec retention', () => {
    const lectern = stack.buses.get('lectern')!;

    template.hasResourceProperties('AWS::Events::Archive', {
      SourceArn: getAtt(stack, lectern, 'Arn'),
      RetentionDays: 30,
      EventPattern: { account: [{ Ref: 'AWS::AccountId' }] },
    });
  });
});
