import {
  ListObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  paginateListObjectsV2,
} from '@aws-sdk/client-s3';
import { topology } from '../../fixtures/s3-topology';
import { useRuntime } from '../../support/local';

const KEYS = [
  'courses/go/intro.mp4',
  'courses/go/setup.mp4',
  'courses/readme.txt',
  'courses/rust/intro.mp4',
  'posters/go.jpg',
  'root.txt',
];

describe('S3 ListObjectsV2', () => {
  const local = useRuntime(topology, { s3: S3Client });
  beforeAll(async () => {
    for (const Key of KEYS) await local.s3.send(new PutObjectCommand({ Bucket: 'media', Key, Body: Key }));
  });

  const list = (input: Omit<ConstructorParameters<typeof ListObjectsV2Command>[0], 'Bucket'>) =>
    local.s3.send(new ListObjectsV2Command({ Bucket: 'media', ...input }));

  it('lists every key in order with size and ETag', async () => {
    const page = await list({});
    expect(page.Contents!.map((o) => o.Key)).toEqual(KEYS);
    expect(page.Contents![5]).toMatchObject({ Key: 'root.txt', Size: 8, StorageClass: 'STANDARD' });
    expect(page).toMatchObject({ KeyCount: 6, IsTruncated: false });
  });

  it('lists the keys under a prefix', async () => {
    const page = await list({ Prefix: 'courses/go/' });
    expect(page.Contents!.map((o) => o.Key)).toEqual(['courses/go/intro.mp4', 'courses/go/setup.mp4']);
  });

  it('rolls keys up into CommonPrefixes at the delimiter', async () => {
    const page = await list({ Prefix: 'courses/', Delimiter: '/' });
    expect(page.Contents!.map((o) => o.Key)).toEqual(['courses/readme.txt']);
    expect(page.CommonPrefixes!.map((p) => p.Prefix)).toEqual(['courses/go/', 'courses/rust/']);
    expect(page.KeyCount).toBe(3);
  });

  it('pages with max-keys and the continuation token', async () => {
    const first = await list({ MaxKeys: 4 });
    const second = await list({ MaxKeys: 4, ContinuationToken: first.NextContinuationToken });
    expect(first).toMatchObject({ IsTruncated: true, KeyCount: 4 });
    expect(second.Contents!.map((o) => o.Key)).toEqual(['posters/go.jpg', 'root.txt']);
    expect(second).toMatchObject({ IsTruncated: false, ContinuationToken: first.NextContinuationToken });
  });

  it('walks every page with the SDK paginator, common prefixes included', async () => {
    const seen: string[] = [];
    for await (const page of paginateListObjectsV2(
      { client: local.s3, pageSize: 1 },
      { Bucket: 'media', Delimiter: '/' },
    )) {
      seen.push(
        ...(page.Contents ?? []).map((o) => o.Key!),
        ...(page.CommonPrefixes ?? []).map((p) => p.Prefix!),
      );
    }
    expect(seen).toEqual(['courses/', 'posters/', 'root.txt']);
  });

  it('starts after a key with start-after', async () => {
    const page = await list({ StartAfter: 'courses/readme.txt' });
    expect(page.Contents!.map((o) => o.Key)).toEqual([
      'courses/rust/intro.mp4',
      'posters/go.jpg',
      'root.txt',
    ]);
  });

  it('answers an empty listing for a prefix nothing has', async () => {
    const page = await list({ Prefix: 'nothing/' });
    expect(page).toMatchObject({ KeyCount: 0, IsTruncated: false });
    expect(page.Contents).toBeUndefined();
  });

  it('URL-encodes keys with encoding-type=url', async () => {
    await local.s3.send(new PutObjectCommand({ Bucket: 'private', Key: 'a b&c.txt', Body: 'x' }));
    const page = await local.s3.send(
      new ListObjectsV2Command({ Bucket: 'private', EncodingType: 'url', Prefix: 'a ' }),
    );
    expect(page.Contents!.map((o) => o.Key)).toEqual(['a%20b%26c.txt']);
  });

  it('refuses a continuation token it did not issue', async () => {
    await expect(list({ ContinuationToken: '!!not a token' })).rejects.toMatchObject({
      name: 'InvalidArgument',
    });
  });

  it('answers NoSuchBucket for a missing bucket', async () => {
    await expect(local.s3.send(new ListObjectsV2Command({ Bucket: 'nowhere' }))).rejects.toMatchObject({
      name: 'NoSuchBucket',
    });
  });

  it('lists with version 1 (marker) too', async () => {
    const page = await local.s3.send(new ListObjectsCommand({ Bucket: 'media', Marker: 'posters/go.jpg' }));
    expect(page.Contents!.map((o) => o.Key)).toEqual(['root.txt']);
  });
});
