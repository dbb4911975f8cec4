/**
 * What the flow tests share: Lectern's real topology on a test runtime (HTTP API on a free port,
 * ManualClock), a rule that copies every event of the catalogue into a queue, and readers of the
 * bus, its archive and the tables through the SDK.
 */
import '../support/quiet-logs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeArchiveCommand,
  PutRuleCommand,
  PutTargetsCommand,
  type EventBridgeClient,
} from '@aws-sdk/client-eventbridge';
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  type DescribeExecutionCommandOutput,
} from '@aws-sdk/client-sfn';
import { CreateQueueCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { catalogue, productForCourse } from '../../config/catalogue';
import { CATALOGUE, LECTERN_BUS } from '../../events/catalogue';
import type { Provider } from '../../events/payments';
import { patternOf } from '../../events/rules';
import { MAIL_OUTBOX_QUEUE } from '../../handlers/mail/outbox';
import { WEBHOOKS_TABLE } from '../../handlers/webhooks/table';
import type { ManualClock } from '../../infra/local/clock';
import { stateMachineArn } from '../../infra/local/stepfunctions/arns';
import type { LocalRuntime } from '../../infra/local/runtime';
import { topology, type Topology } from '../../infra/topology';
import type { Order } from '../../ops/trigger/order';
import { eventBridgeClient, receive } from '../support/eventbridge';
import { credentials, startTestRuntime } from '../support/local';
import { sqsClient } from '../support/sqs';

/** An event as the test rule delivers it to the queue. */
export interface BusEvent {
  id: string;
  source: string;
  'detail-type': string;
  detail: { provider: string; webhookId: string; receivedAt: string; body: string; kind?: string };
}

export interface Flow {
  runtime: LocalRuntime;
  clock: ManualClock;
  /** The HTTP API's URL. */
  api: string;
  /** The next event on the bus that `matches`; events that do not match are kept for later calls. */
  nextEvent(matches: (event: BusEvent) => boolean): Promise<BusEvent>;
  /** How many events the `lectern` bus's archive holds: every event put, counted when PutEvents answers. */
  archived(): Promise<number>;
  /** The `webhooks` item of a notification, if any. */
  webhook(provider: Provider, webhookId: string): Promise<Record<string, unknown> | undefined>;
  /** The executions of the topology's workflow `machine` started so far by events whose detail `matches`. */
  executions(machine: string, matches: (detail: Record<string, unknown>) => boolean): Promise<string[]>;
  /**
   * The execution of the topology's workflow `machine` started by the event whose detail
   * `matches`, once it has stopped running (waiting for the rule to start it if need be).
   */
  finished(
    machine: string,
    matches: (detail: Record<string, unknown>) => boolean,
  ): Promise<DescribeExecutionCommandOutput>;
  /** The names of the states the execution entered, in order. */
  entered(executionArn: string): Promise<string[]>;
  /** Resolves once the mail outbox is empty: every mail queued so far has been sent. */
  mailSettled(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Webhook ingress alone: no rule starts a workflow, so the bus carries only what ingress puts
 * (tests that count the archive or read every queued event as a webhook's).
 */
export const ingressTopology: Topology = { ...topology, rules: [] };

export async function startFlow(clock?: ManualClock, of: Topology = topology): Promise<Flow> {
  const {
    runtime,
    sfn,
    clock: used,
  } = await startTestRuntime(of, { apiPort: 0, ...(clock ? { clock } : {}) });
  const eb: EventBridgeClient = eventBridgeClient(runtime);
  const sqs: SQSClient = sqsClient(runtime);
  const documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: runtime.endpoint, region: 'us-east-1', credentials }),
  );
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'flow-events' }));
  await eb.send(
    new PutRuleCommand({
      Name: 'flowEvents',
      EventBusName: LECTERN_BUS,
      EventPattern: JSON.stringify(patternOf(CATALOGUE)),
    }),
  );
  await eb.send(
    new PutTargetsCommand({
      Rule: 'flowEvents',
      EventBusName: LECTERN_BUS,
      Targets: [{ Id: 'queue', Arn: runtime.sqs.arn('flow-events') }],
    }),
  );
  const kept: BusEvent[] = [];
  const flow: Flow = {
    runtime,
    clock: used,
    api: runtime.apiEndpoint!,
    async nextEvent(matches) {
      for (;;) {
        const index = kept.findIndex(matches);
        if (index >= 0) return kept.splice(index, 1)[0];
        for (const message of await receive(sqs, QueueUrl!, 1))
          kept.push(JSON.parse(message.Body!) as BusEvent);
      }
    },
    async archived() {
      const { EventCount } = await eb.send(
        new DescribeArchiveCommand({ ArchiveName: `${LECTERN_BUS}Archive` }),
      );
      return EventCount!;
    },
    async webhook(provider, webhookId) {
      const { Item } = await documents.send(
        new GetCommand({
          TableName: WEBHOOKS_TABLE,
          Key: { pk: `${provider}#${webhookId}` },
          ConsistentRead: true,
        }),
      );
      return Item;
    },
    async executions(machine, matches) {
      const { executions = [] } = await sfn.send(
        new ListExecutionsCommand({ stateMachineArn: stateMachineArn(machine), maxResults: 1000 }),
      );
      const inputs = await Promise.all(
        executions.map(({ executionArn }) => sfn.send(new DescribeExecutionCommand({ executionArn }))),
      );
      return inputs
        .filter(({ input }) => matches((JSON.parse(input!) as { detail: Record<string, unknown> }).detail))
        .map(({ executionArn }) => executionArn!);
    },
    async finished(machine, matches) {
      for (;;) {
        const [executionArn] = await flow.executions(machine, matches);
        if (executionArn) {
          await runtime.engine.whenFinished(executionArn);
          return sfn.send(new DescribeExecutionCommand({ executionArn }));
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    async entered(executionArn) {
      const { events = [] } = await sfn.send(
        new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }),
      );
      return events.flatMap((e) => (e.stateEnteredEventDetails ? [e.stateEnteredEventDetails.name!] : []));
    },
    async mailSettled() {
      for (;;) {
        const { visible, inflight, delayed } = runtime.sqs.require(MAIL_OUTBOX_QUEUE).counts();
        if (visible + inflight + delayed === 0) return;
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    async close() {
      sfn.destroy();
      eb.destroy();
      sqs.destroy();
      documents.destroy();
      await runtime.close();
    },
  };
  return flow;
}

/** A purchase (or refund) of `course` by `email` through the provider's product in the catalogue. */
export function orderOf(
  provider: Provider,
  options: { email?: string; course?: string; refund?: { payment?: string } } = {},
): Order {
  const courseId = options.course ?? 'video-basics';
  return {
    provider,
    email: options.email ?? 'ada@example.com',
    courseId,
    courseTitle: catalogue.courses[courseId].title,
    product: productForCourse(catalogue, provider, courseId)!,
    ...(options.refund ? { refund: options.refund } : {}),
  };
}
