import { readFileSync } from 'node:fs';
import { Injectable } from '@nestjs/common';

/** One row of a list a template repeats (`<!-- each name -->`). */
export type TemplateRow = Record<string, string | number>;

/** The values a template fills in; every one is HTML-escaped in the HTML part. A list fills an `each` block. */
export type TemplateValues = Record<string, string | number | TemplateRow[]>;

export interface RenderedMessage {
  subject: string;
  html: string;
  text: string;
}

const TEMPLATE_DIR = new URL('./templates/', import.meta.url);
const KIND = /^[a-z][a-z0-9-]{0,39}$/;
const PLACEHOLDER = /\{\{\s*([a-zA-Z][\w]*)\s*\}\}/g;
/** `<!-- button: Label -->` in a body: `button.html`, a button to the message's `link`. */
const BUTTON = /<!-- button: (.+?) -->/g;
/** `<!-- part: name -->` in a template: the file `name.part.html` (in the HTML part) or `name.part.txt` (in the text), which several messages share. */
const PART = /<!-- part: ([a-z][a-z0-9-]{0,39}) -->\n?/g;
/** Lines between `<!-- each name -->` and `<!-- end name -->` (each on a line of its own): repeated for each row of the list `name`. */
const EACH = /^[ \t]*<!-- each ([a-zA-Z]\w*) -->\n([\s\S]*?)^[ \t]*<!-- end \1 -->\n?/gm;

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!);

/**
 * The messages' templates, files in ./templates (copied into dist by the build): `<kind>.txt` is the
 * plain-text part, whose first line is `Subject: …`; `<kind>.html` is the body of the HTML part, set
 * into `layout.html` (tables and inline styles, for mail clients), where `<!-- button: Label -->` stands
 * for `button.html`, a button to the message's `link`. `{{name}}` takes a value, escaped
 * in HTML; a value missing from the message is an error, never an empty gap. Lines between
 * `<!-- each rows -->` and `<!-- end rows -->` are repeated for each row of the list `rows`, whose
 * fields they take as values (a table's rows, a text's lines). `<!-- part: name -->` stands for the
 * file `name.part.html` or `name.part.txt`, what several messages share.
 */
@Injectable()
export class MessageTemplates {
  private readonly files = new Map<string, string>();

  render(kind: string, values: TemplateValues): RenderedMessage {
    if (!KIND.test(kind)) throw new Error(`No template for the message kind ${JSON.stringify(kind)}`);
    const [subjectLine, ...textLines] = this.withParts(`${kind}.txt`).split('\n');
    if (!subjectLine.startsWith('Subject: ')) throw new Error(`${kind}.txt must start with a Subject: line`);
    const subject = fill(subjectLine.slice('Subject: '.length).trim(), values, String);
    const body = fill(this.withParts(`${kind}.html`), values, escapeHtml).replace(BUTTON, (_match, label: string) =>
      fill(this.file('button.html'), { ...values, label }, escapeHtml),
    );
    const html = fill(this.file('layout.html'), { subject }, escapeHtml).replace('<!-- body -->', () => body);
    return { subject, html, text: fill(textLines.join('\n').trimStart(), values, String) };
  }

  /** The file with its parts set in: `<!-- part: p -->` in `x.html` is `p.part.html`. */
  private withParts(name: string): string {
    const extension = name.slice(name.lastIndexOf('.'));
    return this.file(name).replace(PART, (_match, part: string) => this.file(`${part}.part${extension}`));
  }

  private file(name: string): string {
    let content = this.files.get(name);
    if (content === undefined) {
      content = readFileSync(new URL(name, TEMPLATE_DIR), 'utf8');
      this.files.set(name, content);
    }
    return content;
  }
}

function fill(template: string, values: TemplateValues, encode: (value: string) => string): string {
  return template
    .replace(EACH, (_match, name: string, row: string) => {
      const rows = values[name];
      if (!Array.isArray(rows)) throw new Error(`The template needs the list ${name}`);
      return rows.map((fields) => fill(row, { ...values, ...fields }, encode)).join('');
    })
    .replace(PLACEHOLDER, (_match, name: string) => {
      if (!Object.hasOwn(values, name)) throw new Error(`The template needs the value ${name}`);
      const value = values[name];
      if (Array.isArray(value)) throw new Error(`The value ${name} is a list: only an each block takes it`);
      return encode(String(value));
    });
}
