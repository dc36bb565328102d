import { readFileSync } from 'node:fs';
import { Injectable } from '@nestjs/common';

/** The values a template fills in; every one is HTML-escaped in the HTML part. */
export type TemplateValues = Record<string, string | number>;

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

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!);

/**
 * The messages' templates, files in ./templates (copied into dist by the build): `<kind>.txt` is the
 * plain-text part, whose first line is `Subject: …`; `<kind>.html` is the body of the HTML part, set
 * into `layout.html` (tables and inline styles, for mail clients), where `<!-- button: Label -->` stands
 * for `button.html`, a button to the message's `link`. `{{name}}` takes a value, escaped
 * in HTML; a value missing from the message is an error, never an empty gap.
 */
@Injectable()
export class MessageTemplates {
  private readonly files = new Map<string, string>();

  render(kind: string, values: TemplateValues): RenderedMessage {
    if (!KIND.test(kind)) throw new Error(`No template for the message kind ${JSON.stringify(kind)}`);
    const [subjectLine, ...textLines] = this.file(`${kind}.txt`).split('\n');
    if (!subjectLine.startsWith('Subject: ')) throw new Error(`${kind}.txt must start with a Subject: line`);
    const subject = fill(subjectLine.slice('Subject: '.length).trim(), values, String);
    const body = fill(this.file(`${kind}.html`), values, escapeHtml).replace(BUTTON, (_match, label: string) =>
      fill(this.file('button.html'), { ...values, label }, escapeHtml),
    );
    const html = fill(this.file('layout.html'), { subject }, escapeHtml).replace('<!-- body -->', () => body);
    return { subject, html, text: fill(textLines.join('\n').trimStart(), values, String) };
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
  return template.replace(PLACEHOLDER, (_match, name: string) => {
    if (!Object.hasOwn(values, name)) throw new Error(`The template needs the value ${name}`);
    return encode(String(values[name]));
  });
}
