import { GetObjectCommand, PutBucketVersioningCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { topology, UPLOAD_ORIGIN } from '../../fixtures/s3-topology';
import { useRuntime } from '../../support/local';
import { errorCode, send, sendSigned } from './support';

describe('S3 authentication, CORS and malformed requests', () => {
  const local = useRuntime(topology, { s3: S3Client });
  beforeAll(async () => {
    await local.s3.send(new PutObjectCommand({ Bucket: 'media', Key: 'v.mp4', Body: 'frames' }));
  });

  describe('authentication', () => {
    it('refuses an anonymous request with 403 AccessDenied', async () => {
      const res = await send(`${local.runtime.endpoint}/media/v.mp4`);
      expect(res.status).toBe(403);
      expect(errorCode(res.body)).toBe('AccessDenied');
    });

    it('refuses a request signed with the wrong secret with SignatureDoesNotMatch', async () => {
      const forger = local.client(S3Client, {
        credentials: { accessKeyId: 'test', secretAccessKey: 'nope' },
      });
      await expect(
        forger.send(new GetObjectCommand({ Bucket: 'media', Key: 'v.mp4' })),
      ).rejects.toMatchObject({
        name: 'SignatureDoesNotMatch',
        $metadata: { httpStatusCode: 403 },
      });
    });

    it('refuses an unknown access key with InvalidAccessKeyId', async () => {
      const stranger = local.client(S3Client, {
        credentials: { accessKeyId: 'AKIDNOBODY', secretAccessKey: 'x' },
      });
      await expect(
        stranger.send(new GetObjectCommand({ Bucket: 'media', Key: 'v.mp4' })),
      ).rejects.toMatchObject({
        name: 'InvalidAccessKeyId',
      });
    });

    it('accepts a request signed in the header by hand', async () => {
      const res = await sendSigned(local.runtime, {
        method: 'GET',
        path: '/media/v.mp4',
        headers: { range: 'bytes=0-1' },
      });
      expect(res).toMatchObject({ status: 206, body: 'fr' });
    });

    it('refuses a signed header changed after signing with SignatureDoesNotMatch', async () => {
      const res = await sendSigned(local.runtime, {
        method: 'GET',
        path: '/media/v.mp4',
        headers: { range: 'bytes=0-1' },
        tampered: { range: 'bytes=0-5' },
      });
      expect(res.status).toBe(403);
      expect(errorCode(res.body)).toBe('SignatureDoesNotMatch');
    });

    it('refuses a malformed Authorization header with AuthorizationHeaderMalformed', async () => {
      const res = await send(`${local.runtime.endpoint}/media/v.mp4`, {
        headers: { authorization: 'AWS4-HMAC-SHA256 nonsense' },
      });
      expect(res.status).toBe(400);
      expect(errorCode(res.body)).toBe('AuthorizationHeaderMalformed');
    });
  });

  describe('CORS', () => {
    const preflight = (bucket: string, origin: string, method: string) =>
      send(`${local.runtime.endpoint}/${bucket}/video.mp4`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': method,
          'access-control-request-headers': 'content-type',
        },
      });

    it("answers a browser's preflight for a presigned PUT from an allowed origin", async () => {
      const res = await preflight('uploads', UPLOAD_ORIGIN, 'PUT');
      expect(res.status).toBe(200);
      expect(res.headers).toMatchObject({
        'access-control-allow-origin': UPLOAD_ORIGIN,
        'access-control-allow-methods': 'GET, HEAD, PUT',
        'access-control-allow-headers': 'content-type',
      });
      expect(res.headers['access-control-expose-headers']).toContain('ETag');
    });

    it('refuses a preflight from another origin with 403 CORSResponse', async () => {
      const res = await preflight('uploads', 'http://evil.example', 'PUT');
      expect(res.status).toBe(403);
      expect(errorCode(res.body)).toBe('CORSResponse');
    });

    it('refuses a preflight for a method browsers may not use', async () => {
      expect((await preflight('uploads', UPLOAD_ORIGIN, 'DELETE')).status).toBe(403);
    });

    it('refuses a preflight for a bucket without CORS', async () => {
      const res = await preflight('private', UPLOAD_ORIGIN, 'GET');
      expect(res.body).toContain('CORS is not enabled for this bucket.');
    });

    it('adds the CORS headers to a GET from any origin on a bucket open to all', async () => {
      const res = await sendSigned(local.runtime, {
        method: 'GET',
        path: '/media/v.mp4',
        headers: { origin: 'http://player.example' },
      });
      expect(res.status).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe('*');
    });

    it('adds no CORS headers for an origin the bucket does not allow', async () => {
      const res = await sendSigned(local.runtime, {
        method: 'GET',
        path: '/uploads/none',
        headers: { origin: 'http://evil.example' },
      });
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('malformed requests', () => {
    it('answers an operation the local S3 does not implement with 400 NotImplemented (never a retried 5xx)', async () => {
      await expect(
        local.s3.send(
          new PutBucketVersioningCommand({ Bucket: 'media', VersioningConfiguration: { Status: 'Enabled' } }),
        ),
      ).rejects.toMatchObject({ name: 'NotImplemented', $metadata: { httpStatusCode: 400, attempts: 1 } });
    });

    it('answers a method S3 does not know with 405 MethodNotAllowed', async () => {
      const res = await sendSigned(local.runtime, { method: 'PATCH', path: '/media/v.mp4' });
      expect(res.status).toBe(405);
      expect(errorCode(res.body)).toBe('MethodNotAllowed');
    });

    it('answers an undecodable path with InvalidURI', async () => {
      const res = await sendSigned(local.runtime, { method: 'GET', path: '/media/%E0%A4%A' });
      expect(errorCode(res.body)).toBe('InvalidURI');
    });

    it('refuses a version id other than null on an unversioned bucket', async () => {
      await expect(
        local.s3.send(new GetObjectCommand({ Bucket: 'media', Key: 'v.mp4', VersionId: 'abc' })),
      ).rejects.toMatchObject({ name: 'InvalidArgument' });
    });
  });
});
