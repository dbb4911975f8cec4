import { resolve } from 'node:path';
import { substitute } from '../../workflows/placeholders';
import { topology as lecternTopology, type Topology } from '../topology';
import { systemClock, type Clock } from './clock';
import { LocalEndpoint } from './http/server';
import { LocalFunctions } from './lambda/functions';
import { LocalDatabase } from './store/database';
import { stepFunctionsService } from './stepfunctions/api';
import { stateMachineArn } from './stepfunctions/arns';
import { Engine } from './stepfunctions/engine';
import { lambdaIntegration } from './stepfunctions/integrations/lambda';
import { statesIntegration } from './stepfunctions/integrations/states';
import { StateMachines } from './stepfunctions/machines';
import { StepFunctionsStore } from './stepfunctions/store';

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
  close(): Promise<void>;
}

const ROLE = 'arn:aws:iam::000000000000:role/lectern-local';

/** Starts the local runtime: the AWS APIs on one port, over one data directory (or memory). */
export async function startLocalRuntime(options: RuntimeOptions = {}): Promise<LocalRuntime> {
  const clock = options.clock ?? systemClock;
  const dataDir = options.memory ? null : resolve(options.dataDir ?? '.lectern');
  const db = new LocalDatabase(dataDir);
  const store = new StepFunctionsStore(db);
  const machines = new StateMachines(store, clock);
  const engine = new Engine(store, db, clock, (revisionId) => machines.revision(revisionId));
  const functions = new LocalFunctions(options.root ?? resolve(__dirname, '../..'), clock);
  engine.integrations.register('lambda', 'invoke', lambdaIntegration(functions));
  engine.integrations.register('states', 'startExecution', statesIntegration(engine, machines));

  deploy(options.topology ?? lecternTopology, functions, machines);
  db.flush();
  const recovered = engine.recover();

  const endpoint = new LocalEndpoint();
  endpoint.addJsonRpc(stepFunctionsService(engine, machines, store, clock));
  const host = options.host ?? '127.0.0.1';
  let port: number;
  try {
    port = await endpoint.listen(options.port ?? 4566, host);
  } catch (error) {
    engine.shutdown();
    db.close();
    throw error;
  }
  return {
    endpoint: `http://${host}:${port}`,
    port,
    dataDir,
    functions,
    engine,
    stateMachines: machines,
    recovered,
    async close() {
      await endpoint.close();
      engine.shutdown();
      db.close();
    },
  };
}

/** Registers the topology's functions and creates (or updates) its workflows, as `cdk deploy` would. */
function deploy(topology: Topology, functions: LocalFunctions, machines: StateMachines): void {
  for (const fn of topology.functions) functions.register(fn);
  for (const workflow of topology.workflows) {
    const values: Record<string, string> = {};
    for (const [placeholder, name] of Object.entries(workflow.functions ?? {}))
      values[placeholder] = LocalFunctions.arn(name);
    for (const [placeholder, name] of Object.entries(workflow.workflows ?? {}))
      values[placeholder] = stateMachineArn(name);
    const definition = JSON.stringify(substitute(workflow.definition, values, workflow.name));
    const existing = machines.get(stateMachineArn(workflow.name));
    const type = workflow.type ?? 'STANDARD';
    if (existing && existing.type === type) machines.update(existing, { definition, roleArn: ROLE });
    else {
      if (existing) machines.delete(existing.arn);
      machines.create({ name: workflow.name, definition, roleArn: ROLE, type });
    }
  }
}
