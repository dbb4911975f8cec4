import { LOCAL_ACCOUNT, LOCAL_REGION } from '../lambda/functions';
import { checkBucketName } from './addressing';
import type { S3Call } from './call';
import { malformedXml, S3Error } from './errors';
import type { LocalS3 } from './local-s3';
import { receiveSmallBody } from './receive';
import { node, parseXml, tag, xmlDocument } from './xml';

/** The largest XML request body read (DeleteObjects with 1000 long keys fits). */
const MAX_XML_BODY = 2 * 1024 * 1024;

const OWNER = node('Owner', tag('ID', LOCAL_ACCOUNT), tag('DisplayName', 'local'));

export function listBuckets(s3: LocalS3, call: S3Call): void {
  const buckets = s3
    .buckets()
    .map((b) =>
      node('Bucket', tag('Name', b.name), tag('CreationDate', new Date(b.createdAt).toISOString())),
    );
  call.sendXml(xmlDocument('ListAllMyBucketsResult', OWNER, node('Buckets', ...buckets)));
}

/**
 * CreateBucket. Like S3 in us-east-1 (the local region), creating a bucket you already own
 * answers 200 (for legacy compatibility; other regions say BucketAlreadyOwnedByYou).
 */
export async function createBucket(s3: LocalS3, call: S3Call, bucket: string): Promise<void> {
  checkBucketName(bucket);
  const body = await readSmallBody(call);
  if (body.length) {
    const doc = parseXml(body);
    if (!('CreateBucketConfiguration' in doc)) throw malformedXml();
  }
  s3.createBucket(bucket);
  await s3.committed();
  call.send(200, { location: `/${bucket}` });
}

export function headBucket(s3: LocalS3, call: S3Call, bucket: string): void {
  s3.requireBucket(bucket);
  call.send(200, { 'x-amz-bucket-region': LOCAL_REGION });
}

export async function deleteBucket(s3: LocalS3, call: S3Call, bucket: string): Promise<void> {
  s3.deleteBucket(bucket);
  await s3.committed();
  call.send(204);
}

/** GetBucketLocation: us-east-1 is the empty constraint. */
export function getBucketLocation(s3: LocalS3, call: S3Call, bucket: string): void {
  s3.requireBucket(bucket);
  call.sendXml(xmlDocument('LocationConstraint', LOCAL_REGION === 'us-east-1' ? '' : LOCAL_REGION));
}

/** DeleteObjects: up to 1000 keys; S3 requires Content-MD5 or a checksum (checked by `readSmallBody`). */
export async function deleteObjects(s3: LocalS3, call: S3Call, bucket: string): Promise<void> {
  s3.requireBucket(bucket);
  const integrity = [
    'content-md5',
    'x-amz-trailer',
    ...['crc32', 'crc32c', 'crc64nvme', 'sha1', 'sha256'].map((a) => `x-amz-checksum-${a}`),
  ];
  if (integrity.every((name) => call.header(name) === undefined)) {
    throw new S3Error('InvalidRequest', 'Missing required header for this request: Content-MD5');
  }
  const doc = parseXml(await readSmallBody(call));
  const request = doc.Delete as { Object?: unknown; Quiet?: string } | undefined;
  if (typeof request !== 'object' || request === null) throw malformedXml();
  const objects =
    request.Object === undefined ? [] : Array.isArray(request.Object) ? request.Object : [request.Object];
  if (objects.length === 0 || objects.length > 1000) throw malformedXml();
  const keys = objects.map((o) => {
    const key = (o as { Key?: unknown })?.Key;
    if (typeof key !== 'string' || key === '') throw malformedXml();
    const versionId = (o as { VersionId?: unknown }).VersionId;
    return { key, versionId: typeof versionId === 'string' ? versionId : undefined };
  });
  const quiet = request.Quiet === 'true';
  const results: string[] = [];
  for (const { key, versionId } of keys) {
    if (versionId !== undefined && versionId !== 'null') {
      results.push(
        node(
          'Error',
          tag('Key', key),
          tag('VersionId', versionId),
          tag('Code', 'NoSuchVersion'),
          tag('Message', 'The specified version does not exist.'),
        ),
      );
      continue;
    }
    s3.deleteObject(bucket, key, call.requester());
    if (!quiet) results.push(node('Deleted', tag('Key', key)));
  }
  await s3.committed();
  call.sendXml(xmlDocument('DeleteResult', ...results));
}

/** A bucket operation's XML body (none for a request without one), integrity-checked like an object's. */
function readSmallBody(call: S3Call): Promise<Buffer> {
  const headers = call.request.headers;
  if (headers['content-length'] === undefined && headers['transfer-encoding'] === undefined) {
    return Promise.resolve(Buffer.alloc(0));
  }
  return receiveSmallBody(call.request, call.header, MAX_XML_BODY);
}
