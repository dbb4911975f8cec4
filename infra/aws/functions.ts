/**
 * One Lambda function per `FunctionSpec`, bundled from the handler's source with the local esbuild,
 * with its reserved concurrency, asynchronous invocation settings and SQS event sources. What it
 * may access is granted once the workflows exist (see `access.ts`).
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FunctionSpec } from '../topology';
import { lookup } from './resources';
import { providerUrlEnvironment, secretsExtension } from './secrets';
import { TopologyError } from './topology-error';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const DEFAULT_TIMEOUT_SECONDS = 10;
const DEFAULT_MEMORY_MB = 256;

export interface FunctionsProps {
  specs: FunctionSpec[];
  /** The Powertools service name every function logs, traces and measures under. */
  serviceName: string;
  /** How long function logs are kept. */
  logRetention?: logs.RetentionDays;
  /** The topology's queues: what functions consume, and where failed asynchronous invocations go. */
  queues: ReadonlyMap<string, sqs.IQueue>;
}

/** The topology's functions, by name. */
export class Functions extends Construct {
  readonly byName: ReadonlyMap<string, lambda.Function>;

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);
    const byName = new Map<string, lambda.Function>();
    for (const spec of props.specs) byName.set(spec.name, this.create(spec, props));
    this.byName = byName;
  }

  private create(spec: FunctionSpec, props: FunctionsProps): lambda.Function {
    const entry = path.resolve(REPO_ROOT, spec.entry);
    if (!existsSync(entry)) {
      throw new TopologyError(
        `Function "${spec.name}" has entry "${spec.entry}", which does not exist under ${REPO_ROOT}`,
      );
    }
    const logGroup = new logs.LogGroup(this, `${spec.name}Logs`, {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
    });

    const fn = new nodejs.NodejsFunction(this, spec.name, {
      entry,
      handler: spec.handler ?? 'handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      timeout: Duration.seconds(spec.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS),
      memorySize: spec.memoryMb ?? DEFAULT_MEMORY_MB,
      reservedConcurrentExecutions: spec.reservedConcurrency,
      ...asyncInvocation(spec, props.queues),
      tracing: lambda.Tracing.ACTIVE,
      paramsAndSecrets: secretsExtension(spec),
      logGroup,
      // Found from the repository root, not from the directory `cdk` happens to run in.
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      environment: {
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        NODE_OPTIONS: '--enable-source-maps',
        ...providerUrlEnvironment(spec),
        ...spec.environment,
      },
      bundling: {
        forceDockerBundling: false,
        logLevel: nodejs.LogLevel.WARNING,
        target: 'node22',
        minify: true,
        // Error names are what Retry and Catch match on; minifying must not rename the classes.
        keepNames: true,
        sourceMap: true,
        sourcesContent: false,
        // The SDK the handlers were tested with (locally too), not whichever one the runtime ships.
        bundleAwsSDK: true,
      },
    });
    for (const source of spec.queues ?? []) {
      fn.addEventSource(
        new sources.SqsEventSource(lookup(props.queues, source.queue), {
          batchSize: source.batchSize,
          maxBatchingWindow: seconds(source.maximumBatchingWindowSeconds),
          reportBatchItemFailures: source.reportBatchItemFailures,
        }),
      );
    }
    return fn;
  }
}

/** Retries, maximum age and failure destination of asynchronous invocations (EventBridge targets). */
function asyncInvocation(
  spec: FunctionSpec,
  queues: ReadonlyMap<string, sqs.IQueue>,
): Pick<lambda.FunctionOptions, 'retryAttempts' | 'maxEventAge' | 'onFailure'> {
  if (spec.async === undefined) return {};
  const { maximumRetryAttempts, maximumEventAgeSeconds, onFailureQueue } = spec.async;
  return {
    retryAttempts: maximumRetryAttempts,
    maxEventAge: seconds(maximumEventAgeSeconds),
    onFailure:
      onFailureQueue === undefined
        ? undefined
        : new destinations.SqsDestination(lookup(queues, onFailureQueue)),
  };
}

const seconds = (value: number | undefined) => (value === undefined ? undefined : Duration.seconds(value));
