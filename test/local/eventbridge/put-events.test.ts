import {
  CreateEventBusCommand,
  DisableRuleCommand,
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { inbox, receiveBodies, unique } from '../../support/eventbridge';
import { EMPTY_TOPOLOGY, useRuntime } from '../../support/local';

const local = useRuntime(EMPTY_TOPOLOGY, { eb: EventBridgeClient, sqs: SQSClient });

const entry = (source: string, detail: object = { n: 1 }): PutEventsRequestEntry => ({
  Source: source,
  DetailType: 'Thing Happened',
  Detail: JSON.stringify(detail),
});

describe('delivered events', () => {
  it('carry AWS envelope, in AWS member order', async () => {
    const source = unique('lectern.envelope');
    const { queueUrl } = await inbox(local, source);
    const { Entries } = await local.eb.send(
      new PutEventsCommand({ Entries: [{ ...entry(source, { order: 7 }), Resources: ['arn:aws:s3:::b'] }] }),
    );
    const [event] = await receiveBodies(local.sqs, queueUrl, 1);
    expect(event).toEqual({
      version: '0',
      id: Entries![0].EventId,
      'detail-type': 'Thing Happened',
      source,
      account: '000000000000',
      time: '2026-01-01T00:00:00Z',
      region: 'us-east-1',
      resources: ['arn:aws:s3:::b'],
      detail: { order: 7 },
    });
    expect(Object.keys(event as object)).toEqual([
      'version',
      'id',
      'detail-type',
      'source',
      'account',
      'time',
      'region',
      'resources',
      'detail',
    ]);
  });

  it('take the entry Time when given', async () => {
    const source = unique('lectern.time');
    const { queueUrl } = await inbox(local, source);
    await local.eb.send(
      new PutEventsCommand({ Entries: [{ ...entry(source), Time: new Date('2024-01-02T03:04:05Z') }] }),
    );
    expect(await receiveBodies(local.sqs, queueUrl, 1)).toEqual([
      expect.objectContaining({ time: '2024-01-02T03:04:05Z' }),
    ]);
  });

  it('go to the bus named by name or ARN', async () => {
    const bus = unique('bus');
    await local.eb.send(new CreateEventBusCommand({ Name: bus }));
    const source = unique('lectern.bus');
    const { queueUrl } = await inbox(local, source, bus);
    await local.eb.send(
      new PutEventsCommand({ Entries: [{ ...entry(source, { by: 'name' }), EventBusName: bus }] }),
    );
    await local.eb.send(
      new PutEventsCommand({
        Entries: [
          {
            ...entry(source, { by: 'arn' }),
            EventBusName: `arn:aws:events:us-east-1:000000000000:event-bus/${bus}`,
          },
        ],
      }),
    );
    const details = (await receiveBodies(local.sqs, queueUrl, 2)).map(
      (e) => (e as { detail: unknown }).detail,
    );
    expect(details).toEqual(expect.arrayContaining([{ by: 'name' }, { by: 'arn' }]));
  });

  it('do not reach a disabled rule', async () => {
    const source = unique('lectern.disabled');
    const quiet = unique('rule');
    await local.eb.send(
      new PutRuleCommand({ Name: quiet, EventPattern: JSON.stringify({ source: [source] }) }),
    );
    await local.eb.send(
      new PutTargetsCommand({
        Rule: quiet,
        Targets: [{ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:000000000000:nowhere' }],
      }),
    );
    await local.eb.send(new DisableRuleCommand({ Name: quiet }));
    await local.eb.send(new PutEventsCommand({ Entries: [entry(source)] }));
    expect(local.runtime.events.dispatcher.pending()).toEqual([]);
  });
});

describe('PutEvents answers', () => {
  it('reports each entry: EventId or AWS error code and message', async () => {
    const source = unique('lectern.mixed');
    const { queueUrl } = await inbox(local, source);
    const answer = await local.eb.send(
      new PutEventsCommand({
        Entries: [
          entry(source, { ok: 1 }),
          { DetailType: 'x', Detail: '{}' },
          { Source: source, Detail: '{}' },
          { Source: source, DetailType: 'x' },
          { Source: source, DetailType: 'x', Detail: '"a string"' },
          { Source: source, DetailType: 'x', Detail: '[1]' },
          { Source: source, DetailType: 'x', Detail: '{not json' },
          { Source: 'aws.s3', DetailType: 'Object Created', Detail: '{}' },
        ],
      }),
    );
    expect(answer.FailedEntryCount).toBe(7);
    expect(answer.Entries![0].EventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.Entries!.slice(1)).toEqual([
      {
        ErrorCode: 'InvalidArgument',
        ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.',
      },
      {
        ErrorCode: 'InvalidArgument',
        ErrorMessage: 'Parameter DetailType is not valid. Reason: DetailType is a required argument.',
      },
      {
        ErrorCode: 'InvalidArgument',
        ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.',
      },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' },
    ]);
    expect(await receiveBodies(local.sqs, queueUrl, 1)).toEqual([
      expect.objectContaining({ detail: { ok: 1 } }),
    ]);
  });

  it('accept events for a bus that does not exist, and drop them (as AWS)', async () => {
    const answer = await local.eb.send(
      new PutEventsCommand({ Entries: [{ ...entry('lectern.lost'), EventBusName: 'nowhere' }] }),
    );
    expect(answer).toMatchObject({ FailedEntryCount: 0, Entries: [{ EventId: expect.any(String) }] });
  });

  it('refuse more than ten entries', async () => {
    const entries = Array.from({ length: 11 }, () => entry('lectern.many'));
    await expect(local.eb.send(new PutEventsCommand({ Entries: entries }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringMatching(
        /^1 validation error detected: Value '\[PutEventsRequestEntry\(time=null, source=lectern\.many, resources=null, detailType=Thing Happened, detail=\{"n":1\}, eventBusName=null, traceHeader=null, kmsKeyIdentifier=null, internalMetadata=null\), .*\]' at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10$/,
      ),
    });
  });

  it('refuse no entries', async () => {
    await expect(local.eb.send(new PutEventsCommand({ Entries: [] }))).rejects.toMatchObject({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value '[]' at 'entries' failed to satisfy constraint: Member must have length greater than or equal to 1",
    });
  });

  it('refuse more than 256 KiB of entries, counted as AWS counts', async () => {
    // 1 + 1 + 8 + n bytes: Source, DetailType, and Detail `{"x":"…"}` with n characters.
    const big = { Source: 's', DetailType: 'd', Detail: JSON.stringify({ x: 'y'.repeat(256 * 1024 - 9) }) };
    await expect(local.eb.send(new PutEventsCommand({ Entries: [big] }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Total size of the entries in the request is over the limit.',
    });
    const fits = { ...big, Detail: JSON.stringify({ x: 'y'.repeat(256 * 1024 - 10) }) };
    expect((await local.eb.send(new PutEventsCommand({ Entries: [fits] }))).FailedEntryCount).toBe(0);
  });
});

describe('the internal putEvents (for S3, MediaConvert)', () => {
  it('allows AWS sources and a Date time, and is committed when it returns', async () => {
    const { queueUrl } = await inbox(local, 'aws.s3');
    const answer = local.runtime.events.putEvents([
      {
        Source: 'aws.s3',
        DetailType: 'Object Created',
        Detail: JSON.stringify({ bucket: { name: 'uploads' } }),
        Resources: ['arn:aws:s3:::uploads'],
        Time: new Date('2025-05-05T05:05:05.500Z'),
      },
    ]);
    expect(answer).toMatchObject({ FailedEntryCount: 0, Entries: [{ EventId: expect.any(String) }] });
    expect(local.runtime.events.store.deliveries().length).toBeGreaterThan(0);
    expect(await receiveBodies(local.sqs, queueUrl, 1)).toEqual([
      expect.objectContaining({
        source: 'aws.s3',
        time: '2025-05-05T05:05:05Z',
        resources: ['arn:aws:s3:::uploads'],
      }),
    ]);
  });

  it('checks entries as the API does', () => {
    expect(local.runtime.events.putEvents([{ Source: 'aws.s3', DetailType: 'x', Detail: '[]' }])).toEqual({
      FailedEntryCount: 1,
      Entries: [{ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' }],
    });
  });
});
