/** One Lambda function per `FunctionSpec`, bundled from the handler's source with the local esbuild. */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionSpec } from '../topology';
import { TopologyError } from './references';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const DEFAULT_TIMEOUT_SECONDS = 10;
const DEFAULT_MEMORY_MB = 256;

export interface FunctionsProps {
  specs: FunctionSpec[];
  /** The Powertools service name every function logs, traces and measures under. */
  serviceName: string;
  /** How long function logs are kept. */
  logRetention?: logs.RetentionDays;
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

    return new nodejs.NodejsFunction(this, spec.name, {
      entry,
      handler: spec.handler ?? 'handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      timeout: Duration.seconds(spec.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS),
      memorySize: spec.memoryMb ?? DEFAULT_MEMORY_MB,
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      // Found from the repository root, not from the directory `cdk` happens to run in.
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      environment: {
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        NODE_OPTIONS: '--enable-source-maps',
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
  }
}
