import {
  CreateEmailIdentityCommand,
  CreateEmailTemplateCommand,
  GetAccountCommand,
  MessageRejected,
  SendEmailCommand,
  SESv2Client,
} from '@aws-sdk/client-sesv2';
import { MAIL_FROM, topology } from '../../fixtures/ses-topology';
import { useRuntime } from '../../support/local';

describe('SES v2 SendEmail into the mailbox', () => {
  const local = useRuntime(topology, { ses: SESv2Client });

  it('delivers Simple content from the topology identity to the mailbox', async () => {
    const { MessageId } = await local.ses.send(
      new SendEmailCommand({
        FromEmailAddress: MAIL_FROM,
        Destination: {
          ToAddresses: ['ada@example.com'],
          CcAddresses: ['cc@example.com'],
          BccAddresses: ['b@example.com'],
        },
        ReplyToAddresses: ['support@lectern.test'],
        Content: {
          Simple: {
            Subject: { Data: 'Verify your e-mail', Charset: 'UTF-8' },
            Body: { Text: { Data: 'Click the link' }, Html: { Data: '<a href="x">Click</a>' } },
            Headers: [{ Name: 'X-Flow', Value: 'verify' }],
          },
        },
        EmailTags: [{ Name: 'flow', Value: 'verification' }],
      }),
    );
    const mail = local.runtime.mailbox.read(MessageId!);
    expect(mail).toMatchObject({
      id: MessageId,
      from: MAIL_FROM,
      to: ['ada@example.com'],
      cc: ['cc@example.com'],
      bcc: ['b@example.com'],
      replyTo: ['support@lectern.test'],
      subject: 'Verify your e-mail',
      text: 'Click the link',
      html: '<a href="x">Click</a>',
      tags: { flow: 'verification' },
      sentAt: new Date(Date.UTC(2026, 0, 1)).toISOString(),
    });
    expect(mail.headers).toMatchObject({
      'x-flow': 'verify',
      subject: 'Verify your e-mail',
      to: 'ada@example.com',
    });
  });

  it('lists mail by recipient, newest first, To, Cc and Bcc alike', async () => {
    const send = (to: string, subject: string) =>
      local.ses.send(
        new SendEmailCommand({
          FromEmailAddress: MAIL_FROM,
          Destination: { BccAddresses: [to] },
          Content: { Simple: { Subject: { Data: subject }, Body: { Text: { Data: '.' } } } },
        }),
      );
    await send('Grace <grace@example.com>', 'first');
    await send('grace@example.com', 'second');
    expect(local.runtime.mailbox.list({ to: 'GRACE@example.com' }).map((m) => m.subject)).toEqual([
      'second',
      'first',
    ]);
  });

  it('parses Raw content: headers, text and HTML parts, attachments', async () => {
    const raw = [
      'From: no-reply@lectern.test',
      'To: linus@example.com',
      'Subject: =?UTF-8?B?w5xiZXJzaWNodA==?=',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'raw text',
      '--b1',
      'Content-Type: text/csv; name="grades.csv"',
      'Content-Disposition: attachment; filename="grades.csv"',
      '',
      'a,b',
      '--b1--',
    ].join('\r\n');
    const { MessageId } = await local.ses.send(
      new SendEmailCommand({ Content: { Raw: { Data: Buffer.from(raw) } } }),
    );
    expect(local.runtime.mailbox.read(MessageId!)).toMatchObject({
      from: 'no-reply@lectern.test',
      to: ['linus@example.com'],
      subject: 'Übersicht',
      text: 'raw text',
      attachments: [{ fileName: 'grades.csv', contentType: 'text/csv', size: 3 }],
    });
  });

  it('renders a stored template with the data', async () => {
    await local.ses.send(
      new CreateEmailTemplateCommand({
        TemplateName: 'access-granted',
        TemplateContent: {
          Subject: 'Welcome to {{course}}',
          Text: 'Hi {{name}}, start at {{url}}',
          Html: '<p>Hi {{name}}</p>',
        },
      }),
    );
    const { MessageId } = await local.ses.send(
      new SendEmailCommand({
        FromEmailAddress: MAIL_FROM,
        Destination: { ToAddresses: ['s@example.com'] },
        Content: {
          Template: {
            TemplateName: 'access-granted',
            TemplateData: JSON.stringify({ course: 'Go', name: '<Sam>', url: 'http://x' }),
          },
        },
      }),
    );
    expect(local.runtime.mailbox.read(MessageId!)).toMatchObject({
      subject: 'Welcome to Go',
      text: 'Hi <Sam>, start at http://x',
      html: '<p>Hi &lt;Sam&gt;</p>',
    });
  });

  it('refuses a template whose data lacks a variable with BadRequestException', async () => {
    await local.ses.send(
      new CreateEmailTemplateCommand({
        TemplateName: 'needs-name',
        TemplateContent: { Subject: 'Hi', Text: 'Hi {{name}}' },
      }),
    );
    await expect(
      local.ses.send(
        new SendEmailCommand({
          FromEmailAddress: MAIL_FROM,
          Destination: { ToAddresses: ['s@example.com'] },
          Content: { Template: { TemplateName: 'needs-name', TemplateData: '{}' } },
        }),
      ),
    ).rejects.toMatchObject({ name: 'BadRequestException', message: expect.stringContaining("'name'") });
  });

  it('answers NotFoundException for a template that does not exist', async () => {
    await expect(
      local.ses.send(
        new SendEmailCommand({
          FromEmailAddress: MAIL_FROM,
          Destination: { ToAddresses: ['s@example.com'] },
          Content: { Template: { TemplateName: 'nope', TemplateData: '{}' } },
        }),
      ),
    ).rejects.toMatchObject({ name: 'NotFoundException' });
  });

  it('refuses an unverified sender with MessageRejected and delivers nothing', async () => {
    const before = local.runtime.mailbox.list().length;
    const error = await local.ses
      .send(
        new SendEmailCommand({
          FromEmailAddress: 'mallory@elsewhere.test',
          Destination: { ToAddresses: ['victim@example.com'] },
          Content: { Simple: { Subject: { Data: 'x' }, Body: { Text: { Data: 'x' } } } },
        }),
      )
      .catch((e) => e);
    expect(error).toBeInstanceOf(MessageRejected);
    expect(error.message).toContain('mallory@elsewhere.test');
    expect(local.runtime.mailbox.list()).toHaveLength(before);
  });

  it('lets any address of a verified domain send', async () => {
    await local.ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'courses.test' }));
    const { MessageId } = await local.ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'teacher@courses.test',
        Destination: { ToAddresses: ['s@example.com'] },
        Content: { Simple: { Subject: { Data: 'from a domain' }, Body: { Text: { Data: '.' } } } },
      }),
    );
    expect(local.runtime.mailbox.read(MessageId!).from).toBe('teacher@courses.test');
  });

  it('refuses content with two kinds at once with BadRequestException', async () => {
    await expect(
      local.ses.send(
        new SendEmailCommand({
          FromEmailAddress: MAIL_FROM,
          Destination: { ToAddresses: ['s@example.com'] },
          Content: {
            Simple: { Subject: { Data: 'x' }, Body: { Text: { Data: 'x' } } },
            Raw: { Data: Buffer.from('Subject: x\r\n\r\nx') },
          },
        }),
      ),
    ).rejects.toMatchObject({ name: 'BadRequestException' });
  });

  it('refuses Simple content without a body with BadRequestException', async () => {
    await expect(
      local.ses.send(
        new SendEmailCommand({
          FromEmailAddress: MAIL_FROM,
          Destination: { ToAddresses: ['s@example.com'] },
          Content: { Simple: { Subject: { Data: 'x' }, Body: {} } },
        }),
      ),
    ).rejects.toMatchObject({ name: 'BadRequestException' });
  });

  it('refuses a malformed recipient address with BadRequestException', async () => {
    await expect(
      local.ses.send(
        new SendEmailCommand({
          FromEmailAddress: MAIL_FROM,
          Destination: { ToAddresses: ['not-an-address'] },
          Content: { Simple: { Subject: { Data: 'x' }, Body: { Text: { Data: 'x' } } } },
        }),
      ),
    ).rejects.toMatchObject({ name: 'BadRequestException' });
  });

  it('refuses a message without recipients with BadRequestException', async () => {
    await expect(
      local.ses.send(
        new SendEmailCommand({
          FromEmailAddress: MAIL_FROM,
          Destination: {},
          Content: { Simple: { Subject: { Data: 'x' }, Body: { Text: { Data: 'x' } } } },
        }),
      ),
    ).rejects.toMatchObject({ name: 'BadRequestException' });
  });

  it('refuses more than 50 recipients with MessageRejected', async () => {
    await expect(
      local.ses.send(
        new SendEmailCommand({
          FromEmailAddress: MAIL_FROM,
          Destination: { ToAddresses: Array.from({ length: 51 }, (_, i) => `u${i}@example.com`) },
          Content: { Simple: { Subject: { Data: 'x' }, Body: { Text: { Data: 'x' } } } },
        }),
      ),
    ).rejects.toBeInstanceOf(MessageRejected);
  });

  it('counts the mail sent in the last 24 hours in GetAccount', async () => {
    const account = await local.ses.send(new GetAccountCommand({}));
    expect(account).toMatchObject({ SendingEnabled: true, ProductionAccessEnabled: true });
    expect(account.SendQuota!.SentLast24Hours).toBe(local.runtime.mailbox.list().length);
  });

  it('throws when reading a mail that does not exist', () => {
    expect(() => local.runtime.mailbox.read('nope')).toThrow(/No mail/);
  });
});
