import {
  CreateBucketCommand,
  DeleteBucketCommand,
  GetBucketLocationCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  NotFound,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { topology } from '../../fixtures/s3-topology';
import { useRuntime } from '../../support/local';

describe('S3 buckets', () => {
  const local = useRuntime(topology, { s3: S3Client });

  it("creates the topology's buckets at start", async () => {
    const { Buckets } = await local.s3.send(new ListBucketsCommand({}));
    expect(Buckets!.map((b) => b.Name)).toEqual(expect.arrayContaining(['media', 'private', 'uploads']));
  });

  it('creates, heads and deletes a bucket', async () => {
    await local.s3.send(new CreateBucketCommand({ Bucket: 'scratch-1' }));
    const head = await local.s3.send(new HeadBucketCommand({ Bucket: 'scratch-1' }));
    expect(head.BucketRegion).toBe('us-east-1');
    await local.s3.send(new DeleteBucketCommand({ Bucket: 'scratch-1' }));
    await expect(local.s3.send(new HeadBucketCommand({ Bucket: 'scratch-1' }))).rejects.toThrow(NotFound);
  });

  it('answers 200 to creating a bucket it already owns, as S3 does in us-east-1', async () => {
    await local.s3.send(new CreateBucketCommand({ Bucket: 'scratch-2' }));
    const again = await local.s3.send(new CreateBucketCommand({ Bucket: 'scratch-2' }));
    expect(again.$metadata.httpStatusCode).toBe(200);
  });

  it('accepts the location constraint clients of other regions send', async () => {
    const eu = local.client(S3Client, { region: 'eu-west-1' });
    await eu.send(
      new CreateBucketCommand({
        Bucket: 'scratch-eu',
        CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
      }),
    );
    await expect(local.s3.send(new HeadBucketCommand({ Bucket: 'scratch-eu' }))).resolves.toBeDefined();
  });

  it('refuses an invalid bucket name with InvalidBucketName', async () => {
    await expect(local.s3.send(new CreateBucketCommand({ Bucket: 'Bad_Name' }))).rejects.toMatchObject({
      name: 'InvalidBucketName',
    });
  });

  it('refuses to delete a bucket that holds objects with BucketNotEmpty (409)', async () => {
    await local.s3.send(new CreateBucketCommand({ Bucket: 'scratch-3' }));
    await local.s3.send(new PutObjectCommand({ Bucket: 'scratch-3', Key: 'k', Body: 'x' }));
    await expect(local.s3.send(new DeleteBucketCommand({ Bucket: 'scratch-3' }))).rejects.toMatchObject({
      name: 'BucketNotEmpty',
      $metadata: { httpStatusCode: 409 },
    });
  });

  it('answers NoSuchBucket when deleting a missing bucket', async () => {
    await expect(local.s3.send(new DeleteBucketCommand({ Bucket: 'never-made' }))).rejects.toMatchObject({
      name: 'NoSuchBucket',
    });
  });

  it('answers GetBucketLocation with the us-east-1 (empty) constraint', async () => {
    const { LocationConstraint } = await local.s3.send(new GetBucketLocationCommand({ Bucket: 'media' }));
    expect(LocationConstraint).toBeUndefined();
  });
});
