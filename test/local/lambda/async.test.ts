import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { invocations, openGate } from '../../fixtures/handlers/sqs';
import { topology } from '../../fixtures/sqs-topology';
import { useRuntime } from '../../support/local';
import { run } from '../../support/run';
import { until } from '../../support/sqs';

const local = useRuntime(topology, { sqs: SQSClient });
const failures = () => `${local.runtime.endpoint}/000000000000/failures`;

beforeEach(() => {
  invocations.length = 0;
});

/** Waits for the failure record on the on-failure queue and takes it off. */
async function failureRecord() {
  const { Messages } = await local.sqs.send(
    new ReceiveMessageCommand({ QueueUrl: failures(), WaitTimeSeconds: 20 }),
  );
  const [message] = Messages!;
  await local.sqs.send(
    new DeleteMessageCommand({ QueueUrl: failures(), ReceiptHandle: message.ReceiptHandle }),
  );
  return JSON.parse(message.Body!);
}
const failuresWaiting = async () =>
  Number(
    (
      await local.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: failures(),
          AttributeNames: ['ApproximateNumberOfMessages'],
        }),
      )
    ).Attributes!.ApproximateNumberOfMessages,
  );

describe('asynchronous invocation', () => {
  it('retries after about 1 and then 2 minutes, then sends the invocation record on failure', async () => {
    const started = local.clock.now();
    local.runtime.lambdaAsync.invokeAsync('alwaysFails', { order: 1 });
    await until(() => invocations.length === 1);
    await local.clock.timerAt(started + 60_000);
    local.clock.advance(60_000);
    await until(() => invocations.length === 2);
    await local.clock.timerAt(started + 180_000);
    local.clock.advance(119_999);
    expect(invocations).toHaveLength(2);
    local.clock.advance(1);
    const record = await failureRecord();
    expect(invocations).toEqual([{ order: 1 }, { order: 1 }, { order: 1 }]);
    expect(record).toEqual({
      version: '1.0',
      timestamp: new Date(started + 180_000).toISOString(),
      requestContext: {
        requestId: expect.any(String),
        functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:alwaysFails:$LATEST',
        condition: 'RetriesExhausted',
        approximateInvokeCount: 3,
      },
      requestPayload: { order: 1 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: {
        errorType: 'ProviderDownError',
        errorMessage: 'the provider is down',
        trace: expect.any(Array),
      },
    });
    expect(local.runtime.lambdaAsync.pending()).toEqual([]);
  });

  it('stops retrying once an attempt succeeds', async () => {
    const started = local.clock.now();
    local.runtime.lambdaAsync.invokeAsync('failsOnce', { key: 'retry-then-ok' });
    await until(() => invocations.length === 1);
    await local.clock.timerAt(started + 60_000);
    local.clock.advance(60_000);
    await until(() => local.runtime.lambdaAsync.pending().length === 0);
    expect(invocations).toHaveLength(2);
    expect(await failuresWaiting()).toBe(0);
  });

  it('drops an event older than maximumEventAgeSeconds, with an EventAgeExceeded record', async () => {
    const started = local.clock.now();
    local.runtime.lambdaAsync.invokeAsync('shortLived', { order: 2 });
    await until(() => invocations.length === 1);
    await local.clock.timerAt(started + 60_000);
    local.clock.advance(60_000);
    await until(() => invocations.length === 2);
    await local.clock.timerAt(started + 180_000);
    local.clock.advance(120_000);
    const record = await failureRecord();
    expect(record.requestContext).toMatchObject({ condition: 'EventAgeExceeded', approximateInvokeCount: 2 });
    expect(invocations).toHaveLength(2);
  });

  it('does not retry with maximumRetryAttempts 0', async () => {
    local.runtime.lambdaAsync.invokeAsync('noRetries', { order: 3 });
    await until(() => invocations.length === 1);
    await until(() => local.runtime.lambdaAsync.pending().length === 0);
  });

  it('backs off a throttled event without counting an attempt', async () => {
    const started = local.clock.now();
    local.runtime.lambdaAsync.invokeAsync('disabled', {});
    await local.clock.timerAt(started + 1000);
    expect(local.runtime.lambdaAsync.pending()).toMatchObject([
      { functionName: 'disabled', attempts: 0, throttles: 1 },
    ]);
    local.clock.advance(1000);
    await local.clock.timerAt(started + 3000);
    expect(local.runtime.lambdaAsync.pending()[0]).toMatchObject({ attempts: 0, throttles: 2 });
  });

  it('refuses an unknown function', () => {
    expect(() => local.runtime.lambdaAsync.invokeAsync('nope', {})).toThrow(
      expect.objectContaining({ code: 'ResourceNotFoundException' }),
    );
  });

  it('takes Step Functions’ InvocationType Event into the asynchronous queue', async () => {
    const e = await run(local.runtime, local.sfn, {
      StartAt: 'Fire',
      States: {
        Fire: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'failsOnce', InvocationType: 'Event', Payload: { key: 'from-sfn' } },
          End: true,
        },
      },
    });
    expect(e.result.StatusCode).toBe(202);
    await until(() => invocations.length === 1);
    const pending = local.runtime.lambdaAsync.pending().filter((event) => event.functionName === 'failsOnce');
    expect(pending).toMatchObject([{ attempts: 1, payload: { key: 'from-sfn' } }]);
  });
});

describe('reserved concurrency', () => {
  it('throttles a synchronous invoke over the limit as Lambda.TooManyRequestsException', async () => {
    const holding = local.runtime.functions.invoke(local.runtime.functions.find('gated')!, {});
    const e = await run(local.runtime, local.sfn, {
      StartAt: 'Call',
      States: {
        Call: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'gated' },
          End: true,
        },
      },
    });
    expect(e).toMatchObject({ status: 'FAILED', error: 'Lambda.TooManyRequestsException' });
    expect(e.cause).toMatch(/Rate Exceeded/);
    openGate();
    expect((await holding).payload).toBe('through');
  });

  it('lets the next invocation in once one finishes', async () => {
    const first = local.runtime.functions.invoke(local.runtime.functions.find('gated')!, {});
    await expect(
      local.runtime.functions.invoke(local.runtime.functions.find('gated')!, {}),
    ).rejects.toMatchObject({
      code: 'TooManyRequestsException',
      status: 429,
    });
    openGate();
    await first;
    const second = local.runtime.functions.invoke(local.runtime.functions.find('gated')!, {});
    openGate();
    expect((await second).payload).toBe('through');
  });
});
