import type { Clock } from '../clock';
import {
  alreadyExists,
  badRequest,
  decodeToken,
  encodeToken,
  notFound,
  optionalObject,
  optionalString,
  pageSize,
  pairs,
  requiredString,
  type Input,
} from './input';
import type { TemplateRecord } from './records';
import type { SesStore } from './store';

const NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** Email templates: CreateEmailTemplate, GetEmailTemplate, UpdateEmailTemplate, DeleteEmailTemplate, ListEmailTemplates. */
export class Templates {
  constructor(
    private readonly store: SesStore,
    private readonly clock: Clock,
  ) {}

  create(input: Input): unknown {
    const name = templateName(requiredString(input, 'TemplateName'));
    if (this.store.template(name)) throw alreadyExists(`Template ${name} already exists.`);
    this.store.putTemplate({
      name,
      ...content(input),
      createdAt: this.clock.now(),
      tags: pairs(input, 'Tags', 'Key').map(([Key, Value]) => ({ Key, Value })),
    });
    return {};
  }

  update(name: string, input: Input): unknown {
    const template = this.require(name);
    this.store.putTemplate({
      ...template,
      subject: undefined,
      text: undefined,
      html: undefined,
      ...content(input),
    });
    return {};
  }

  get(name: string): unknown {
    const template = this.require(name);
    return {
      TemplateName: template.name,
      TemplateContent: { Subject: template.subject, Text: template.text, Html: template.html },
      Tags: template.tags,
    };
  }

  delete(name: string): unknown {
    this.require(name);
    this.store.deleteTemplate(name);
    return {};
  }

  list(input: Input): unknown {
    const limit = pageSize(input.PageSize, 100);
    const page = this.store.templates(decodeToken(input.NextToken), limit + 1);
    const shown = page.slice(0, limit);
    return {
      TemplatesMetadata: shown.map((t) => ({ TemplateName: t.name, CreatedTimestamp: t.createdAt / 1000 })),
      ...(page.length > limit ? { NextToken: encodeToken(shown.at(-1)!.name) } : {}),
    };
  }

  require(name: string): TemplateRecord {
    const template = this.store.template(name);
    if (!template) throw notFound(`Template ${name} does not exist.`);
    return template;
  }
}

function templateName(name: string): string {
  if (!NAME.test(name)) {
    throw badRequest('TemplateName must be 1-64 letters, digits, underscores or hyphens');
  }
  return name;
}

/** TemplateContent: a subject, and a text or an HTML part. */
export function content(
  input: Input,
  member = 'TemplateContent',
): Pick<TemplateRecord, 'subject' | 'text' | 'html'> {
  const value = optionalObject(input, member);
  if (!value) throw badRequest(`Missing required field ${member}`);
  const subject = optionalString(value, 'Subject', `${member}.Subject`);
  const text = optionalString(value, 'Text', `${member}.Text`);
  const html = optionalString(value, 'Html', `${member}.Html`);
  if (text === undefined && html === undefined) throw badRequest(`${member} needs a Text or an Html part`);
  return { subject, text, html };
}
