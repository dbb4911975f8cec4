import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchBucket,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { topology } from '../../fixtures/s3-topology';
import { useRuntime } from '../../support/local';

describe('S3 objects', () => {
  const local = useRuntime(topology, { s3: S3Client });

  it('stores an object and gives back its bytes, type, metadata and quoted MD5 ETag', async () => {
    const put = await local.s3.send(
      new PutObjectCommand({
        Bucket: 'private',
        Key: 'in/a b+c.txt',
        Body: 'hello',
        ContentType: 'text/plain',
        Metadata: { owner: 'ada' },
      }),
    );
    const got = await local.s3.send(new GetObjectCommand({ Bucket: 'private', Key: 'in/a b+c.txt' }));
    expect(put.ETag).toBe('"5d41402abc4b2a76b9719d911017c592"');
    expect(await got.Body!.transformToString()).toBe('hello');
    expect(got).toMatchObject({
      ContentType: 'text/plain',
      ContentLength: 5,
      ETag: '"5d41402abc4b2a76b9719d911017c592"',
      Metadata: { owner: 'ada' },
      AcceptRanges: 'bytes',
    });
  });

  it('dates an object by the runtime clock in Last-Modified', async () => {
    await local.s3.send(new PutObjectCommand({ Bucket: 'private', Key: 'dated', Body: 'x' }));
    const head = await local.s3.send(new HeadObjectCommand({ Bucket: 'private', Key: 'dated' }));
    expect(head.LastModified).toEqual(new Date(Date.UTC(2026, 0, 1)));
  });

  it('answers HeadObject with the headers and no body', async () => {
    await local.s3.send(
      new PutObjectCommand({
        Bucket: 'private',
        Key: 'head-me',
        Body: 'abc',
        ContentDisposition: 'attachment',
      }),
    );
    const head = await local.s3.send(new HeadObjectCommand({ Bucket: 'private', Key: 'head-me' }));
    expect(head).toMatchObject({
      ContentLength: 3,
      ContentDisposition: 'attachment',
      ETag: '"900150983cd24fb0d6963f7d28e17f72"',
    });
  });

  it('replaces an object written twice', async () => {
    await local.s3.send(new PutObjectCommand({ Bucket: 'private', Key: 'twice', Body: 'one' }));
    await local.s3.send(new PutObjectCommand({ Bucket: 'private', Key: 'twice', Body: 'two' }));
    const got = await local.s3.send(new GetObjectCommand({ Bucket: 'private', Key: 'twice' }));
    expect(await got.Body!.transformToString()).toBe('two');
  });

  it('stores an empty object', async () => {
    await local.s3.send(new PutObjectCommand({ Bucket: 'private', Key: 'empty', Body: new Uint8Array(0) }));
    const got = await local.s3.send(new GetObjectCommand({ Bucket: 'private', Key: 'empty' }));
    expect(await got.Body!.transformToString()).toBe('');
    expect(got.ETag).toBe('"d41d8cd98f00b204e9800998ecf8427e"');
  });

  it('answers NoSuchKey with the key for a missing object', async () => {
    const error = await local.s3
      .send(new GetObjectCommand({ Bucket: 'private', Key: 'missing' }))
      .catch((e) => e);
    expect(error).toBeInstanceOf(NoSuchKey);
    expect(error).toMatchObject({ Key: 'missing', $metadata: { httpStatusCode: 404 } });
  });

  it('answers NoSuchBucket with the bucket name for a missing bucket', async () => {
    const error = await local.s3
      .send(new PutObjectCommand({ Bucket: 'nowhere', Key: 'k', Body: 'x' }))
      .catch((e) => e);
    expect(error).toBeInstanceOf(NoSuchBucket);
    expect(error).toMatchObject({ BucketName: 'nowhere' });
  });

  it('answers a HEAD of a missing object with a bare 404 (NotFound)', async () => {
    await expect(local.s3.send(new HeadObjectCommand({ Bucket: 'private', Key: 'missing' }))).rejects.toThrow(
      NotFound,
    );
  });

  it('deletes an object, and answers 204 again for one already gone', async () => {
    await local.s3.send(new PutObjectCommand({ Bucket: 'private', Key: 'doomed', Body: 'x' }));
    await local.s3.send(new DeleteObjectCommand({ Bucket: 'private', Key: 'doomed' }));
    const again = await local.s3.send(new DeleteObjectCommand({ Bucket: 'private', Key: 'doomed' }));
    expect(again.$metadata.httpStatusCode).toBe(204);
    await expect(local.s3.send(new GetObjectCommand({ Bucket: 'private', Key: 'doomed' }))).rejects.toThrow(
      NoSuchKey,
    );
  });

  it('copies an object with its metadata', async () => {
    await local.s3.send(
      new PutObjectCommand({
        Bucket: 'private',
        Key: 'original',
        Body: 'copy me',
        Metadata: { a: '1' },
        ContentType: 'text/plain',
      }),
    );
    const copy = await local.s3.send(
      new CopyObjectCommand({ Bucket: 'media', Key: 'copied', CopySource: 'private/original' }),
    );
    const got = await local.s3.send(new GetObjectCommand({ Bucket: 'media', Key: 'copied' }));
    expect(copy.CopyObjectResult?.ETag).toBe(got.ETag);
    expect(await got.Body!.transformToString()).toBe('copy me');
    expect(got).toMatchObject({ Metadata: { a: '1' }, ContentType: 'text/plain' });
  });

  it('replaces the metadata of a copy with REPLACE', async () => {
    await local.s3.send(
      new PutObjectCommand({ Bucket: 'private', Key: 'meta-src', Body: 'x', Metadata: { a: '1' } }),
    );
    await local.s3.send(
      new CopyObjectCommand({
        Bucket: 'private',
        Key: 'meta-src',
        CopySource: 'private/meta-src',
        MetadataDirective: 'REPLACE',
        Metadata: { b: '2' },
      }),
    );
    const head = await local.s3.send(new HeadObjectCommand({ Bucket: 'private', Key: 'meta-src' }));
    expect(head.Metadata).toEqual({ b: '2' });
  });

  it('refuses to copy an object onto itself without changes', async () => {
    await local.s3.send(new PutObjectCommand({ Bucket: 'private', Key: 'self', Body: 'x' }));
    await expect(
      local.s3.send(new CopyObjectCommand({ Bucket: 'private', Key: 'self', CopySource: 'private/self' })),
    ).rejects.toMatchObject({ name: 'InvalidRequest' });
  });

  it('refuses a copy whose source condition does not hold with PreconditionFailed', async () => {
    await local.s3.send(new PutObjectCommand({ Bucket: 'private', Key: 'cond-src', Body: 'x' }));
    await expect(
      local.s3.send(
        new CopyObjectCommand({
          Bucket: 'private',
          Key: 'cond-dst',
          CopySource: 'private/cond-src',
          CopySourceIfMatch: '"0"',
        }),
      ),
    ).rejects.toMatchObject({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } });
  });

  it('answers NoSuchKey for a missing copy source', async () => {
    await expect(
      local.s3.send(new CopyObjectCommand({ Bucket: 'private', Key: 'x', CopySource: 'private/not-there' })),
    ).rejects.toThrow(NoSuchKey);
  });

  it('answers 304 to a GET whose If-None-Match holds the ETag', async () => {
    const { ETag } = await local.s3.send(
      new PutObjectCommand({ Bucket: 'private', Key: 'cached', Body: 'x' }),
    );
    const error = await local.s3
      .send(new GetObjectCommand({ Bucket: 'private', Key: 'cached', IfNoneMatch: ETag }))
      .catch((e) => e);
    expect(error.$metadata.httpStatusCode).toBe(304);
  });

  it('answers 412 PreconditionFailed to a GET whose If-Match does not hold', async () => {
    await local.s3.send(new PutObjectCommand({ Bucket: 'private', Key: 'guarded', Body: 'x' }));
    await expect(
      local.s3.send(new GetObjectCommand({ Bucket: 'private', Key: 'guarded', IfMatch: '"0000"' })),
    ).rejects.toMatchObject({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } });
  });

  it('overrides response headers with response-* parameters', async () => {
    await local.s3.send(
      new PutObjectCommand({ Bucket: 'private', Key: 'override', Body: 'x', ContentType: 'text/plain' }),
    );
    const got = await local.s3.send(
      new GetObjectCommand({
        Bucket: 'private',
        Key: 'override',
        ResponseContentType: 'video/mp4',
        ResponseContentDisposition: 'attachment; filename="v.mp4"',
      }),
    );
    expect(got).toMatchObject({
      ContentType: 'video/mp4',
      ContentDisposition: 'attachment; filename="v.mp4"',
    });
  });

  it('gives MediaConvert the stored file of an object written through the API', async () => {
    await local.s3.send(
      new PutObjectCommand({ Bucket: 'media', Key: 'source.mp4', Body: 'not really video' }),
    );
    const file = local.runtime.s3.objectFile('media', 'source.mp4')!;
    expect(require('node:fs').readFileSync(file, 'utf8')).toBe('not really video');
  });
});
