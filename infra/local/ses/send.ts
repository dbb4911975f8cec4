import { randomUUID } from 'node:crypto';
import { AwsError } from '../http/aws-error';
import { LOCAL_REGION } from '../lambda/functions';
import type { Identities } from './identities';
import {
  badRequest,
  notFound,
  optionalObject,
  optionalString,
  pairs,
  requiredString,
  stringList,
  type Input,
} from './input';
import { addressOf, parseAddressList, parseMime, type AttachmentSummary } from './mime';
import type { Mail } from './records';
import { renderTemplate, RenderError } from './render';
import type { SesStore } from './store';
import { content, type Templates } from './templates';

/** SES's limit on recipients (To, Cc and Bcc together) of one message. */
const MAX_RECIPIENTS = 50;
const ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface SendDependencies {
  store: SesStore;
  identities: Identities;
  templates: Templates;
  now: () => number;
}

/**
 * SendEmail (Simple, Raw or Template content) into the local mailbox. Checks what SES checks
 * before accepting: one kind of content, 1–50 valid recipients, a verified sender, an existing
 * template. Stricter than SES in one place: a template that cannot be rendered with the data is
 * refused here (BadRequestException), where SES would accept it and drop the mail later with a
 * Rendering Failure event nobody sees locally.
 */
export function sendEmail(deps: SendDependencies, input: Input): { MessageId: string } {
  const body = optionalObject(input, 'Content');
  if (!body) throw badRequest('Missing required field Content');
  const kinds = ['Simple', 'Raw', 'Template'].filter((k) => body[k] !== undefined && body[k] !== null);
  if (kinds.length !== 1) throw badRequest('Content must contain exactly one of Simple, Raw or Template');
  const configurationSet = optionalString(input, 'ConfigurationSetName');
  if (configurationSet !== undefined) throw notFound(`Configuration set ${configurationSet} does not exist.`);

  const sentAt = deps.now();
  const id = `${sentAt.toString(16).padStart(16, '0')}-${randomUUID()}-000000`;
  const destination = optionalObject(input, 'Destination');
  const message =
    kinds[0] === 'Raw'
      ? rawMessage(optionalObject(body, 'Raw')!)
      : kinds[0] === 'Simple'
        ? simpleMessage(optionalObject(body, 'Simple', 'Content.Simple')!)
        : templateMessage(deps.templates, optionalObject(body, 'Template', 'Content.Template')!);

  const from = optionalString(input, 'FromEmailAddress') ?? message.headers.from;
  if (!from) throw badRequest('Missing required field FromEmailAddress');
  const recipients = {
    to: destination ? stringList(destination, 'ToAddresses') : headerList(message.headers.to),
    cc: destination ? stringList(destination, 'CcAddresses') : headerList(message.headers.cc),
    bcc: destination ? stringList(destination, 'BccAddresses') : headerList(message.headers.bcc),
  };
  const all = [...recipients.to, ...recipients.cc, ...recipients.bcc];
  if (all.length === 0) throw badRequest('Missing required field Destination');
  if (all.length > MAX_RECIPIENTS) throw new AwsError('MessageRejected', 'Recipient count exceeds 50.');
  for (const mailbox of [from, ...all]) checkAddress(mailbox);
  if (!deps.identities.maySendFrom(from)) {
    throw new AwsError(
      'MessageRejected',
      `Email address is not verified. The following identities failed the check in region ${LOCAL_REGION.toUpperCase()}: ${addressOf(from)}`,
    );
  }
  const replyTo = stringList(input, 'ReplyToAddresses');
  const subject = message.subject ?? message.headers.subject ?? '';
  const headers =
    kinds[0] === 'Raw'
      ? message.headers
      : {
          from,
          to: recipients.to.join(', '),
          ...(recipients.cc.length ? { cc: recipients.cc.join(', ') } : {}),
          ...(replyTo.length ? { 'reply-to': replyTo.join(', ') } : {}),
          subject,
          date: new Date(sentAt).toUTCString(),
          'message-id': `<${id}@email.amazonses.com>`,
          'mime-version': '1.0',
          ...message.headers,
        };
  const mail: Mail = {
    id,
    from,
    ...recipients,
    replyTo,
    subject,
    sentAt: new Date(sentAt).toISOString(),
    text: message.text,
    html: message.html,
    headers,
    tags: Object.fromEntries(pairs(input, 'EmailTags', 'Name')),
    attachments: message.attachments,
  };
  const addresses = new Set(all.map((m) => addressOf(m).toLowerCase()));
  deps.store.putMail(mail, sentAt, [...addresses]);
  return { MessageId: id };
}

interface Message {
  subject?: string;
  text?: string;
  html?: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  attachments: AttachmentSummary[];
}

function rawMessage(raw: Input): Message {
  const data = requiredString(raw, 'Data', 'Content.Raw.Data');
  const bytes = Buffer.from(data, 'base64');
  if (bytes.toString('base64').replace(/=+$/, '') !== data.replace(/\s+/g, '').replace(/=+$/, '')) {
    throw badRequest('Content.Raw.Data must be base64');
  }
  const parsed = parseMime(bytes);
  if (!Object.keys(parsed.headers).length) throw badRequest('Content.Raw.Data is not a MIME message');
  return parsed;
}

function simpleMessage(simple: Input): Message {
  const subject = optionalObject(simple, 'Subject', 'Content.Simple.Subject');
  const body = optionalObject(simple, 'Body', 'Content.Simple.Body');
  if (!subject) throw badRequest('Missing required field Content.Simple.Subject');
  if (!body) throw badRequest('Missing required field Content.Simple.Body');
  const part = (name: 'Text' | 'Html') => {
    const value = optionalObject(body, name, `Content.Simple.Body.${name}`);
    return value && requiredString(value, 'Data', `Content.Simple.Body.${name}.Data`);
  };
  const text = part('Text');
  const html = part('Html');
  if (text === undefined && html === undefined) throw badRequest('Content.Simple.Body needs Text or Html');
  return {
    subject: requiredString(subject, 'Data', 'Content.Simple.Subject.Data'),
    text,
    html,
    headers: customHeaders(simple),
    attachments: attachments(simple),
  };
}

function templateMessage(templates: Templates, template: Input): Message {
  const name =
    optionalString(template, 'TemplateName') ?? optionalString(template, 'TemplateArn')?.split('/').pop();
  const source = name ? templates.require(name) : template.TemplateContent ? content(template) : undefined;
  if (!source) throw badRequest('Content.Template needs a TemplateName, TemplateArn or TemplateContent');
  let data: unknown = {};
  const dataText = optionalString(template, 'TemplateData', 'Content.Template.TemplateData');
  if (dataText !== undefined) {
    try {
      data = JSON.parse(dataText);
    } catch {
      throw badRequest('Content.Template.TemplateData is not valid JSON');
    }
  }
  const render = (text: string | undefined, html: boolean) => {
    if (text === undefined) return undefined;
    try {
      return renderTemplate(text, data, { html });
    } catch (error) {
      if (error instanceof RenderError) throw badRequest(`Template rendering failed: ${error.message}`);
      throw error;
    }
  };
  return {
    subject: render(source.subject, false) ?? '',
    text: render(source.text, false),
    html: render(source.html, true),
    headers: customHeaders(template),
    attachments: attachments(template),
  };
}

function customHeaders(content: Input): Record<string, string> {
  return Object.fromEntries(
    pairs(content, 'Headers', 'Name').map(([name, value]) => [name.toLowerCase(), value]),
  );
}

function attachments(content: Input): AttachmentSummary[] {
  const list = content.Attachments;
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw badRequest('Attachments must be a list');
  return list.map((item: Input) => ({
    fileName: requiredString(item, 'FileName', 'Attachments.FileName'),
    contentType: optionalString(item, 'ContentType') ?? 'application/octet-stream',
    size: Buffer.from(requiredString(item, 'RawContent', 'Attachments.RawContent'), 'base64').length,
  }));
}

function headerList(value: string | undefined): string[] {
  return value ? parseAddressList(value) : [];
}

function checkAddress(mailbox: string): void {
  const address = addressOf(mailbox);
  if (!address.includes('@')) throw badRequest(`Missing final '@domain': ${mailbox}`);
  if (!ADDRESS.test(address)) throw badRequest(`Illegal address: ${mailbox}`);
}
