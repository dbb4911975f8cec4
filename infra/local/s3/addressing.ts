import { S3Error } from './errors';

/**
 * Host names under which `<bucket>.<base>` is virtual-host addressing (aws-wire.md §8.1). The SDK
 * uses it for `http://localhost:PORT` without `forcePathStyle` (browsers resolve `*.localhost`),
 * and LocalStack's wildcard DNS name is common in existing scripts. Longest first.
 */
const VIRTUAL_HOST_BASES = ['s3.localhost.localstack.cloud', 'localhost'];

/** Which bucket and key a request is for; neither for the service (ListBuckets). */
export interface S3Address {
  bucket?: string;
  key?: string;
}

/** Reads the bucket from the Host (virtual host) or the first path segment (path style). */
export function addressOf(host: string | undefined, rawPath: string): S3Address {
  const hostname = (host ?? '').replace(/:\d+$/, '').toLowerCase();
  for (const base of VIRTUAL_HOST_BASES) {
    if (hostname.endsWith(`.${base}`)) {
      const bucket = hostname.slice(0, -base.length - 1);
      return { bucket, key: keyOf(rawPath.slice(1)) };
    }
  }
  const path = rawPath.slice(1);
  if (!path) return {};
  const slash = path.indexOf('/');
  if (slash < 0) return { bucket: decode(path) };
  return { bucket: decode(path.slice(0, slash)), key: keyOf(path.slice(slash + 1)) };
}

function keyOf(encoded: string): string | undefined {
  return encoded ? decode(encoded) : undefined;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new S3Error('InvalidURI', "Couldn't parse the specified URI.");
  }
}

/** Bucket naming rules for CreateBucket (general purpose buckets). */
export function checkBucketName(name: string): void {
  const valid =
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) &&
    !name.includes('..') &&
    !/^\d+\.\d+\.\d+\.\d+$/.test(name) &&
    !/^(xn--|sthree-|amzn-s3-demo-)/.test(name) &&
    !/(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(name);
  if (!valid) {
    throw new S3Error('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: name });
  }
}

/** Keys are at most 1024 bytes of UTF-8. */
export function checkKey(key: string): void {
  if (Buffer.byteLength(key) > 1024) {
    throw new S3Error('KeyTooLongError', 'Your key is too long', 400, { Key: key });
  }
}
