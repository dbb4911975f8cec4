import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { topology } from '../../fixtures/s3-topology';
import { useRuntime } from '../../support/local';

const BODY = '0123456789abcdefghij';

describe('S3 ranged GETs (playback)', () => {
  const local = useRuntime(topology, { s3: S3Client });
  beforeAll(async () => {
    await local.s3.send(new PutObjectCommand({ Bucket: 'media', Key: 'segment.ts', Body: BODY }));
  });

  const get = (Range: string) =>
    local.s3.send(new GetObjectCommand({ Bucket: 'media', Key: 'segment.ts', Range }));

  it('answers 206 with the bytes and Content-Range of a closed range', async () => {
    const got = await get('bytes=2-5');
    expect(await got.Body!.transformToString()).toBe('2345');
    expect(got).toMatchObject({
      ContentRange: 'bytes 2-5/20',
      ContentLength: 4,
      $metadata: { httpStatusCode: 206 },
    });
  });

  it('answers an open range up to the end', async () => {
    const got = await get('bytes=15-');
    expect(await got.Body!.transformToString()).toBe('fghij');
    expect(got.ContentRange).toBe('bytes 15-19/20');
  });

  it('answers a suffix range with the last bytes', async () => {
    expect(await (await get('bytes=-3')).Body!.transformToString()).toBe('hij');
  });

  it('clamps a range past the end', async () => {
    const got = await get('bytes=18-100');
    expect(await got.Body!.transformToString()).toBe('ij');
    expect(got.ContentRange).toBe('bytes 18-19/20');
  });

  it('answers 416 InvalidRange for a range that starts past the end', async () => {
    await expect(get('bytes=20-')).rejects.toMatchObject({
      name: 'InvalidRange',
      $metadata: { httpStatusCode: 416 },
    });
  });

  it('answers HEAD with a range as 206 with its length', async () => {
    const head = await local.s3.send(
      new HeadObjectCommand({ Bucket: 'media', Key: 'segment.ts', Range: 'bytes=0-9' }),
    );
    expect(head).toMatchObject({ ContentLength: 10, ContentRange: 'bytes 0-9/20' });
  });

  it('streams a large object in ranges without changing a byte', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < big.length; i++) big[i] = (i * 31) & 0xff;
    await local.s3.send(new PutObjectCommand({ Bucket: 'media', Key: 'big.bin', Body: big }));
    const got = await local.s3.send(
      new GetObjectCommand({ Bucket: 'media', Key: 'big.bin', Range: 'bytes=1048576-2097151' }),
    );
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(big.subarray(1048576, 2097152))).toBe(
      true,
    );
  });
});
