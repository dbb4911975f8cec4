import { createReadStream, type ReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { S3Call } from './call';
import { checkConditions, preconditionFailed } from './conditions';
import { checkKey } from './addressing';
import { invalidArgument, invalidRequest, noSuchBucket, noSuchKey, S3Error } from './errors';
import type { LocalS3 } from './local-s3';
import { parseRange, type ByteRange } from './range';
import { receiveBody } from './receive';
import { STORED_HEADERS, type ObjectRecord, type StoredHeader } from './records';
import { tag, xmlDocument } from './xml';

/** S3's limit on the `x-amz-meta-*` of one object (names and values, in bytes). */
const MAX_METADATA = 2048;

/** GetObject's `response-*` parameters, which override the stored headers in the answer. */
const OVERRIDES: Record<string, string> = {
  'response-content-type': 'content-type',
  'response-content-language': 'content-language',
  'response-expires': 'expires',
  'response-cache-control': 'cache-control',
  'response-content-disposition': 'content-disposition',
  'response-content-encoding': 'content-encoding',
};

export async function putObject(s3: LocalS3, call: S3Call, bucket: string, key: string): Promise<void> {
  s3.requireBucket(bucket);
  checkKey(key);
  const headers = storedHeaders(call);
  const metadata = checkedMetadata(call);
  const temp = s3.tempFile();
  const { size, md5 } = await receiveBody(call.request, call.header, temp, s3.maxObjectSize);
  const object = s3.putObject(
    bucket,
    key,
    temp,
    { size, md5, headers, metadata },
    'PutObject',
    call.requester(),
  );
  await s3.committed();
  call.send(200, { etag: `"${object.etag}"` });
}

export async function copyObject(s3: LocalS3, call: S3Call, bucket: string, key: string): Promise<void> {
  s3.requireBucket(bucket);
  checkKey(key);
  const from = copySource(call.header('x-amz-copy-source')!);
  const source = s3.object(from.bucket, from.key);
  if (!source) throw s3.bucket(from.bucket) ? noSuchKey(from.key) : noSuchBucket(from.bucket);
  // x-amz-copy-source-if-*: the GET conditions, applied to the source; any failure is a 412.
  if (checkConditions(source, (name) => call.header(`x-amz-copy-source-${name}`)) === 304) {
    throw preconditionFailed('x-amz-copy-source-If-None-Match');
  }
  const directive = call.header('x-amz-metadata-directive') ?? 'COPY';
  if (directive !== 'COPY' && directive !== 'REPLACE') {
    throw invalidArgument('Unknown metadata directive.', 'x-amz-metadata-directive', directive);
  }
  if (directive === 'COPY' && from.bucket === bucket && from.key === key) {
    throw invalidRequest(
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  const attributes =
    directive === 'COPY'
      ? { headers: source.headers, metadata: source.metadata }
      : { headers: storedHeaders(call), metadata: checkedMetadata(call) };
  const object = await s3.copyObject(source, bucket, key, attributes, call.requester());
  await s3.committed();
  call.sendXml(
    xmlDocument(
      'CopyObjectResult',
      tag('LastModified', new Date(object.lastModified).toISOString()),
      tag('ETag', `"${object.etag}"`),
    ),
  );
}

/** GetObject and HeadObject: conditions, ranges, stored headers and `response-*` overrides. */
export async function getObject(s3: LocalS3, call: S3Call, bucket: string, key: string): Promise<void> {
  s3.requireBucket(bucket);
  checkVersion(call);
  if (call.has('partNumber')) {
    throw new S3Error('NotImplemented', 'GetObject by partNumber is not implemented by the local S3.');
  }
  for (let attempt = 0; ; attempt++) {
    const object = s3.object(bucket, key);
    if (!object) throw noSuchKey(key);
    const headers = objectHeaders(call, object);
    if (checkConditions(object, call.header) === 304) {
      return call.send(304, pick(headers, ['etag', 'last-modified']));
    }
    const range = parseRange(call.header('range'), object.size);
    if (call.method === 'HEAD') return call.send(range ? 206 : 200, withRange(headers, range, object.size));
    let stream: ReadStream;
    try {
      stream = await open(s3.pathOf(object), range);
    } catch (error) {
      // Replaced or deleted between the lookup and the open: look again.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && attempt < 3) continue;
      throw error;
    }
    call.head(range ? 206 : 200, withRange(headers, range, object.size));
    await pipeline(stream, call.response);
    return;
  }
}

export async function deleteObject(s3: LocalS3, call: S3Call, bucket: string, key: string): Promise<void> {
  checkVersion(call);
  s3.deleteObject(bucket, key, call.requester());
  await s3.committed();
  call.send(204);
}

function objectHeaders(call: S3Call, object: ObjectRecord): Record<string, string | number> {
  const headers: Record<string, string | number> = {
    'content-type': 'binary/octet-stream',
    ...object.headers,
    etag: `"${object.etag}"`,
    'last-modified': new Date(object.lastModified).toUTCString(),
    'accept-ranges': 'bytes',
  };
  for (const [name, value] of Object.entries(object.metadata)) headers[`x-amz-meta-${name}`] = value;
  for (const [param, header] of Object.entries(OVERRIDES)) {
    const value = call.param(param);
    if (value !== undefined) headers[header] = value;
  }
  return headers;
}

function withRange(
  headers: Record<string, string | number>,
  range: ByteRange | undefined,
  size: number,
): Record<string, string | number> {
  if (!range) return { ...headers, 'content-length': size };
  return {
    ...headers,
    'content-length': range.end - range.start + 1,
    'content-range': `bytes ${range.start}-${range.end}/${size}`,
  };
}

function open(path: string, range: ByteRange | undefined): Promise<ReadStream> {
  return new Promise((resolve, reject) => {
    const stream = createReadStream(path, range ?? {});
    stream.once('open', () => resolve(stream));
    stream.once('error', reject);
  });
}

function pick(headers: Record<string, string | number>, names: string[]): Record<string, string | number> {
  return Object.fromEntries(names.filter((n) => n in headers).map((n) => [n, headers[n]]));
}

/** The system headers to store, from the request (`aws-chunked` is transfer, not content, encoding). */
function storedHeaders(call: S3Call): Partial<Record<StoredHeader, string>> {
  const headers: Partial<Record<StoredHeader, string>> = {};
  for (const name of STORED_HEADERS) {
    const value = call.header(name);
    if (value !== undefined) headers[name] = value;
  }
  if (headers['content-encoding'] !== undefined) {
    const encoding = headers['content-encoding']
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e && e !== 'aws-chunked')
      .join(', ');
    if (encoding) headers['content-encoding'] = encoding;
    else delete headers['content-encoding'];
  }
  return headers;
}

function checkedMetadata(call: S3Call): Record<string, string> {
  const metadata = call.metadata();
  const size = Object.entries(metadata).reduce(
    (n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v),
    0,
  );
  if (size > MAX_METADATA) {
    throw new S3Error(
      'MetadataTooLarge',
      'Your metadata headers exceed the maximum allowed metadata size',
      400,
      {
        MaxSizeAllowed: MAX_METADATA,
      },
    );
  }
  return metadata;
}

/** Buckets are unversioned: only the `null` version exists. */
function checkVersion(call: S3Call): void {
  const versionId = call.param('versionId');
  if (versionId !== undefined && versionId !== 'null') {
    throw invalidArgument('Invalid version id specified', 'versionId', versionId);
  }
}

/** `x-amz-copy-source`: `[/]bucket/key[?versionId=…]`, URL-encoded. */
function copySource(header: string): { bucket: string; key: string } {
  const [path, query = ''] = header.split('?');
  const text = path.startsWith('/') ? path.slice(1) : path;
  const slash = text.indexOf('/');
  const invalid = () =>
    invalidArgument(
      'Copy Source must mention the source bucket and key: sourcebucket/sourcekey',
      'x-amz-copy-source',
      header,
    );
  if (slash <= 0 || slash === text.length - 1) throw invalid();
  const versionId = /(?:^|&)versionId=([^&]*)/.exec(query)?.[1];
  if (versionId !== undefined && versionId !== 'null') {
    throw invalidArgument('Invalid version id specified', 'x-amz-copy-source', header);
  }
  try {
    return {
      bucket: decodeURIComponent(text.slice(0, slash)),
      key: decodeURIComponent(text.slice(slash + 1)),
    };
  } catch {
    throw invalid();
  }
}
