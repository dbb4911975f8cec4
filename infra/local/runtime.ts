import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { topology as lecternTopology, type Topology } from '../topology';
import type { AccessLog } from './apigateway/access-log';
import type { TokenIssuer } from './apigateway/authorizer';
import { startHttpApi, type LocalHttpApi } from './apigateway/http-api';
import { systemClock, type Clock } from './clock';
import { LocalDynamoDb } from './dynamodb/local-dynamodb';
import { eventBridgeService } from './eventbridge/api';
import { deployEventBridge } from './eventbridge/deploy';
import { eventBridgeIntegration } from './eventbridge/integration';
import { LocalEventBridge } from './eventbridge/local-eventbridge';
import { AwsError } from './http/aws-error';
import { LocalEndpoint } from './http/server';
import { LocalLambdaAsync } from './lambda/async';
import { LocalFunctions } from './lambda/functions';
import { mediaConvertService } from './mediaconvert/api';
import { mediaConvertIntegration } from './mediaconvert/integration';
import { MediaConvert } from './mediaconvert/jobs';
import type { JobLog } from './mediaconvert/log';
import { startEventSourceMappings } from './lambda/sqs-event-source';
import { localEnvironment } from './resources';
import { LocalS3 } from './s3/local-s3';
import { s3Service } from './s3/service';
import { sesService } from './ses/api';
import { gumroadService } from './simulators/gumroad-service';
import { payPalService } from './simulators/paypal-service';
import { createSimulators, type ProviderSimulators } from './simulators/simulators';
import { LocalSes } from './ses/local-ses';
import type { Mailbox } from './ses/mailbox';
import { sqsService } from './sqs/api';
import { deployQueues } from './sqs/deploy';
import { sqsIntegration } from './sqs/integration';
import { MoveTasks } from './sqs/move-tasks';
import { LocalSqs } from './sqs/sqs';
import { LocalDatabase } from './store/database';
import { stepFunctionsService } from './stepfunctions/api';
import { deployWorkflows } from './stepfunctions/deploy';
import { Engine } from './stepfunctions/engine';
import { lambdaIntegration } from './stepfunctions/integrations/lambda';
import { statesIntegration } from './stepfunctions/integrations/states';
import { StateMachines } from './stepfunctions/machines';
import { MemoryStepFunctionsStore } from './stepfunctions/memory-store';
import { SqliteStepFunctionsStore } from './stepfunctions/sqlite-store';

export interface RuntimeOptions {
  /** 0 picks a free port. Default 4566. */
  port?: number;
  host?: string;
  /** Where the state lives; ignored with `memory`. Default `.lectern`. */
  dataDir?: string;
  /** Keep everything in memory (tests, benchmarks): nothing survives the process. */
  memory?: boolean;
  topology?: Topology;
  clock?: Clock;
  /** The repository root that topology entries are relative to. */
  root?: string;
  /** The HTTP API's own port (when the topology has an `api`); 0 picks a free port. Default 3000. */
  apiPort?: number;
  /** The issuer the HTTP API's JWT authorizer trusts instead of the runtime's own. */
  apiTokenIssuer?: TokenIssuer;
  /** Receives one entry per HTTP API request; none by default (`npm start` prints them). */
  apiAccessLog?: AccessLog;
  /** Receives MediaConvert's job log (submitted, phases, progress, outcome); none by default (`npm start` prints it). */
  mediaConvertLog?: JobLog;
}

export interface LocalRuntime {
  /** e.g. `http://127.0.0.1:4566`, for AWS_ENDPOINT_URL. */
  endpoint: string;
  port: number;
  dataDir: string | null;
  functions: LocalFunctions;
  engine: Engine;
  stateMachines: StateMachines;
  /** Executions that were running when the state was last saved and now go on. */
  recovered: number;
  // services: (each service adds its field on its own line below)
  /** EventBridge: the internal `putEvents` for other services, buses, rules, archives, the outbox. */
  events: LocalEventBridge;
  /** S3: buckets and objects; `objectFile`/`putObjectFile` for MediaConvert. */
  s3: LocalS3;
  /** The mail SES v2 sent: `list({ to })`, `read(id)`. */
  mailbox: Mailbox;
  /** SQS: the internal `send(queue, message)` and `arn(name)` for other services, and the queues. */
  sqs: LocalSqs;
  /** Lambda's asynchronous invocation: `invokeAsync(functionName, event)`, with retries and on-failure records. */
  lambdaAsync: LocalLambdaAsync;
  /** The HTTP API's URL, e.g. `http://127.0.0.1:3000`; null when the topology has no `api`. */
  apiEndpoint: string | null;
  /** The HTTP API: its routes and the runtime's token issuer; null when the topology has no `api`. */
  api: LocalHttpApi | null;
  /** DynamoDB: dynalite in-process, its Time to Live settings and sweeper (`sweeper.settled()`). */
  dynamodb: LocalDynamoDb;
  /** MediaConvert: jobs, their queue and ffmpeg runs; `whenFinished(id)` for tests. */
  mediaConvert: MediaConvert;
  /** The PayPal IPN and Gumroad simulators: `issue(fields)`, `verify`/`sale`, `faults(setting)`. */
  simulators: ProviderSimulators;
  close(): Promise<void>;
}

/**
 * Starts the local runtime: the AWS APIs on one port, over one data directory (or memory).
 * This is the composition root: each service is built here from its dependencies, creates the
 * topology's resources, registers its API and engine integrations, and picks up where it was.
 */
export async function startLocalRuntime(options: RuntimeOptions = {}): Promise<LocalRuntime> {
  const clock = options.clock ?? systemClock;
  const topology = options.topology ?? lecternTopology;
  const dataDir = options.memory ? null : resolve(options.dataDir ?? '.lectern');
  const db = new LocalDatabase(dataDir);
  const endpoint = new LocalEndpoint(() => db.flush());
  const closers: Array<() => void | Promise<void>> = [];
  const host = options.host ?? '127.0.0.1';
  let port: number;
  try {
    port = await endpoint.listen(options.port ?? 4566, host);
  } catch (error) {
    db.close();
    throw error;
  }
  const url = `http://${host}:${port}`;
  try {
    return await startServices({ options, clock, topology, dataDir, db, endpoint, closers, host, port, url });
  } catch (error) {
    // Whatever had started stops again: a failed start leaves no port, file or timer behind.
    await endpoint.close();
    await closeAll(closers);
    db.close();
    throw error;
  }
}

interface StartContext {
  options: RuntimeOptions;
  clock: Clock;
  topology: Topology;
  dataDir: string | null;
  db: LocalDatabase;
  endpoint: LocalEndpoint;
  closers: Array<() => void | Promise<void>>;
  host: string;
  port: number;
  url: string;
}

async function startServices(context: StartContext): Promise<LocalRuntime> {
  const { options, clock, topology, dataDir, db, endpoint, closers, host, port, url } = context;
  // In-process handlers use the SDK like in Lambda: pointed at this endpoint, told the resource names.
  Object.assign(process.env, localEnvironment(topology, url));

  // Lambda: the topology's functions, in-process.
  const functions = new LocalFunctions(options.root ?? resolve(__dirname, '../..'), clock);
  for (const fn of topology.functions) functions.register(fn);

  // Step Functions.
  const store = dataDir ? new SqliteStepFunctionsStore(db) : new MemoryStepFunctionsStore();
  const machines = new StateMachines(store, clock);
  const engine = new Engine(store, db, clock, (revisionId) => machines.revision(revisionId));
  engine.integrations.register('states', 'startExecution', statesIntegration(engine, machines));
  endpoint.addJsonRpc(stepFunctionsService(engine, machines, store, clock));
  closers.push(() => engine.shutdown());

  // SQS, and Lambda event source mappings, concurrency and asynchronous invocation:
  const sqs = new LocalSqs(db, clock, url);
  const moveTasks = new MoveTasks(sqs, clock);
  deployQueues(topology, sqs);
  endpoint.addJsonRpc(sqsService(sqs, moveTasks));
  engine.integrations.register('sqs', 'sendMessage', sqsIntegration(sqs));
  const lambdaAsync = new LocalLambdaAsync(functions, sqs, db, clock);
  // Step Functions' `InvocationType: Event` goes through Lambda's asynchronous queue.
  engine.integrations.register(
    'lambda',
    'invoke',
    lambdaIntegration(functions, (name, event) => lambdaAsync.invokeAsync(name, event)),
  );
  const eventSources = startEventSourceMappings(topology, functions, sqs, clock);
  moveTasks.resume();
  lambdaAsync.resume();
  closers.push(() => {
    for (const source of eventSources) source.stop();
    lambdaAsync.close();
    moveTasks.close();
    sqs.close();
  });

  // EventBridge:
  const events = new LocalEventBridge(db, clock, {
    sqs,
    lambdaAsync,
    startExecution(stateMachineArn, input) {
      const machine = machines.get(stateMachineArn);
      if (!machine) {
        throw new AwsError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${stateMachineArn}'`);
      }
      engine.start(machine, randomUUID(), input);
    },
  });
  endpoint.addJsonRpc(eventBridgeService(events));
  engine.integrations.register('events', 'putEvents', eventBridgeIntegration(events));
  deployEventBridge(topology, events, url);
  closers.push(() => events.close());

  // DynamoDB:
  const dynamodb = await LocalDynamoDb.start({ dataDir, db, clock, tables: topology.tables ?? [] });
  endpoint.addJsonRpc(dynamodb.service);
  for (const [action, integration] of Object.entries(dynamodb.integrations)) {
    engine.integrations.register('dynamodb', action, integration);
  }
  closers.push(() => dynamodb.close());

  // Provider simulators (PayPal IPN, Gumroad):
  const simulators = createSimulators(db, clock);
  endpoint.addRest(payPalService(simulators.paypal));
  endpoint.addRest(gumroadService(simulators.gumroad));

  // S3 and SES v2:
  const s3 = new LocalS3({ db, dataDir, clock, events });
  for (const bucket of topology.buckets ?? []) s3.ensureBucket(bucket);
  const ses = new LocalSes(db, clock, topology.mailFrom);
  endpoint.addRest(sesService(ses, () => db.flush()));
  // The catch-all: keep it the last REST service (it steps aside for MediaConvert's paths anyway).
  endpoint.addRest(s3Service(s3, clock));
  closers.push(() => s3.close());

  // MediaConvert:
  const mediaConvert = new MediaConvert({
    db,
    clock,
    s3,
    events,
    // Attempts write here before their outputs move into S3; an interrupted attempt starts over.
    workDir: dataDir
      ? join(dataDir, 'mediaconvert-work')
      : join(tmpdir(), `lectern-mediaconvert-${randomUUID()}`),
    log: options.mediaConvertLog,
  });
  endpoint.addRest(mediaConvertService(mediaConvert, url));
  engine.integrations.register('mediaconvert', 'createJob', mediaConvertIntegration(mediaConvert));
  mediaConvert.resume();
  closers.push(() => mediaConvert.close());

  // HTTP API (API Gateway), on its own port:
  const api = topology.api
    ? await startHttpApi({
        spec: topology.api,
        functions,
        db,
        clock,
        host,
        port: options.apiPort ?? 3000,
        tokenIssuer: options.apiTokenIssuer,
        accessLog: options.apiAccessLog,
      })
    : null;
  if (api) closers.push(() => api.close());

  deployWorkflows(topology, machines, url);
  db.flush();
  const recovered = engine.recover();
  // After the engine's recovery: an execution a pending delivery starts must not be recovered twice.
  events.resume();

  endpoint.open();
  return {
    endpoint: url,
    port,
    dataDir,
    functions,
    engine,
    stateMachines: machines,
    recovered,
    // services:
    events,
    s3,
    mailbox: ses.mailbox,
    sqs,
    lambdaAsync,
    apiEndpoint: api?.endpoint ?? null,
    api,
    dynamodb,
    mediaConvert,
    simulators,
    async close() {
      await endpoint.close();
      await closeAll(closers);
      db.close();
    },
  };
}

/** Stops services in the reverse order of their start. */
async function closeAll(closers: Array<() => void | Promise<void>>): Promise<void> {
  for (const close of [...closers].reverse()) await close();
}
