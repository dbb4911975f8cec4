/**
 * The wrapper every handler is made with: middy, the Powertools Logger with the Lambda context
 * in every line, and a log line for a failure no middleware answered. Handlers read
 * `export const handler = handlerOf(core, ...middlewares)`.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';

/** One logger for the process; on AWS POWERTOOLS_SERVICE_NAME and POWERTOOLS_LOG_LEVEL tune it. */
export const logger = new Logger({ serviceName: 'lectern' });

/** Logs an error no later middleware turned into a response, then lets it fail the invocation. */
const logUnanswered: middy.MiddlewareObj = {
  onError(request) {
    if (request.response !== undefined) return;
    const error = request.error as Error;
    logger.error({ message: 'invocation failed', error: { name: error.name, message: error.message } });
  },
};

/**
 * A Lambda handler around `core`. `middlewares` answer errors or shape results (e.g. `httpErrors`).
 * No early-timeout timer: Lambda (and the local runtime) enforce the function's timeout, and a
 * timer of middy's own would hold tests' event loops open.
 */
export function handlerOf<Event, Result>(
  core: (event: Event) => Promise<Result>,
  ...middlewares: middy.MiddlewareObj<Event, Result>[]
): middy.MiddyfiedHandler<Event, Result> {
  return middy<Event, Result>({ timeoutEarlyInMillis: 0 })
    .use(injectLambdaContext(logger, { resetKeys: true, logEvent: false }))
    .use(logUnanswered)
    .use(middlewares)
    .handler((event: Event) => core(event));
}
