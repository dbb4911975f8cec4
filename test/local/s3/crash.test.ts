import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { request } from 'node:http';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { kill, useChildRuntimes } from '../../support/child';
import { localClient } from '../../support/clients';
import { signHeaders } from './support';
import { until } from '../../support/sqs';

const TOPOLOGY = join(__dirname, '../../fixtures/s3-topology.ts');

describe('S3 crash and restart (SIGKILL)', () => {
  const runtimes = useChildRuntimes(TOPOLOGY);
  let s3: S3Client | undefined;
  afterAll(async () => {
    s3?.destroy();
  });

  it('keeps every object acknowledged before the kill, and no half-received one', async () => {
    const first = await runtimes.start();
    s3 = localClient(S3Client, first.endpoint);
    const big = Buffer.alloc(3 * 1024 * 1024, 'v');
    await s3.send(
      new PutObjectCommand({ Bucket: 'uploads', Key: 'a.txt', Body: 'alpha', Metadata: { n: '1' } }),
    );
    await s3.send(
      new PutObjectCommand({
        Bucket: 'media',
        Key: 'big.bin',
        Body: Readable.from([big]),
        ContentLength: big.length,
      }),
    );
    await s3.send(new PutObjectCommand({ Bucket: 'uploads', Key: 'gone.txt', Body: 'x' }));
    await s3.send(new DeleteObjectCommand({ Bucket: 'uploads', Key: 'gone.txt' }));
    await s3.send(
      new PutObjectCommand({ Bucket: 'uploads', Key: 'a.txt', Body: 'alpha 2', Metadata: { n: '2' } }),
    );

    // An upload still arriving when the process dies: half its body is in s3/tmp.
    const tmp = join(runtimes.dir, 's3', 'tmp');
    const headers = { 'content-length': '1000', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' };
    const inFlight = request(`${first.endpoint}/uploads/half.bin`, {
      method: 'PUT',
      headers: await signHeaders(first.endpoint, 'PUT', '/uploads/half.bin', headers),
    });
    inFlight.on('error', () => undefined);
    inFlight.write(Buffer.alloc(500));
    await until(() => readdirSync(tmp).length === 1, 10);

    await kill(first.child);
    s3.destroy();

    const second = await runtimes.start();
    s3 = localClient(S3Client, second.endpoint);
    const a = await s3.send(new GetObjectCommand({ Bucket: 'uploads', Key: 'a.txt' }));
    expect(await a.Body!.transformToString()).toBe('alpha 2');
    expect(a.Metadata).toEqual({ n: '2' });
    const got = await s3.send(new GetObjectCommand({ Bucket: 'media', Key: 'big.bin' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(big)).toBe(true);
    const keys = async (Bucket: string) =>
      ((await s3!.send(new ListObjectsV2Command({ Bucket }))).Contents ?? []).map((o) => o.Key);
    expect(await keys('uploads')).toEqual(['a.txt']);
    expect(readdirSync(tmp)).toEqual([]);
    // One file per object: the replaced version of a.txt was removed.
    expect(readdirSync(join(runtimes.dir, 's3', 'objects'))).toHaveLength(2);

    // Every acknowledged change of the uploads bucket was committed with its event.
    const sqs = localClient(SQSClient, second.endpoint);
    const queueUrl = `${second.endpoint}/000000000000/s3-events`;
    const events: string[] = [];
    while (events.length < 4) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }),
      );
      for (const m of Messages) {
        const event = JSON.parse(m.Body!) as { 'detail-type': string; detail: { object: { key: string } } };
        events.push(`${event['detail-type']} ${event.detail.object.key}`);
      }
    }
    sqs.destroy();
    expect(events.sort()).toEqual([
      'Object Created a.txt',
      'Object Created a.txt',
      'Object Created gone.txt',
      'Object Deleted gone.txt',
    ]);
  });
});
