import { CopyObjectCommand, DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { topology } from '../../fixtures/s3-topology';
import { useRuntime } from '../../support/local';
import { send } from './support';

interface S3Event {
  source: string;
  'detail-type': string;
  account: string;
  region: string;
  time: string;
  resources: string[];
  detail: {
    bucket: { name: string };
    object: { key: string; size?: number; etag?: string; sequencer: string };
    reason: string;
  };
}

describe('S3 events to EventBridge', () => {
  // As the runtime's handlers are configured: no empty-body checksum in presigned PUTs.
  const local = useRuntime(topology, {
    s3: [S3Client, { requestChecksumCalculation: 'WHEN_REQUIRED' }],
    sqs: SQSClient,
  });
  const queueUrl = () => `${local.runtime.endpoint}/000000000000/s3-events`;

  /** The next event the rule forwarded to the queue. */
  async function nextEvent(): Promise<S3Event> {
    for (;;) {
      const { Messages } = await local.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl(), MaxNumberOfMessages: 1 }),
      );
      if (Messages?.length) {
        await local.sqs.send(
          new DeleteMessageCommand({ QueueUrl: queueUrl(), ReceiptHandle: Messages[0].ReceiptHandle }),
        );
        return JSON.parse(Messages[0].Body!) as S3Event;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  it('sends Object Created for a PutObject, as S3 sends it', async () => {
    await local.s3.send(new PutObjectCommand({ Bucket: 'uploads', Key: 'in/lesson 1.mp4', Body: 'hello' }));
    const event = await nextEvent();
    expect(event).toMatchObject({
      source: 'aws.s3',
      'detail-type': 'Object Created',
      account: '000000000000',
      region: 'us-east-1',
      time: new Date(local.clock.now()).toISOString().replace('.000', ''),
      resources: ['arn:aws:s3:::uploads'],
      detail: {
        version: '0',
        bucket: { name: 'uploads' },
        object: { key: 'in/lesson 1.mp4', size: 5, etag: '5d41402abc4b2a76b9719d911017c592' },
        reason: 'PutObject',
        requester: '000000000000',
      },
    });
    expect(event.detail.object.sequencer).toMatch(/^[0-9A-F]{16}$/);
  });

  it("sends Object Created for a browser's presigned PUT", async () => {
    const url = await getSignedUrl(
      local.s3,
      new PutObjectCommand({ Bucket: 'uploads', Key: 'browser.mp4' }),
      {
        signingDate: new Date(local.clock.now()),
      },
    );
    expect((await send(url, { method: 'PUT', body: 'video' })).status).toBe(200);
    expect((await nextEvent()).detail.object).toMatchObject({ key: 'browser.mp4', size: 5 });
  });

  it('sends Object Created with reason CopyObject for a copy into the bucket', async () => {
    await local.s3.send(new PutObjectCommand({ Bucket: 'media', Key: 'src.mp4', Body: 'x' }));
    await local.s3.send(
      new CopyObjectCommand({ Bucket: 'uploads', Key: 'copied.mp4', CopySource: 'media/src.mp4' }),
    );
    expect((await nextEvent()).detail).toMatchObject({ object: { key: 'copied.mp4' }, reason: 'CopyObject' });
  });

  it('sends Object Deleted, with a later sequencer, for a deleted object', async () => {
    await local.s3.send(new PutObjectCommand({ Bucket: 'uploads', Key: 'doomed.mp4', Body: 'x' }));
    const created = await nextEvent();
    await local.s3.send(new DeleteObjectCommand({ Bucket: 'uploads', Key: 'doomed.mp4' }));
    const deleted = await nextEvent();
    expect(deleted).toMatchObject({
      'detail-type': 'Object Deleted',
      detail: {
        object: { key: 'doomed.mp4' },
        reason: 'DeleteObject',
        'deletion-type': 'Permanently Deleted',
      },
    });
    expect(deleted.detail.object.sequencer > created.detail.object.sequencer).toBe(true);
  });

  it('sends Object Created for what MediaConvert puts with putObjectFile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mc-out-'));
    writeFileSync(join(dir, 'master.m3u8'), '#EXTM3U\n');
    local.runtime.s3.putObjectFile(
      'uploads',
      'hls/master.m3u8',
      join(dir, 'master.m3u8'),
      'application/vnd.apple.mpegurl',
    );
    rmSync(dir, { recursive: true });
    expect((await nextEvent()).detail.object).toMatchObject({ key: 'hls/master.m3u8', size: 8 });
  });

  it('sends nothing for a bucket without eventBridge', async () => {
    await local.s3.send(new PutObjectCommand({ Bucket: 'media', Key: 'quiet.mp4', Body: 'x' }));
    await local.s3.send(new PutObjectCommand({ Bucket: 'uploads', Key: 'marker.mp4', Body: 'x' }));
    // Events arrive in order: the first one after the quiet PUT is the marker's.
    expect((await nextEvent()).detail.object.key).toBe('marker.mp4');
  });
});
