import { HttpErrorResponse } from '@angular/common/http';
import { admittedOutcome, looksLikeReference, refusedOutcome } from './check-in';

function problem(status: number, kind: string, extra: Record<string, unknown> = {}): HttpErrorResponse {
  return new HttpErrorResponse({ status, error: { type: `/problems/${kind}`, title: kind, status, ...extra } });
}

describe('check-in outcomes', () => {
  it('tells a reference from a signed code', () => {
    expect(looksLikeReference('K7MP2QXA')).toBe(true);
    expect(looksLikeReference(' k7mp2qxa ')).toBe(true);
    expect(looksLikeReference('K7MP2QX')).toBe(false);
    expect(looksLikeReference('K7MP2QX0')).toBe(false);
    expect(looksLikeReference('AQAAAAEAAAAC.abc')).toBe(false);
  });

  it('admits with the places and who', () => {
    expect(
      admittedOutcome({ admitted: 3, booking: { reference: 'K7MP2QXA', customer: { id: 4, name: 'Rosa', email: 'rosa@example.com' } } }),
    ).toEqual({
      admitted: true,
      title: 'Admitted: 3 places',
      detail: 'K7MP2QXA · Rosa',
    });
    expect(admittedOutcome({ admitted: 1, booking: { reference: 'K7MP2QXA' } }).title).toBe('Admitted: 1 place');
  });

  it('says when and by whom a ticket was already used, on the venue clock', () => {
    const outcome = refusedOutcome(
      problem(409, 'already-checked-in', { checkedInAt: '2026-11-26T18:05:00Z', checkedInBy: { id: 9, name: 'Sam' } }),
      'Europe/Berlin',
    );
    expect(outcome).toEqual({ admitted: false, title: 'Already checked in', detail: 'at Thu 26 Nov 2026, 19:05 by Sam' });
  });

  it('names each refusal', () => {
    expect(refusedOutcome(problem(409, 'not-valid'), 'UTC').title).toBe('Not valid');
    expect(refusedOutcome(problem(409, 'wrong-session'), 'UTC').title).toBe('Another session');
    expect(refusedOutcome(problem(400, 'invalid-ticket'), 'UTC').title).toBe('Not a ticket');
    expect(refusedOutcome(new HttpErrorResponse({ status: 0 }), 'UTC')).toEqual({
      admitted: false,
      title: 'Not checked in',
      detail: 'The server cannot be reached. Check your connection and try again.',
    });
  });
});
