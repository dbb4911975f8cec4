import {
  CreateEmailTemplateCommand,
  SendEmailCommand,
  SESv2Client,
  GetEmailTemplateCommand,
} from '@aws-sdk/client-sesv2';
import { join } from 'node:path';
import type { Topology } from '../../../infra/topology';
import { LocalDatabase } from '../../../infra/local/store/database';
import { ManualClock } from '../../../infra/local/clock';
import { LocalSes } from '../../../infra/local/ses/local-ses';
import { kill, useChildRuntimes } from '../../support/child';
import { localClient } from '../../support/clients';

const TOPOLOGY = join(__dirname, '../../fixtures/ses-topology.ts');

describe('SES crash and restart (SIGKILL)', () => {
  const runtimes = useChildRuntimes(TOPOLOGY);
  let ses: SESv2Client | undefined;
  afterAll(async () => {
    ses?.destroy();
  });

  it('keeps every mail, template and identity acknowledged before the kill', async () => {
    const first = await runtimes.start();
    ses = localClient(SESv2Client, first.endpoint);
    const { topology } = require(TOPOLOGY) as { topology: Topology };
    await ses.send(
      new CreateEmailTemplateCommand({ TemplateName: 'kept', TemplateContent: { Subject: 'S', Text: 'T' } }),
    );
    const ids: string[] = [];
    for (const to of ['a@example.com', 'b@example.com', 'a@example.com']) {
      const { MessageId } = await ses.send(
        new SendEmailCommand({
          FromEmailAddress: topology.mailFrom,
          Destination: { ToAddresses: [to] },
          Content: { Simple: { Subject: { Data: `to ${to}` }, Body: { Text: { Data: 'body' } } } },
        }),
      );
      ids.push(MessageId!);
    }
    await kill(first.child);
    ses.destroy();

    const second = await runtimes.start();
    ses = localClient(SESv2Client, second.endpoint);
    await expect(ses.send(new GetEmailTemplateCommand({ TemplateName: 'kept' }))).resolves.toBeDefined();
    await kill(second.child);

    // The mailbox as the runtime reads it, from the same data directory.
    const db = new LocalDatabase(runtimes.dir);
    const mailbox = new LocalSes(db, new ManualClock(), topology.mailFrom).mailbox;
    expect(mailbox.list().map((m) => m.id)).toEqual([...ids].reverse());
    expect(mailbox.list({ to: 'a@example.com' }).map((m) => m.id)).toEqual([ids[2], ids[0]]);
    expect(mailbox.read(ids[1])).toMatchObject({ to: ['b@example.com'], text: 'body' });
    db.close();
  });
});
