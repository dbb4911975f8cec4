import { resolve } from 'node:path';
import { topology as lecternTopology, type Topology } from '../topology';
import { systemClock, type Clock } from './clock';
import { LocalEndpoint } from './http/server';
import { LocalFunctions } from './lambda/functions';
import { localEnvironment } from './resources';
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
  // In-process handlers use the SDK like in Lambda: pointed at this endpoint, told the resource names.
  Object.assign(process.env, localEnvironment(topology, url));

  // Lambda: the topology's functions, in-process.
  const functions = new LocalFunctions(options.root ?? resolve(__dirname, '../..'), clock);
  for (const fn of topology.functions) functions.register(fn);

  // Step Functions.
  const store = dataDir ? new SqliteStepFunctionsStore(db) : new MemoryStepFunctionsStore();
  const machines = new StateMachines(store, clock);
  const engine = new Engine(store, db, clock, (revisionId) => machines.revision(revisionId));
  engine.integrations.register('lambda', 'invoke', lambdaIntegration(functions));
  engine.integrations.register('states', 'startExecution', statesIntegration(engine, machines));
  endpoint.addJsonRpc(stepFunctionsService(engine, machines, store, clock));
  closers.push(() => engine.shutdown());

  // SQS, and Lambda event source mappings, concurrency and asynchronous invocation:

  // EventBridge:

  // DynamoDB:

  // S3 and SES v2:

  // MediaConvert:

  // HTTP API (API Gateway), on its own port:

  deployWorkflows(topology, machines, url);
  db.flush();
  const recovered = engine.recover();

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
