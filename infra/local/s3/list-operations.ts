import { LOCAL_ACCOUNT } from '../lambda/functions';
import type { S3Call } from './call';
import { invalidArgument } from './errors';
import { afterKey } from './listing';
import type { LocalS3 } from './local-s3';
import type { ObjectRecord } from './records';
import { node, tag, xmlDocument } from './xml';

const MAX_KEYS = 1000;

/** ListObjectsV2: prefix, delimiter, max-keys, continuation-token, start-after, encoding-type. */
export function listObjectsV2(s3: LocalS3, call: S3Call, bucket: string): void {
  const { prefix, delimiter, maxKeys, encode, encodingType } = listParameters(call);
  const token = call.param('continuation-token');
  const startAfter = call.param('start-after');
  let from = startAfter ? afterKey(startAfter) : Buffer.alloc(0);
  if (token !== undefined) from = decodeToken(token);
  const page = s3.list(bucket, { prefix, delimiter, maxKeys, from });
  const keyCount = page.contents.length + page.commonPrefixes.length;
  call.sendXml(
    xmlDocument(
      'ListBucketResult',
      tag('Name', bucket),
      tag('Prefix', encode(prefix)),
      tag('Delimiter', delimiter === undefined ? undefined : encode(delimiter)),
      tag('MaxKeys', maxKeys),
      tag('EncodingType', encodingType),
      tag('KeyCount', keyCount),
      tag('IsTruncated', page.next !== undefined),
      tag('ContinuationToken', token),
      tag('NextContinuationToken', page.next?.toString('base64url')),
      tag('StartAfter', startAfter === undefined ? undefined : encode(startAfter)),
      ...page.contents.map((o) => contents(o, encode, call.param('fetch-owner') === 'true')),
      ...page.commonPrefixes.map((p) => node('CommonPrefixes', tag('Prefix', encode(p)))),
    ),
  );
}

/** ListObjects (version 1): marker instead of a continuation token. */
export function listObjectsV1(s3: LocalS3, call: S3Call, bucket: string): void {
  const { prefix, delimiter, maxKeys, encode, encodingType } = listParameters(call);
  const marker = call.param('marker') ?? '';
  const page = s3.list(bucket, {
    prefix,
    delimiter,
    maxKeys,
    from: marker ? afterKey(marker) : Buffer.alloc(0),
  });
  const last = [...page.contents.map((o) => o.key), ...page.commonPrefixes]
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
    .pop();
  call.sendXml(
    xmlDocument(
      'ListBucketResult',
      tag('Name', bucket),
      tag('Prefix', encode(prefix)),
      tag('Marker', encode(marker)),
      tag('MaxKeys', maxKeys),
      tag('Delimiter', delimiter === undefined ? undefined : encode(delimiter)),
      tag('EncodingType', encodingType),
      tag('IsTruncated', page.next !== undefined),
      // S3 gives NextMarker only with a delimiter; without one, clients continue from the last Key.
      tag('NextMarker', page.next && delimiter !== undefined && last ? encode(last) : undefined),
      ...page.contents.map((o) => contents(o, encode, true)),
      ...page.commonPrefixes.map((p) => node('CommonPrefixes', tag('Prefix', encode(p)))),
    ),
  );
}

function listParameters(call: S3Call) {
  const maxKeysText = call.param('max-keys');
  const maxKeys = maxKeysText === undefined ? MAX_KEYS : Number(maxKeysText);
  if (!/^\d+$/.test(maxKeysText ?? '0')) {
    throw invalidArgument(
      'Provided max-keys not an integer or within integer range',
      'max-keys',
      maxKeysText!,
    );
  }
  const encodingType = call.param('encoding-type');
  if (encodingType !== undefined && encodingType !== 'url') {
    throw invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', encodingType);
  }
  const delimiter = call.param('delimiter') || undefined;
  // With encoding-type=url, keys go out URL-encoded (keys may hold characters XML cannot carry).
  const encode = (text: string) => (encodingType ? encodeURIComponent(text).replace(/%2F/g, '/') : text);
  return {
    prefix: call.param('prefix') ?? '',
    delimiter,
    maxKeys: Math.min(maxKeys, MAX_KEYS),
    encode,
    encodingType,
  };
}

function contents(object: ObjectRecord, encode: (text: string) => string, owner: boolean): string {
  return node(
    'Contents',
    tag('Key', encode(object.key)),
    tag('LastModified', new Date(object.lastModified).toISOString()),
    tag('ETag', `"${object.etag}"`),
    tag('Size', object.size),
    owner ? node('Owner', tag('ID', LOCAL_ACCOUNT), tag('DisplayName', 'local')) : '',
    tag('StorageClass', 'STANDARD'),
  );
}

function decodeToken(token: string): Buffer {
  const position = Buffer.from(token, 'base64url');
  if (!token || position.toString('base64url') !== token) {
    throw invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
  }
  return position;
}
