import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import type { Definition, JsonObject } from '../../../workflows/asl';
import { topology } from '../../fixtures/eventbridge-topology';
import { inbox, receiveBodies, unique } from '../../support/eventbridge';
import { useRuntime, waitForEvent } from '../../support/local';
import { createMachine, finished, run, startExecution } from '../../support/run';

const local = useRuntime(topology, { eb: EventBridgeClient, sqs: SQSClient });

const publish = (entries: JsonObject[], resource = 'arn:aws:states:::events:putEvents'): Definition => ({
  StartAt: 'Publish',
  States: { Publish: { Type: 'Task', Resource: resource, Parameters: { Entries: entries }, End: true } },
});

describe('events:putEvents', () => {
  it('puts the events and answers their ids', async () => {
    const source = unique('lectern.sfn');
    const { queueUrl } = await inbox(local, source);
    const execution = await run(
      local.runtime,
      local.sfn,
      publish([{ Source: source, DetailType: 'Order Placed', 'Detail.$': '$' }]),
      { order: 9 },
    );
    expect(execution.status).toBe('SUCCEEDED');
    const [event] = (await receiveBodies(local.sqs, queueUrl, 1)) as Array<Record<string, unknown>>;
    expect(execution.result).toEqual({ Entries: [{ EventId: event.id }], FailedEntryCount: 0 });
    expect(event.detail).toEqual({ order: 9 });
  });

  it('adds the execution and its state machine to the resources', async () => {
    const source = unique('lectern.sfn');
    const { queueUrl } = await inbox(local, source);
    const machine = await createMachine(
      local.sfn,
      publish([
        { Source: source, DetailType: 'Seen', Detail: { ok: true }, Resources: ['arn:aws:s3:::own'] },
      ]),
    );
    const executionArn = await startExecution(local.sfn, machine);
    await finished(local.runtime, local.sfn, executionArn);
    const [event] = (await receiveBodies(local.sqs, queueUrl, 1)) as Array<Record<string, unknown>>;
    expect(event.resources).toEqual(['arn:aws:s3:::own', executionArn, machine]);
  });

  it('takes the detail as a string too', async () => {
    const source = unique('lectern.sfn');
    const { queueUrl } = await inbox(local, source);
    await run(
      local.runtime,
      local.sfn,
      publish([{ Source: source, DetailType: 'Seen', Detail: '{"as":"text"}' }]),
    );
    expect(await receiveBodies(local.sqs, queueUrl, 1)).toEqual([
      expect.objectContaining({ detail: { as: 'text' } }),
    ]);
  });

  it('fails with EventBridge.FailedEntry and the answer as cause when an entry fails', async () => {
    const execution = await run(
      local.runtime,
      local.sfn,
      publish([{ Source: 'lectern.sfn', DetailType: 'Seen', Detail: 'not json' }]),
    );
    expect(execution).toMatchObject({ status: 'FAILED', error: 'EventBridge.FailedEntry' });
    expect(JSON.parse(execution.cause!)).toEqual({
      Entries: [{ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' }],
      FailedEntryCount: 1,
    });
  });

  it('does not let a workflow speak for an AWS service', async () => {
    const execution = await run(
      local.runtime,
      local.sfn,
      publish([{ Source: 'aws.s3', DetailType: 'Object Created', Detail: {} }]),
    );
    expect(execution.error).toBe('EventBridge.FailedEntry');
  });

  it('waits for the task token with .waitForTaskToken', async () => {
    const source = unique('lectern.sfn');
    const { queueUrl } = await inbox(local, source);
    const machine = await createMachine(
      local.sfn,
      publish(
        [{ Source: source, DetailType: 'Mail Requested', Detail: { 'token.$': '$$.Task.Token' } }],
        'arn:aws:states:::events:putEvents.waitForTaskToken',
      ),
    );
    const executionArn = await startExecution(local.sfn, machine);
    await waitForEvent(local.sfn, executionArn, 'TaskSubmitted');
    const [event] = (await receiveBodies(local.sqs, queueUrl, 1)) as Array<{ detail: { token: string } }>;
    await local.sfn.send(
      new SendTaskSuccessCommand({ taskToken: event.detail.token, output: '{"sent":true}' }),
    );
    expect(await finished(local.runtime, local.sfn, executionArn)).toMatchObject({
      status: 'SUCCEEDED',
      result: { sent: true },
    });
  });

  it('publishes on the bus a topology workflow names', async () => {
    const executionArn = await startExecution(
      local.sfn,
      'arn:aws:states:us-east-1:000000000000:stateMachine:ebPublish',
      { order: 5 },
    );
    expect((await finished(local.runtime, local.sfn, executionArn)).status).toBe('SUCCEEDED');
    expect(await receiveBodies(local.sqs, local.runtime.sqs.url('eb-orders'), 1)).toEqual([{ order: 5 }]);
  });
});
