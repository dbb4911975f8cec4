import { addressOf, checkBucketName } from './addressing';

describe('addressOf', () => {
  it('reads bucket and key from the path (path style)', () => {
    expect(addressOf('127.0.0.1:4566', '/my-bucket/in/a%20b%2Bc.txt')).toEqual({
      bucket: 'my-bucket',
      key: 'in/a b+c.txt',
    });
  });

  it('reads a bucket-level path with and without the trailing slash', () => {
    expect(addressOf('localhost:4566', '/my-bucket/')).toEqual({ bucket: 'my-bucket', key: undefined });
    expect(addressOf('localhost:4566', '/my-bucket')).toEqual({ bucket: 'my-bucket' });
  });

  it('reads the service from the root path', () => {
    expect(addressOf('localhost:4566', '/')).toEqual({});
  });

  it('reads the bucket from a virtual host under localhost', () => {
    expect(addressOf('my-bucket.localhost:4566', '/videos/a.mp4')).toEqual({
      bucket: 'my-bucket',
      key: 'videos/a.mp4',
    });
  });

  it("reads the bucket from a virtual host under LocalStack's DNS name", () => {
    expect(addressOf('my.bucket.s3.localhost.localstack.cloud:4566', '/')).toEqual({
      bucket: 'my.bucket',
      key: undefined,
    });
  });

  it('keeps a key that ends in a slash', () => {
    expect(addressOf('localhost', '/b/folder/').key).toBe('folder/');
  });

  it('refuses an undecodable path with InvalidURI', () => {
    expect(() => addressOf('localhost', '/b/%E0%A4%A')).toThrow(
      expect.objectContaining({ code: 'InvalidURI' }),
    );
  });
});

describe('checkBucketName', () => {
  it.each(['ab', 'UPPER', 'under_score', 'a..b', '192.168.0.1', '-start', 'xn--bucket'])(
    'refuses %s',
    (name) => {
      expect(() => checkBucketName(name)).toThrow(expect.objectContaining({ code: 'InvalidBucketName' }));
    },
  );

  it.each(['abc', 'my-bucket', 'my.bucket.2026'])('accepts %s', (name) => {
    expect(() => checkBucketName(name)).not.toThrow();
  });
});
