import {
  AlreadyExistsException,
  CreateEmailIdentityCommand,
  CreateEmailTemplateCommand,
  DeleteEmailIdentityCommand,
  DeleteEmailTemplateCommand,
  GetEmailIdentityCommand,
  GetEmailTemplateCommand,
  ListEmailIdentitiesCommand,
  ListEmailTemplatesCommand,
  NotFoundException,
  SESv2Client,
  UpdateEmailTemplateCommand,
} from '@aws-sdk/client-sesv2';
import { topology } from '../../fixtures/ses-topology';
import { useRuntime } from '../../support/local';

describe('SES v2 identities and templates', () => {
  const local = useRuntime(topology, { ses: SESv2Client });

  it("lists the topology's mail identity from the start, verified", async () => {
    const { EmailIdentities } = await local.ses.send(new ListEmailIdentitiesCommand({}));
    expect(EmailIdentities).toContainEqual({
      IdentityType: 'EMAIL_ADDRESS',
      IdentityName: 'no-reply@lectern.test',
      SendingEnabled: true,
      VerificationStatus: 'SUCCESS',
    });
  });

  it('verifies a new address identity at once', async () => {
    const created = await local.ses.send(
      new CreateEmailIdentityCommand({ EmailIdentity: 'author@lectern.test' }),
    );
    expect(created).toMatchObject({ IdentityType: 'EMAIL_ADDRESS', VerifiedForSendingStatus: true });
    const got = await local.ses.send(new GetEmailIdentityCommand({ EmailIdentity: 'author@lectern.test' }));
    expect(got).toMatchObject({ VerificationStatus: 'SUCCESS', VerifiedForSendingStatus: true });
  });

  it('gives a domain identity Easy DKIM tokens', async () => {
    const created = await local.ses.send(
      new CreateEmailIdentityCommand({ EmailIdentity: 'mail.lectern.test' }),
    );
    expect(created.IdentityType).toBe('DOMAIN');
    expect(created.DkimAttributes).toMatchObject({ Status: 'SUCCESS', SigningEnabled: true });
    expect(created.DkimAttributes!.Tokens).toHaveLength(3);
  });

  it('refuses an identity that exists with AlreadyExistsException', async () => {
    await local.ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'twice@lectern.test' }));
    await expect(
      local.ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'twice@lectern.test' })),
    ).rejects.toThrow(AlreadyExistsException);
  });

  it('refuses an identity that is neither an address nor a domain with BadRequestException', async () => {
    await expect(
      local.ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'not a domain' })),
    ).rejects.toMatchObject({
      name: 'BadRequestException',
    });
  });

  it('deletes an identity, and answers NotFoundException for it afterwards', async () => {
    await local.ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'gone@lectern.test' }));
    await local.ses.send(new DeleteEmailIdentityCommand({ EmailIdentity: 'gone@lectern.test' }));
    await expect(
      local.ses.send(new GetEmailIdentityCommand({ EmailIdentity: 'gone@lectern.test' })),
    ).rejects.toThrow(NotFoundException);
  });

  it('pages identities with PageSize and NextToken', async () => {
    const first = await local.ses.send(new ListEmailIdentitiesCommand({ PageSize: 1 }));
    const second = await local.ses.send(
      new ListEmailIdentitiesCommand({ PageSize: 1, NextToken: first.NextToken }),
    );
    expect(first.EmailIdentities).toHaveLength(1);
    expect(second.EmailIdentities![0].IdentityName).not.toBe(first.EmailIdentities![0].IdentityName);
  });

  it('creates, reads, updates and deletes a template', async () => {
    await local.ses.send(
      new CreateEmailTemplateCommand({
        TemplateName: 'reset',
        TemplateContent: { Subject: 'Reset', Text: '{{link}}' },
      }),
    );
    await local.ses.send(
      new UpdateEmailTemplateCommand({
        TemplateName: 'reset',
        TemplateContent: { Subject: 'Reset now', Html: '<a>' },
      }),
    );
    const got = await local.ses.send(new GetEmailTemplateCommand({ TemplateName: 'reset' }));
    expect(got.TemplateContent).toEqual({ Subject: 'Reset now', Html: '<a>' });
    const { TemplatesMetadata } = await local.ses.send(new ListEmailTemplatesCommand({}));
    expect(TemplatesMetadata!.map((t) => t.TemplateName)).toContain('reset');
    await local.ses.send(new DeleteEmailTemplateCommand({ TemplateName: 'reset' }));
    await expect(local.ses.send(new GetEmailTemplateCommand({ TemplateName: 'reset' }))).rejects.toThrow(
      NotFoundException,
    );
  });

  it('refuses a template that exists with AlreadyExistsException', async () => {
    const create = () =>
      local.ses.send(
        new CreateEmailTemplateCommand({ TemplateName: 'dup', TemplateContent: { Subject: 's', Text: 't' } }),
      );
    await create();
    await expect(create()).rejects.toThrow(AlreadyExistsException);
  });

  it('refuses a template without a text or HTML part with BadRequestException', async () => {
    await expect(
      local.ses.send(
        new CreateEmailTemplateCommand({ TemplateName: 'empty', TemplateContent: { Subject: 's' } }),
      ),
    ).rejects.toMatchObject({ name: 'BadRequestException' });
  });
});
