/** The stack refuses, before bundling anything, a topology whose names do not add up, and says why. */
import { App } from 'aws-cdk-lib';
import { LecternStack } from '../../infra/aws/lectern-stack';
import { TopologyError } from '../../infra/aws/references';
import type {
  FunctionSpec,
  HttpApiSpec,
  RuleSpec,
  TargetSpec,
  Topology,
  WorkflowSpec,
} from '../../infra/topology';
import { resourcesTopology as base } from '../fixtures/resources-topology';

const stackOf = (topology: Topology) => () => new LecternStack(new App(), 'Checks', { topology });

/** The fixture with the named workflow, function or rule changed. */
function withWorkflow(name: string, change: Partial<WorkflowSpec>): Topology {
  return { ...base, workflows: base.workflows.map((w) => (w.name === name ? { ...w, ...change } : w)) };
}
function withFunction(name: string, change: Partial<FunctionSpec>): Topology {
  return { ...base, functions: base.functions.map((f) => (f.name === name ? { ...f, ...change } : f)) };
}
function withRule(name: string, change: Partial<RuleSpec>): Topology {
  return { ...base, rules: base.rules!.map((r) => (r.name === name ? { ...r, ...change } : r)) };
}
const withTarget = (target: TargetSpec) => withRule('paymentVerified', { targets: [target] });

it('accepts the fixture', () => {
  expect(stackOf(base)).not.toThrow();
});

describe('workflow placeholders', () => {
  it.each([
    ['queues', { OutboxQueue: 'inbox' }, 'maps ${OutboxQueue} to the unknown queue "inbox"'],
    ['tables', { UsersTable: 'people' }, 'maps ${UsersTable} to the unknown table "people"'],
    ['buses', { LecternBus: 'main' }, 'maps ${LecternBus} to the unknown bus "main"'],
  ])('refuses a %s entry naming nothing the topology declares', (map, entries, message) => {
    const act = stackOf(withWorkflow('verifyEmail', { [map]: entries }));

    expect(act).toThrow(TopologyError);
    expect(act).toThrow(`Workflow "verifyEmail" ${message}; the topology declares no`);
  });

  it('refuses a bucket entry naming nothing the topology declares', () => {
    expect(
      stackOf(withWorkflow('transcode', { buckets: { UploadsBucket: 'up', MediaBucket: 'media' } })),
    ).toThrow('Workflow "transcode" maps ${UploadsBucket} to the unknown bucket "up"');
  });

  it('refuses a placeholder bound by two maps', () => {
    expect(
      stackOf(withWorkflow('verifyEmail', { tables: { UsersTable: 'users', OutboxQueue: 'users' } })),
    ).toThrow('Workflow "verifyEmail" maps ${OutboxQueue} to both a queue and a table');
  });

  it('refuses a new-kind entry the definition never uses', () => {
    expect(
      stackOf(
        withWorkflow('transcode', {
          buckets: { UploadsBucket: 'uploads', MediaBucket: 'media', Spare: 'media' },
        }),
      ),
    ).toThrow('Workflow "transcode" declares ${Spare} but its definition never uses it');
  });

  it('refuses ${MediaConvertRole} in a workflow that does not set mediaConvert', () => {
    expect(stackOf(withWorkflow('transcode', { mediaConvert: false }))).toThrow(
      'Workflow "transcode" uses ${MediaConvertRole} but does not set mediaConvert: true',
    );
  });

  it('refuses mediaConvert in a workflow whose definition never uses ${MediaConvertRole}', () => {
    expect(stackOf(withWorkflow('verifyEmail', { mediaConvert: true }))).toThrow(
      'Workflow "verifyEmail" sets mediaConvert, but its definition never uses ${MediaConvertRole}',
    );
  });

  it('refuses a function with access to a workflow that invokes it', () => {
    const invokesMailer: WorkflowSpec = {
      name: 'remind',
      functions: { Mailer: 'mailer' },
      definition: {
        StartAt: 'Mail',
        States: {
          Mail: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: '${Mailer}' },
            End: true,
          },
        },
      },
    };
    const topology = withFunction('mailer', { access: { workflows: { remind: 'callback' } } });

    expect(stackOf({ ...topology, workflows: [...topology.workflows, invokesMailer] })).toThrow(
      'Workflows and functions refer to each other in a cycle (workflow "remind" → function "mailer" → workflow "remind")',
    );
  });
});

describe('functions', () => {
  it('refuses access to a table the topology does not declare', () => {
    expect(stackOf(withFunction('uploads', { access: { tables: { videos: 'read' } } }))).toThrow(
      'Function "uploads" accesses the unknown table "videos"',
    );
  });

  it('refuses access to a workflow the topology does not declare', () => {
    expect(stackOf(withFunction('uploads', { access: { workflows: { encode: 'start' } } }))).toThrow(
      'Function "uploads" accesses the unknown workflow "encode"',
    );
  });

  it('refuses mail access without a mailFrom identity', () => {
    expect(stackOf({ ...base, mailFrom: undefined })).toThrow(
      'Function "mailer" sends mail, but the topology declares no mailFrom identity',
    );
  });

  it('refuses an event source on an unknown queue', () => {
    expect(stackOf(withFunction('mailer', { queues: [{ queue: 'inbox' }] }))).toThrow(
      'Function "mailer" consumes the unknown queue "inbox"',
    );
  });

  it("refuses an event source whose queue's visibility timeout is shorter than the function's timeout", () => {
    expect(stackOf(withFunction('mailer', { timeoutSeconds: 90 }))).toThrow(
      'Function "mailer" consumes queue "outbox", whose visibility timeout (60 s) is shorter than the function\'s timeout (90 s)',
    );
  });

  it('refuses an unknown on-failure queue', () => {
    expect(stackOf(withFunction('onPayment', { async: { onFailureQueue: 'lost' } }))).toThrow(
      'Function "onPayment" sends failed invocations to the unknown queue "lost"',
    );
  });

  it('refuses an environment variable that names a resource', () => {
    expect(stackOf(withFunction('webhook', { environment: { TABLE_USERS: 'users' } }))).toThrow(
      'Function "webhook" sets TABLE_USERS in its environment, which names the table "users"',
    );
  });
});

describe('queues', () => {
  it('refuses an unknown dead-letter queue', () => {
    const queues = base.queues!.map((q) =>
      q.name === 'outbox' ? { ...q, deadLetter: { queue: 'dead', maxReceiveCount: 3 } } : q,
    );

    expect(stackOf({ ...base, queues })).toThrow(
      'Queue "outbox" sends its dead letters to the unknown queue "dead"',
    );
  });

  it('refuses queues that dead-letter into each other', () => {
    const queues = base.queues!.map((q) =>
      q.name === 'outbox-dead' ? { ...q, deadLetter: { queue: 'outbox', maxReceiveCount: 3 } } : q,
    );

    expect(stackOf({ ...base, queues })).toThrow(
      'Queues send their dead letters to each other in a cycle ("outbox" → "outbox-dead" → "outbox")',
    );
  });

  it('refuses a queue declared twice', () => {
    expect(stackOf({ ...base, queues: [...base.queues!, { name: 'failures' }] })).toThrow(
      'The topology declares the queue "failures" twice',
    );
  });

  it('refuses two queue names that one variable would stand for', () => {
    expect(stackOf({ ...base, queues: [...base.queues!, { name: 'outbox_dead' }] })).toThrow(
      'The queue names "outbox-dead" and "outbox_dead" would share the variable QUEUE_OUTBOX_DEAD',
    );
  });
});

describe('rules', () => {
  it('refuses a rule on a bus the topology does not declare', () => {
    expect(stackOf(withRule('paymentVerified', { bus: 'payments' }))).toThrow(
      'Rule "paymentVerified" listens on the unknown bus "payments"',
    );
  });

  it('refuses a target naming an unknown workflow', () => {
    expect(stackOf(withTarget({ workflow: 'grant' }))).toThrow(
      'Rule "paymentVerified", target 1, names the unknown workflow "grant"',
    );
  });

  it('refuses a target naming two kinds of target', () => {
    expect(stackOf(withTarget({ workflow: 'transcode', queue: 'outbox' } as TargetSpec))).toThrow(
      'Rule "paymentVerified", target 1, must name exactly one of a workflow, a queue or a function',
    );
  });

  it('refuses an unknown dead-letter queue on a target', () => {
    expect(stackOf(withTarget({ queue: 'outbox', deadLetterQueue: 'lost' }))).toThrow(
      'Rule "paymentVerified", target 1, sends undeliverable events to the unknown queue "lost"',
    );
  });

  it('refuses a target with two ways of shaping its input', () => {
    expect(stackOf(withTarget({ queue: 'outbox', input: {}, inputPath: '$.detail' }))).toThrow(
      'Rule "paymentVerified", target 1, sets input and inputPath; EventBridge takes at most one of them',
    );
  });
});

describe('HTTP API', () => {
  const withApi = (change: Partial<HttpApiSpec>): Topology => ({ ...base, api: { ...base.api!, ...change } });
  const withRoutes = (routes: HttpApiSpec['routes']) => withApi({ routes });

  it('refuses a route to an unknown function', () => {
    expect(stackOf(withRoutes([{ route: 'GET /health', function: 'health' }]))).toThrow(
      'Route "GET /health" is handled by the unknown function "health"',
    );
  });

  it('refuses a JWT route when the API declares no issuer and audience', () => {
    expect(stackOf(withApi({ jwt: undefined }))).toThrow(
      'Route "GET /videos/{id}" requires a JWT, but the HTTP API declares no jwt issuer and audience',
    );
  });

  it('refuses a route that is not a method and a path', () => {
    expect(stackOf(withRoutes([{ route: 'FETCH videos', function: 'uploads' }]))).toThrow(
      'The route "FETCH videos" is not "<METHOD> /<path>"',
    );
  });

  it('refuses a route declared twice', () => {
    const route = { route: 'POST /webhooks/stripe', function: 'webhook' };

    expect(stackOf(withRoutes([route, route]))).toThrow(
      'The HTTP API declares the route "POST /webhooks/stripe" twice',
    );
  });
});
