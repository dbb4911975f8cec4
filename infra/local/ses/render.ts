/**
 * SES templates: the Handlebars subset SES documents — `{{name}}`, `{{a.b}}`, `{{{raw}}}`,
 * `{{#if x}}…{{else}}…{{/if}}`, `{{#unless x}}`, `{{#each list}}…{{this}}…{{@index}}…{{/each}}`.
 * `{{x}}` is HTML-escaped in the HTML part only.
 */

/** A template that cannot be rendered with the data given. */
export class RenderError extends Error {
  override name = 'RenderError';
}

type Block = { kind: 'if' | 'unless' | 'each'; path: string; body: Node[]; inverse: Node[] };
type Node = string | { kind: 'var'; path: string; raw: boolean } | Block;

const TOKEN = /\{\{\{\s*([^}]*?)\s*\}\}\}|\{\{\s*([^}]*?)\s*\}\}/g;

export function renderTemplate(template: string, data: unknown, options: { html: boolean }): string {
  return renderNodes(parse(template), [data], { index: undefined }, options.html);
}

function parse(template: string): Node[] {
  const root: Node[] = [];
  const stack: Array<{ block: Block; target: Node[] }> = [];
  let target = root;
  let last = 0;
  for (const match of template.matchAll(TOKEN)) {
    if (match.index > last) target.push(template.slice(last, match.index));
    last = match.index + match[0].length;
    if (match[1] !== undefined) {
      target.push({ kind: 'var', path: match[1], raw: true });
      continue;
    }
    const text = match[2];
    const open = /^#(if|unless|each)\s+(\S+)$/.exec(text);
    if (open) {
      const block: Block = { kind: open[1] as Block['kind'], path: open[2], body: [], inverse: [] };
      target.push(block);
      stack.push({ block, target });
      target = block.body;
    } else if (text === 'else') {
      const top = stack.at(-1);
      if (!top) throw new RenderError('{{else}} outside a block');
      target = top.block.inverse;
    } else if (text.startsWith('/')) {
      const top = stack.pop();
      if (!top || top.block.kind !== text.slice(1)) throw new RenderError(`Unexpected {{${text}}}`);
      target = top.target;
    } else if (/^[#/>!]/.test(text)) {
      throw new RenderError(`Unsupported template expression {{${text}}}`);
    } else {
      target.push({ kind: 'var', path: text, raw: false });
    }
  }
  if (stack.length) throw new RenderError(`Unclosed {{#${stack.at(-1)!.block.kind}}}`);
  if (last < template.length) target.push(template.slice(last));
  return root;
}

interface Frame {
  index: number | undefined;
}

function renderNodes(nodes: Node[], scopes: unknown[], frame: Frame, html: boolean): string {
  let out = '';
  for (const node of nodes) {
    if (typeof node === 'string') {
      out += node;
    } else if (node.kind === 'var') {
      const value = lookup(node.path, scopes, frame);
      if (value === undefined)
        throw new RenderError(`Attribute '${node.path}' is not present in the rendering data.`);
      const text = value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
      out += html && !node.raw ? escapeHtml(text) : text;
    } else {
      const value = lookup(node.path, scopes, frame);
      if (node.kind === 'each') {
        const items = Array.isArray(value) ? value : [];
        out += items.length
          ? items.map((item, index) => renderNodes(node.body, [item, ...scopes], { index }, html)).join('')
          : renderNodes(node.inverse, scopes, frame, html);
      } else {
        const shown = truthy(value) === (node.kind === 'if');
        out += renderNodes(shown ? node.body : node.inverse, scopes, frame, html);
      }
    }
  }
  return out;
}

/** `this`, `this.a`, `@index`, or a dotted path looked up from the innermost scope outwards. */
function lookup(path: string, scopes: unknown[], frame: Frame): unknown {
  if (path === '@index') return frame.index;
  if (path === 'this' || path === '.') return scopes[0];
  if (path.startsWith('this.')) return walk(scopes[0], path.slice(5).split('.'));
  const parts = path.split('.');
  for (const scope of scopes) {
    const value = walk(scope, parts);
    if (value !== undefined) return value;
  }
  return undefined;
}

function walk(value: unknown, parts: string[]): unknown {
  for (const part of parts) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function truthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#x27;',
  '`': '&#x60;',
  '=': '&#x3D;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`=]/g, (c) => ESCAPES[c]);
}
