import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { topology } from '../../fixtures/s3-topology';
import { useRuntime } from '../../support/local';
import { errorCode, sendSigned } from './support';

const md5 = (text: string) => createHash('md5').update(text).digest('base64');

describe('S3 uploads and their integrity checks', () => {
  // The SDK's default (the runtime sets WHEN_REQUIRED in this process's environment).
  const local = useRuntime(topology, { s3: [S3Client, { requestChecksumCalculation: 'WHEN_SUPPORTED' }] });

  const read = async (Key: string) =>
    (await local.s3.send(new GetObjectCommand({ Bucket: 'private', Key }))).Body!.transformToString();

  it('decodes an aws-chunked upload (a stream with ContentLength) and checks its CRC32 trailer', async () => {
    const body = Readable.from([Buffer.from('hello '), Buffer.from('world')]);
    await local.s3.send(
      new PutObjectCommand({ Bucket: 'private', Key: 'chunked', Body: body, ContentLength: 11 }),
    );
    expect(await read('chunked')).toBe('hello world');
  });

  it('stores a multi-megabyte streamed upload byte for byte', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 3, 7);
    big.write('start', 0);
    big.write('end', big.length - 3);
    const body = Readable.from(
      (function* () {
        for (let i = 0; i < big.length; i += 65536) yield big.subarray(i, i + 65536);
      })(),
    );
    await local.s3.send(
      new PutObjectCommand({ Bucket: 'private', Key: 'big-stream', Body: body, ContentLength: big.length }),
    );
    const got = await local.s3.send(new GetObjectCommand({ Bucket: 'private', Key: 'big-stream' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(big)).toBe(true);
  });

  it('accepts a body whose Content-MD5 matches', async () => {
    await local.s3.send(
      new PutObjectCommand({ Bucket: 'private', Key: 'md5', Body: 'abc', ContentMD5: md5('abc') }),
    );
    expect(await read('md5')).toBe('abc');
  });

  it('refuses a body whose Content-MD5 does not match with BadDigest, storing nothing', async () => {
    await expect(
      local.s3.send(
        new PutObjectCommand({ Bucket: 'private', Key: 'bad-md5', Body: 'abc', ContentMD5: md5('abd') }),
      ),
    ).rejects.toMatchObject({ name: 'BadDigest', $metadata: { httpStatusCode: 400 } });
    const { KeyCount } = await local.s3.send(
      new ListObjectsV2Command({ Bucket: 'private', Prefix: 'bad-md5' }),
    );
    expect(KeyCount).toBe(0);
  });

  it('refuses a Content-MD5 that is not an MD5 with InvalidDigest', async () => {
    await expect(
      local.s3.send(
        new PutObjectCommand({
          Bucket: 'private',
          Key: 'invalid-md5',
          Body: 'abc',
          ContentMD5: 'bm90LW1kNQ==',
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidDigest' });
  });

  it('refuses a body whose x-amz-checksum-crc32 does not match with BadDigest', async () => {
    await expect(
      local.s3.send(
        new PutObjectCommand({ Bucket: 'private', Key: 'bad-crc', Body: 'hello', ChecksumCRC32: 'AAAAAA==' }),
      ),
    ).rejects.toMatchObject({ name: 'BadDigest' });
  });

  it('accepts a body with a matching SHA256 checksum', async () => {
    await local.s3.send(
      new PutObjectCommand({ Bucket: 'private', Key: 'sha', Body: 'hello', ChecksumAlgorithm: 'SHA256' }),
    );
    expect(await read('sha')).toBe('hello');
  });

  it('refuses a body that differs from its signed x-amz-content-sha256 with XAmzContentSHA256Mismatch', async () => {
    const res = await sendSigned(local.runtime, {
      method: 'PUT',
      path: '/private/forged',
      body: 'HELLO',
      payloadHash: createHash('sha256').update('hello').digest('hex'),
    });
    expect(res.status).toBe(400);
    expect(errorCode(res.body)).toBe('XAmzContentSHA256Mismatch');
  });

  it('refuses a chunked body whose CRC32 trailer does not match with BadDigest', async () => {
    const res = await sendSigned(local.runtime, {
      method: 'PUT',
      path: '/private/bad-trailer',
      payloadHash: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
      headers: {
        'content-encoding': 'aws-chunked',
        'x-amz-decoded-content-length': '5',
        'x-amz-trailer': 'x-amz-checksum-crc32',
      },
      body: '5\r\nhello\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n',
    });
    expect(errorCode(res.body)).toBe('BadDigest');
  });

  it('refuses a chunked body shorter than its declared length with IncompleteBody', async () => {
    const res = await sendSigned(local.runtime, {
      method: 'PUT',
      path: '/private/short',
      payloadHash: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
      headers: { 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': '10' },
      body: '5\r\nhello\r\n0\r\n\r\n',
    });
    expect(errorCode(res.body)).toBe('IncompleteBody');
  });

  it('answers a malformed chunk in the middle of the body with InvalidRequest (not a dropped connection)', async () => {
    const res = await sendSigned(local.runtime, {
      method: 'PUT',
      path: '/private/malformed-chunk',
      payloadHash: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
      headers: { 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': '10' },
      body: `5\r\nhello\r\nzz\r\n${'x'.repeat(1024 * 1024)}`,
    });
    expect(res.status).toBe(400);
    expect(errorCode(res.body)).toBe('InvalidRequest');
  });

  it('refuses signed chunks (not supported locally) with InvalidRequest', async () => {
    const res = await sendSigned(local.runtime, {
      method: 'PUT',
      path: '/private/signed-chunks',
      payloadHash: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
      headers: { 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': '5' },
      body: '5;chunk-signature=00\r\nhello\r\n0;chunk-signature=00\r\n\r\n',
    });
    expect(res.status).toBe(400);
    expect(errorCode(res.body)).toBe('InvalidRequest');
  });

  it('refuses an object larger than a single PUT allows (5 GiB) with EntityTooLarge before reading it', async () => {
    const res = await sendSigned(local.runtime, {
      method: 'PUT',
      path: '/private/huge',
      payloadHash: 'UNSIGNED-PAYLOAD',
      headers: { 'content-length': String(5 * 1024 ** 3 + 1) },
    });
    expect(res.status).toBe(400);
    expect(errorCode(res.body)).toBe('EntityTooLarge');
    expect(res.body).toContain('<MaxSizeAllowed>5368709120</MaxSizeAllowed>');
  });

  it('refuses metadata over 2 KB with MetadataTooLarge', async () => {
    await expect(
      local.s3.send(
        new PutObjectCommand({
          Bucket: 'private',
          Key: 'fat',
          Body: 'x',
          Metadata: { big: 'x'.repeat(2100) },
        }),
      ),
    ).rejects.toMatchObject({ name: 'MetadataTooLarge' });
  });

  it('refuses a key over 1024 bytes with KeyTooLongError', async () => {
    await expect(
      local.s3.send(new PutObjectCommand({ Bucket: 'private', Key: 'k'.repeat(1025), Body: 'x' })),
    ).rejects.toMatchObject({ name: 'KeyTooLongError' });
  });

  describe('DeleteObjects', () => {
    it('deletes many keys at once and reports each', async () => {
      for (const Key of ['d1', 'd2'])
        await local.s3.send(new PutObjectCommand({ Bucket: 'private', Key, Body: 'x' }));
      const out = await local.s3.send(
        new DeleteObjectsCommand({
          Bucket: 'private',
          Delete: { Objects: [{ Key: 'd1' }, { Key: 'd2' }, { Key: 'none' }] },
        }),
      );
      expect(out.Deleted!.map((d) => d.Key)).toEqual(['d1', 'd2', 'none']);
      const { KeyCount } = await local.s3.send(new ListObjectsV2Command({ Bucket: 'private', Prefix: 'd' }));
      expect(KeyCount).toBe(0);
    });

    it('reports nothing in quiet mode', async () => {
      const out = await local.s3.send(
        new DeleteObjectsCommand({ Bucket: 'private', Delete: { Objects: [{ Key: 'q' }], Quiet: true } }),
      );
      expect(out.Deleted).toBeUndefined();
    });

    it('refuses a malformed document with MalformedXML', async () => {
      const body = '<Delete><Object><Key>a</Key></Object>';
      const res = await sendSigned(local.runtime, {
        method: 'POST',
        path: '/private?delete=',
        headers: { 'content-md5': md5(body) },
        body,
      });
      expect(errorCode(res.body)).toBe('MalformedXML');
    });

    it('refuses a request without Content-MD5 or a checksum with InvalidRequest', async () => {
      const body = '<Delete><Object><Key>a</Key></Object></Delete>';
      const res = await sendSigned(local.runtime, { method: 'POST', path: '/private?delete=', body });
      expect(errorCode(res.body)).toBe('InvalidRequest');
    });
  });
});
