import type { S3Call } from './call';
import { S3Error } from './errors';
import type { BucketRecord } from './records';

/** What browsers may do cross-origin: PUT presigned uploads, GET and HEAD for playback. */
const ALLOWED_METHODS = ['GET', 'HEAD', 'PUT'];
/** Headers a page may read: the ETag of an upload, and what a player needs for ranges. */
const EXPOSED_HEADERS = 'ETag, Content-Length, Content-Range, Accept-Ranges, x-amz-request-id';
const MAX_AGE_SECONDS = '3000';

/** The allowed origin to echo for `origin`, or undefined when the bucket does not allow it. */
function allowedOrigin(bucket: BucketRecord | undefined, origin: string): string | undefined {
  if (!bucket) return undefined;
  if (bucket.corsOrigins.includes(origin)) return origin;
  return bucket.corsOrigins.includes('*') ? '*' : undefined;
}

function headersFor(allowed: string): Record<string, string> {
  return {
    'access-control-allow-origin': allowed,
    'access-control-allow-methods': ALLOWED_METHODS.join(', '),
    'access-control-expose-headers': EXPOSED_HEADERS,
    'access-control-max-age': MAX_AGE_SECONDS,
    ...(allowed === '*' ? {} : { 'access-control-allow-credentials': 'true' }),
    vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
  };
}

/** Adds CORS headers to an actual (non-preflight) request's response when its Origin is allowed. */
export function applyCors(call: S3Call, bucket: BucketRecord | undefined): void {
  const origin = call.request.headers.origin;
  if (!origin || !ALLOWED_METHODS.includes(call.method)) return;
  const allowed = allowedOrigin(bucket, origin);
  if (allowed) Object.assign(call.extraHeaders, headersFor(allowed));
}

/** Answers an OPTIONS preflight from the bucket's CORS origins (the topology's `corsOrigins`). */
export function preflight(call: S3Call, bucket: BucketRecord | undefined): void {
  const origin = call.request.headers.origin;
  const method = call.request.headers['access-control-request-method'];
  if (!origin || !method) {
    throw new S3Error('BadRequest', 'Insufficient information. Origin request header needed.');
  }
  if (!bucket?.corsOrigins.length)
    throw new S3Error('CORSResponse', 'CORS is not enabled for this bucket.', 403);
  const allowed = allowedOrigin(bucket, origin);
  if (!allowed || !ALLOWED_METHODS.includes(method)) {
    throw new S3Error(
      'CORSResponse',
      "This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.",
      403,
      { Method: method, ResourceType: call.key === undefined ? 'BUCKET' : 'OBJECT' },
    );
  }
  const requested = call.request.headers['access-control-request-headers'];
  call.send(200, {
    ...headersFor(allowed),
    ...(requested ? { 'access-control-allow-headers': requested } : {}),
  });
}
