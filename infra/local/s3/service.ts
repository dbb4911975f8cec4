import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../clock';
import type { RestService } from '../http/server';
import { authenticate } from './auth';
import {
  createBucket,
  deleteBucket,
  deleteObjects,
  getBucketLocation,
  headBucket,
  listBuckets,
} from './bucket-operations';
import { S3Call } from './call';
import { applyCors, preflight } from './cors';
import { S3Error } from './errors';
import { listObjectsV1, listObjectsV2 } from './list-operations';
import type { LocalS3 } from './local-s3';
import { copyObject, deleteObject, getObject, putObject } from './object-operations';

/**
 * Query parameters that are not subresources: the SDK's operation hint, listing and GetObject
 * options, and the presigned URL's `X-Amz-*` / hoisted `x-amz-*` parameters.
 */
const PLAIN_PARAMETERS = new Set([
  'x-id',
  'list-type',
  'prefix',
  'delimiter',
  'max-keys',
  'continuation-token',
  'start-after',
  'encoding-type',
  'fetch-owner',
  'marker',
  'versionId',
  'partNumber',
]);

/**
 * Paths of the other REST APIs on the port (aws-wire.md §1.1): MediaConvert, SES v2, and the
 * payment provider simulators.
 */
const OTHER_APIS = /^\/(2017-08-29|v2\/email|simulators)\//;

/**
 * The S3 API (restXml, aws-wire.md §8) over the local S3: the catch-all REST service, registered
 * last. It also steps aside by itself for JSON-RPC calls and the other REST APIs' paths, so a
 * service registered after it is still reached. Every request but a CORS preflight must be
 * signed with an accepted key.
 */
export function s3Service(s3: LocalS3, clock: Clock): RestService {
  return {
    name: 's3',
    matches: (request) =>
      request.headers['x-amz-target'] === undefined && !OTHER_APIS.test(request.url ?? '/'),
    async handle(request: IncomingMessage, response: ServerResponse) {
      const call = new S3Call(request, response);
      try {
        call.parse();
        const bucket = call.bucket === undefined ? undefined : s3.bucket(call.bucket);
        if (call.method === 'OPTIONS' && call.bucket !== undefined) return preflight(call, bucket);
        applyCors(call, bucket);
        call.auth = await authenticate(request, call.rawPath, call.query, clock.now());
        await route(s3, call);
      } catch (error) {
        call.sendError(error);
      }
    },
  };
}

async function route(s3: LocalS3, call: S3Call): Promise<void> {
  const { method, bucket, key } = call;
  const subresources = Object.keys(call.query).filter(
    (name) => !PLAIN_PARAMETERS.has(name) && !/^x-amz-/i.test(name) && !name.startsWith('response-'),
  );
  const sub = subresources.join('&');
  if (bucket === undefined) {
    if (method === 'GET' && !sub) return listBuckets(s3, call);
    throw notAllowed(method, 'SERVICE');
  }
  if (key === undefined) {
    if (method === 'PUT' && !sub) return createBucket(s3, call, bucket);
    if (method === 'HEAD' && !sub) return headBucket(s3, call, bucket);
    if (method === 'DELETE' && !sub) return deleteBucket(s3, call, bucket);
    if (method === 'GET' && sub === 'location') return getBucketLocation(s3, call, bucket);
    if (method === 'GET' && !sub) {
      return call.param('list-type') === '2'
        ? listObjectsV2(s3, call, bucket)
        : listObjectsV1(s3, call, bucket);
    }
    if (method === 'POST' && sub === 'delete') return deleteObjects(s3, call, bucket);
    if (sub) throw notImplemented(sub);
    throw notAllowed(method, 'BUCKET');
  }
  if (sub) throw notImplemented(sub);
  if (method === 'PUT') {
    return call.header('x-amz-copy-source') === undefined
      ? putObject(s3, call, bucket, key)
      : copyObject(s3, call, bucket, key);
  }
  if (method === 'GET' || method === 'HEAD') return getObject(s3, call, bucket, key);
  if (method === 'DELETE') return deleteObject(s3, call, bucket, key);
  throw notAllowed(method, 'OBJECT');
}

const notAllowed = (method: string, resourceType: string) =>
  new S3Error('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, {
    Method: method,
    ResourceType: resourceType,
  });

/** A 400, not S3's 501: the SDK would retry a 5xx. */
const notImplemented = (subresource: string) =>
  new S3Error(
    'NotImplemented',
    `A header or query you provided implies functionality that is not implemented by the local S3 (${subresource}).`,
  );
