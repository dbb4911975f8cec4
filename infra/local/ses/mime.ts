/** What the mailbox keeps of a MIME message (RFC 5322 / 2045–2047). */
export interface ParsedMessage {
  /** Lower-case names, values with encoded words decoded; repeated headers joined with ", ". */
  headers: Record<string, string>;
  text?: string;
  html?: string;
  attachments: AttachmentSummary[];
}

export interface AttachmentSummary {
  fileName: string;
  contentType: string;
  size: number;
}

/** Parses a raw message: headers, the first text/plain and text/html parts, and the attachments. */
export function parseMime(raw: Buffer): ParsedMessage {
  const message: ParsedMessage = { headers: {}, attachments: [] };
  const entity = parseEntity(raw);
  message.headers = entity.headers;
  collect(entity, message);
  return message;
}

interface Entity {
  headers: Record<string, string>;
  body: Buffer;
}

function parseEntity(raw: Buffer): Entity {
  const text = raw.toString('latin1');
  const match = /\r?\n\r?\n/.exec(text);
  const headerText = match ? text.slice(0, match.index) : text;
  const body = match ? raw.subarray(match.index + match[0].length) : Buffer.alloc(0);
  const headers: Record<string, string> = {};
  // Unfold, then read each `Name: value` (header bytes may be UTF-8, RFC 6532).
  const unfolded = Buffer.from(headerText, 'latin1')
    .toString('utf8')
    .replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = decodeWords(line.slice(colon + 1).trim());
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return { headers, body };
}

function collect(entity: Entity, message: ParsedMessage): void {
  const type = parseHeaderValue(entity.headers['content-type'] ?? 'text/plain; charset=us-ascii');
  const disposition = parseHeaderValue(entity.headers['content-disposition'] ?? '');
  if (type.value.startsWith('multipart/') && type.params.boundary) {
    for (const part of splitMultipart(entity.body, type.params.boundary)) collect(parseEntity(part), message);
    return;
  }
  const content = decodeTransfer(entity.body, entity.headers['content-transfer-encoding']);
  const fileName = disposition.params.filename ?? type.params.name;
  const inline = disposition.value !== 'attachment' && fileName === undefined;
  if (inline && type.value === 'text/plain' && message.text === undefined) {
    message.text = decodeCharset(content, type.params.charset);
  } else if (inline && type.value === 'text/html' && message.html === undefined) {
    message.html = decodeCharset(content, type.params.charset);
  } else {
    message.attachments.push({
      fileName: fileName ?? 'unnamed',
      contentType: type.value,
      size: content.length,
    });
  }
}

/** `type/sub; a=1; b="two"` → value (lower-case) and parameters (names lower-case). */
function parseHeaderValue(text: string): { value: string; params: Record<string, string> } {
  const [value, ...rest] = text.split(';');
  const params: Record<string, string> = {};
  for (const param of rest) {
    const eq = param.indexOf('=');
    if (eq < 0) continue;
    params[param.slice(0, eq).trim().toLowerCase()] = param
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
  }
  return { value: value.trim().toLowerCase(), params };
}

function splitMultipart(body: Buffer, boundary: string): Buffer[] {
  const delimiter = `--${boundary}`;
  const parts: Buffer[] = [];
  let current: string[] | undefined;
  for (const line of body.toString('latin1').split(/\r?\n/)) {
    const trimmed = line.trimEnd();
    if (trimmed === delimiter || trimmed === `${delimiter}--`) {
      if (current) parts.push(Buffer.from(current.join('\r\n'), 'latin1'));
      current = trimmed === delimiter ? [] : undefined;
      if (!current) break;
    } else current?.push(line);
  }
  if (current) parts.push(Buffer.from(current.join('\r\n'), 'latin1'));
  return parts;
}

function decodeTransfer(body: Buffer, encoding: string | undefined): Buffer {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'base64':
      return Buffer.from(body.toString('latin1').replace(/\s+/g, ''), 'base64');
    case 'quoted-printable':
      return quotedPrintable(body.toString('latin1').replace(/=\r?\n/g, ''));
    default:
      return body;
  }
}

function quotedPrintable(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(text.charCodeAt(i) & 0xff);
  }
  return Buffer.from(bytes);
}

function decodeCharset(bytes: Buffer, charset = 'utf-8'): string {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}

/** RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`); whitespace between two words goes. */
function decodeWords(text: string): string {
  return text
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset: string, kind: string, data: string) =>
      decodeCharset(
        kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : quotedPrintable(data.replace(/_/g, ' ')),
        charset,
      ),
    );
}

/** `A <a@x.com>, "B, Jr." <b@y.com>, c@z.com` → each mailbox as written. */
export function parseAddressList(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  let angle = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (c === '<' && !quoted) angle = true;
    else if (c === '>' && !quoted) angle = false;
    if (c === ',' && !quoted && !angle) {
      if (current.trim()) out.push(current.trim());
      current = '';
    } else current += c;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

/** The address of a mailbox: `Name <a@x.com>` → `a@x.com`. */
export function addressOf(mailbox: string): string {
  return (/<([^>]*)>\s*$/.exec(mailbox)?.[1] ?? mailbox).trim();
}
