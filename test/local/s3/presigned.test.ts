import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { topology } from '../../fixtures/s3-topology';
import { useRuntime } from '../../support/local';
import { errorCode, send } from './support';

describe('S3 presigned URLs', () => {
  // As the runtime's handlers are configured: no empty-body checksum in presigned PUTs.
  const local = useRuntime(topology, { s3: [S3Client, { requestChecksumCalculation: 'WHEN_REQUIRED' }] });

  /** Presigned at the runtime's (manual) time. */
  const presign = (client: S3Client, command: PutObjectCommand | GetObjectCommand, expiresIn = 600) =>
    getSignedUrl(client, command, { expiresIn, signingDate: new Date(local.clock.now()) });

  it('accepts a presigned PUT and stores the body', async () => {
    const url = await presign(local.s3, new PutObjectCommand({ Bucket: 'uploads', Key: 'up/a b+c.mp4' }));
    const put = await send(url, {
      method: 'PUT',
      body: 'video bytes',
      headers: { 'content-type': 'video/mp4' },
    });
    expect(put.status).toBe(200);
    expect(put.headers.etag).toBe('"04aa5578e9d427b61c53eb5501861db9"');
    const got = await local.s3.send(new GetObjectCommand({ Bucket: 'uploads', Key: 'up/a b+c.mp4' }));
    expect(await got.Body!.transformToString()).toBe('video bytes');
    expect(got.ContentType).toBe('video/mp4');
  });

  it('accepts a presigned GET', async () => {
    await local.s3.send(new PutObjectCommand({ Bucket: 'media', Key: 'watch.mp4', Body: 'frames' }));
    const url = await presign(local.s3, new GetObjectCommand({ Bucket: 'media', Key: 'watch.mp4' }));
    const got = await send(url);
    expect(got).toMatchObject({ status: 200, body: 'frames' });
  });

  it('stores the metadata a presigned PUT carries in its query', async () => {
    const url = await presign(
      local.s3,
      new PutObjectCommand({ Bucket: 'uploads', Key: 'meta.mp4', Metadata: { owner: 'u1' } }),
    );
    expect(url).toContain('x-amz-meta-owner=u1');
    expect((await send(url, { method: 'PUT', body: 'x' })).status).toBe(200);
    const got = await local.s3.send(new GetObjectCommand({ Bucket: 'uploads', Key: 'meta.mp4' }));
    expect(got.Metadata).toEqual({ owner: 'u1' });
  });

  it('refuses a URL whose path was changed with 403 SignatureDoesNotMatch', async () => {
    await local.s3.send(new PutObjectCommand({ Bucket: 'media', Key: 'mine.mp4', Body: 'x' }));
    await local.s3.send(new PutObjectCommand({ Bucket: 'media', Key: 'other.mp4', Body: 'y' }));
    const url = await presign(local.s3, new GetObjectCommand({ Bucket: 'media', Key: 'mine.mp4' }));
    const got = await send(url.replace('mine.mp4', 'other.mp4'));
    expect(got.status).toBe(403);
    expect(errorCode(got.body)).toBe('SignatureDoesNotMatch');
  });

  it('refuses a URL whose expiry was lengthened with 403 SignatureDoesNotMatch', async () => {
    await local.s3.send(new PutObjectCommand({ Bucket: 'media', Key: 'short.mp4', Body: 'x' }));
    const url = await presign(local.s3, new GetObjectCommand({ Bucket: 'media', Key: 'short.mp4' }), 60);
    const got = await send(url.replace('X-Amz-Expires=60', 'X-Amz-Expires=6000'));
    expect(errorCode(got.body)).toBe('SignatureDoesNotMatch');
  });

  it('refuses an expired URL with 403 AccessDenied "Request has expired"', async () => {
    await local.s3.send(new PutObjectCommand({ Bucket: 'media', Key: 'expiring.mp4', Body: 'x' }));
    const url = await presign(local.s3, new GetObjectCommand({ Bucket: 'media', Key: 'expiring.mp4' }), 60);
    expect((await send(url)).status).toBe(200);
    local.clock.advance(61_000);
    const got = await send(url);
    expect(got.status).toBe(403);
    expect(errorCode(got.body)).toBe('AccessDenied');
    expect(got.body).toContain('<Message>Request has expired</Message>');
  });

  it('refuses a URL signed with the wrong secret', async () => {
    const forger = local.client(S3Client, { credentials: { accessKeyId: 'test', secretAccessKey: 'guess' } });
    const url = await presign(forger, new GetObjectCommand({ Bucket: 'media', Key: 'watch.mp4' }));
    expect(errorCode((await send(url)).body)).toBe('SignatureDoesNotMatch');
  });

  it('refuses a URL signed with a key it does not know with InvalidAccessKeyId', async () => {
    const stranger = local.client(S3Client, {
      credentials: { accessKeyId: 'AKIDSTRANGER', secretAccessKey: 'x' },
    });
    const url = await presign(stranger, new GetObjectCommand({ Bucket: 'media', Key: 'watch.mp4' }));
    const got = await send(url);
    expect(got.status).toBe(403);
    expect(errorCode(got.body)).toBe('InvalidAccessKeyId');
  });

  it("accepts the runtime's own key pair (local/local)", async () => {
    const handlerClient = local.client(S3Client, {
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const url = await presign(handlerClient, new GetObjectCommand({ Bucket: 'media', Key: 'watch.mp4' }));
    expect((await send(url)).status).toBe(200);
  });

  it('refuses an upload that does not match the empty-body CRC32 a default presigned PUT carries', async () => {
    // The SDK's default; the runtime sets WHEN_REQUIRED in this process's environment.
    const defaults = local.client(S3Client, { requestChecksumCalculation: 'WHEN_SUPPORTED' });
    const url = await presign(defaults, new PutObjectCommand({ Bucket: 'uploads', Key: 'crc.mp4' }));
    expect(url).toContain('x-amz-checksum-crc32=AAAAAA%3D%3D');
    const put = await send(url, { method: 'PUT', body: 'not empty' });
    expect(put.status).toBe(400);
    expect(errorCode(put.body)).toBe('BadDigest');
  });

  it('accepts a virtual-host URL (bucket.localhost), as a browser sends it', async () => {
    const port = new URL(local.runtime.endpoint).port;
    const vhost = local.client(S3Client, { endpoint: `http://localhost:${port}`, forcePathStyle: false });
    const url = await presign(vhost, new GetObjectCommand({ Bucket: 'media', Key: 'watch.mp4' }));
    expect(new URL(url).host).toBe(`media.localhost:${port}`);
    // Node does not resolve *.localhost; send to the loopback address with the URL's Host.
    const target = new URL(url);
    const got = await send(`${local.runtime.endpoint}${target.pathname}${target.search}`, {
      headers: { host: target.host },
    });
    expect(got).toMatchObject({ status: 200, body: 'frames' });
  });
});
