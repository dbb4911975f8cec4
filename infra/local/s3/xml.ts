import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { malformedXml } from './errors';

const NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** `<name>text</name>`, the text escaped; nothing when the value is undefined. */
export function tag(name: string, value: string | number | boolean | undefined): string {
  return value === undefined ? '' : `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** `<name>…</name>` around elements already rendered. */
export function node(name: string, ...children: string[]): string {
  return `<${name}>${children.join('')}</${name}>`;
}

/** A response document in S3's namespace. */
export function xmlDocument(root: string, ...children: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${NAMESPACE}">${children.join('')}</${root}>`;
}

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
});

/** Parses a request body; anything not well-formed is S3's MalformedXML. */
export function parseXml(body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8');
  if (XMLValidator.validate(text) !== true) throw malformedXml();
  const parsed: unknown = parser.parse(text);
  if (typeof parsed !== 'object' || parsed === null) throw malformedXml();
  return parsed as Record<string, unknown>;
}
