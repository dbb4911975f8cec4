import { DescribeArchiveCommand, EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { join } from 'node:path';
import { kill, useChildRuntimes } from '../../support/child';
import { localClient } from '../../support/clients';
import { receiveBodies } from '../../support/eventbridge';

const fixtures = join(__dirname, '../../fixtures');

describe('crash and restart (SIGKILL)', () => {
  const runtimes = useChildRuntimes(join(fixtures, 'eventbridge-crash-topology.ts'));

  it('delivers every event accepted before the kill, once the runtime is back', async () => {
    const first = await runtimes.start();
    let eb = localClient(EventBridgeClient, first.endpoint);
    const ids: string[] = [];
    for (let batch = 0; batch < 3; batch++) {
      const entries = Array.from({ length: 10 }, (_, i) => ({
        EventBusName: 'crash',
        Source: 'lectern.crash',
        DetailType: 'Crash Tested',
        Detail: JSON.stringify({ n: batch * 10 + i }),
      }));
      const { Entries, FailedEntryCount } = await eb.send(new PutEventsCommand({ Entries: entries }));
      expect(FailedEntryCount).toBe(0);
      ids.push(...Entries!.map((e) => e.EventId!));
    }
    await kill(first.child);
    eb.destroy();

    const second = await runtimes.start(0, join(fixtures, 'eventbridge-crash-restart-topology.ts'));
    eb = localClient(EventBridgeClient, second.endpoint);
    const sqs = localClient(SQSClient, second.endpoint);
    const events = (await receiveBodies(
      sqs,
      `${second.endpoint}/000000000000/eb-crash`,
      ids.length,
    )) as Array<{
      id: string;
    }>;
    expect(events.map((e) => e.id).sort()).toEqual([...ids].sort());
    expect((await eb.send(new DescribeArchiveCommand({ ArchiveName: 'crashArchive' }))).EventCount).toBe(
      ids.length,
    );
    eb.destroy();
    sqs.destroy();
  });
});
