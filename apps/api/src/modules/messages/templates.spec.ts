import { MessageTemplates } from './templates.js';

describe('MessageTemplates', () => {
  const templates = new MessageTemplates();
  const values = { name: 'Ann <script>"&', email: 'ann@example.com', link: 'https://t.example/verify-email?token=a&b=<c>' };

  it('renders the subject, an HTML part with escaped values and its button, and a plain-text part', () => {
    const { subject, html, text } = templates.render('email-verification', values);
    expect(subject).toBe('Verify your e-mail address');
    expect(html).toContain('<title>Verify your e-mail address</title>');
    expect(html).toContain('Hello Ann &lt;script&gt;&quot;&amp;,');
    expect(html).toContain('href="https://t.example/verify-email?token=a&amp;b=&lt;c&gt;"');
    expect(html).toContain('>Verify my e-mail</a');
    expect(html).not.toContain('<!--');
    expect(html).not.toContain('{{');
    expect(text).toContain('Hello Ann <script>"&,');
    expect(text).toContain('https://t.example/verify-email?token=a&b=<c>');
    expect(text).not.toMatch(/^Subject:/);
  });

  it('refuses a message missing a value the template needs, and an unknown or unsafe kind', () => {
    expect(() => templates.render('email-verification', { name: 'Ann', email: 'ann@example.com' })).toThrow(/needs the value link/);
    expect(() => templates.render('no-such-kind', values)).toThrow();
    expect(() => templates.render('../layout', values)).toThrow(/No template/);
  });
});
