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

  it('repeats an each block for every row of its list, escaping the rows in HTML, and needs the list', () => {
    const booking = {
      name: 'Ann',
      reference: 'ABCD2345',
      service: 'Gala <Night>',
      when: 'Tuesday, 1 December 2026 at 19:30',
      location: 'Hall & Co',
      tickets: [
        { ticket: 'Adult', quantity: 2, unitPrice: '€20.00', amount: '€40.00' },
        { ticket: 'Child <5', quantity: 1, unitPrice: '€9.00', amount: '€9.00' },
      ],
      total: '€49.00',
      link: 'https://t.example/bookings',
    };
    const { subject, html, text } = templates.render('booking-confirmed', booking);
    expect(subject).toBe('Booking ABCD2345 confirmed: Gala <Night>');
    expect(html).toContain('>Adult</td>');
    expect(html).toContain('>Child &lt;5</td>');
    expect(html.match(/× \d/g)).toEqual(['× 2', '× 1']);
    expect(html).not.toContain('<!--');
    expect(text).toContain('Tickets:\n- Adult × 2 at €20.00: €40.00\n- Child <5 × 1 at €9.00: €9.00\nTotal: €49.00');
    expect(() => templates.render('booking-confirmed', { ...booking, tickets: 'none' })).toThrow(/needs the list tickets/);
    expect(() => templates.render('password-changed', { name: booking.tickets, changedAt: 'now', resetLink: 'x' })).toThrow(/is a list/);
  });
});
