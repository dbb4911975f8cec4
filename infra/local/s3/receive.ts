import { createWriteStream, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AwsChunkedDecoder, incomplete } from './chunked';
import { Digests, entityTooLarge, type ChecksumAlgorithm, type DigestResults } from './digests';
import { invalidRequest, S3Error } from './errors';

/** A request header, or for a presigned URL the `x-amz-*` query parameter standing for it. */
export type HeaderOf = (name: string) => string | undefined;

const CHECKSUM_BYTES: Record<ChecksumAlgorithm, number> = { crc32: 4, sha1: 20, sha256: 32 };
const UNSUPPORTED_CHECKSUMS = ['crc32c', 'crc64nvme'];
const NAMES: Record<ChecksumAlgorithm, string> = { crc32: 'CRC32', sha1: 'SHA1', sha256: 'SHA256' };

/**
 * Streams a request body into `file` (never whole in memory), decoding `aws-chunked` bodies,
 * and checks every integrity claim the client made: Content-MD5, one `x-amz-checksum-*` (header,
 * presigned query parameter or trailer) and a hex `x-amz-content-sha256`. On any failure the file
 * is removed and S3's error is thrown.
 *
 * A presigned PUT made without `requestChecksumCalculation: 'WHEN_REQUIRED'` carries the CRC32 of
 * an empty body (aws-wire.md §8.4). It is checked like any other checksum, as S3 does: such a URL
 * fails here as it would on AWS, instead of only after deployment.
 */
export async function receiveBody(
  request: IncomingMessage,
  header: HeaderOf,
  file: string,
  maxSize: number,
): Promise<DigestResults> {
  try {
    return await receive(request, header, createWriteStream(file), maxSize, entityTooLarge);
  } catch (error) {
    rmSync(file, { force: true });
    throw error;
  }
}

/** A small request body (an XML document) in memory, with the same checks as `receiveBody`. */
export async function receiveSmallBody(
  request: IncomingMessage,
  header: HeaderOf,
  maxSize: number,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await receive(
    request,
    header,
    sink,
    maxSize,
    () => new S3Error('MaxMessageLengthExceeded', 'Your request was too big.'),
  );
  return Buffer.concat(chunks);
}

async function receive(
  request: IncomingMessage,
  header: HeaderOf,
  sink: Writable,
  maxSize: number,
  tooLarge: (size: number, max: number) => S3Error,
): Promise<DigestResults> {
  const contentSha256 = header('x-amz-content-sha256');
  const chunked = /(^|,)\s*aws-chunked\s*(,|$)/.test(header('content-encoding') ?? '');
  if (contentSha256?.startsWith('STREAMING-') && contentSha256 !== 'STREAMING-UNSIGNED-PAYLOAD-TRAILER') {
    throw invalidRequest(
      `x-amz-content-sha256 ${contentSha256} (signed chunks) is not supported by the local S3; send unsigned chunks or a plain body.`,
    );
  }
  const declared = chunked ? header('x-amz-decoded-content-length') : header('content-length');
  if (declared === undefined || !/^\d+$/.test(declared)) {
    throw new S3Error('MissingContentLength', 'You must provide the Content-Length HTTP header.', 411);
  }
  const length = Number(declared);
  if (length > maxSize) throw tooLarge(length, maxSize);
  const md5 = contentMd5(header);
  const claim = checksumClaim(header);
  const payloadHash = contentSha256 && /^[0-9a-f]{64}$/.test(contentSha256) ? contentSha256 : undefined;
  const algorithms = new Set<ChecksumAlgorithm>(claim ? [claim.algorithm] : []);
  if (payloadHash) algorithms.add('sha256');

  const decoder = chunked ? new AwsChunkedDecoder() : undefined;
  const digests = new Digests(maxSize, algorithms, tooLarge);
  if (decoder) await pipeline(request, decoder, digests, sink);
  else await pipeline(request, digests, sink);
  const results = digests.results();
  if (results.size !== length) throw incomplete();
  if (md5 && !md5.equals(results.md5)) {
    throw new S3Error('BadDigest', 'The Content-MD5 you specified did not match what we received.');
  }
  if (claim) {
    const expected = claim.value ?? decodeChecksum(claim.algorithm, decoder?.trailers[claim.name]);
    if (!expected) throw invalidRequest(`The trailer ${claim.name} was declared but not sent.`);
    if (!expected.equals(results.checksums[claim.algorithm]!)) {
      throw new S3Error(
        'BadDigest',
        `The ${NAMES[claim.algorithm]} you specified did not match the calculated checksum.`,
      );
    }
  }
  if (payloadHash && results.checksums.sha256!.toString('hex') !== payloadHash) {
    throw new S3Error(
      'XAmzContentSHA256Mismatch',
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    );
  }
  return results;
}

/** The MD5 a Content-MD5 header claims (checked before the body is read). */
function contentMd5(header: HeaderOf): Buffer | undefined {
  const text = header('content-md5');
  if (text === undefined) return undefined;
  const digest = Buffer.from(text, 'base64');
  if (digest.length !== 16 || digest.toString('base64') !== text) {
    throw new S3Error('InvalidDigest', 'The Content-MD5 you specified was invalid.');
  }
  return digest;
}

interface ChecksumClaim {
  algorithm: ChecksumAlgorithm;
  name: string;
  /** Absent when the value comes in a trailer. */
  value?: Buffer;
}

/** The one `x-amz-checksum-*` the client sent or announced as a trailer, if any. */
function checksumClaim(header: HeaderOf): ChecksumClaim | undefined {
  const trailer = (header('x-amz-trailer') ?? '').toLowerCase().trim();
  const claims: ChecksumClaim[] = [];
  for (const algorithm of Object.keys(CHECKSUM_BYTES) as ChecksumAlgorithm[]) {
    const name = `x-amz-checksum-${algorithm}`;
    const text = header(name);
    if (text !== undefined) {
      const value = decodeChecksum(algorithm, text);
      if (!value) throw invalidRequest(`Value for ${name} header is invalid.`);
      claims.push({ algorithm, name, value });
    } else if (trailer === name) claims.push({ algorithm, name });
  }
  for (const algorithm of UNSUPPORTED_CHECKSUMS) {
    const name = `x-amz-checksum-${algorithm}`;
    if (header(name) !== undefined || trailer === name) {
      throw invalidRequest(`${name} is not supported by the local S3; use CRC32, SHA1 or SHA256.`);
    }
  }
  if (claims.length > 1) {
    throw invalidRequest(
      'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.',
    );
  }
  return claims[0];
}

function decodeChecksum(algorithm: ChecksumAlgorithm, text: string | undefined): Buffer | undefined {
  if (text === undefined) return undefined;
  const value = Buffer.from(text, 'base64');
  return value.length === CHECKSUM_BYTES[algorithm] && value.toString('base64') === text ? value : undefined;
}
