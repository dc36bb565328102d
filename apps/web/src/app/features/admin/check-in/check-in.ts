import { problemKind, problemOf, errorMessage } from '../../../core/api/problem';
import { formatMoment } from '../../../shared/dates';

/** The answer the door shows after a scan: green when admitted, red with the reason when not. */
export interface ScanOutcome {
  admitted: boolean;
  title: string;
  detail: string;
}

/** What a successful check-in answers (POST /api/check-ins, 201). */
export interface CheckInAnswer {
  checkedInAt: string;
  booking: { reference: string; quantity: number; customer?: { name: string } | null };
}

/** A booking reference as printed (8 characters of the unambiguous alphabet), not a signed code. */
export function looksLikeReference(text: string): boolean {
  return /^[A-Z2-9]{8}$/i.test(text.trim());
}

export function admittedOutcome(answer: CheckInAnswer): ScanOutcome {
  const { booking } = answer;
  const places = booking.quantity === 1 ? '1 place' : `${booking.quantity} places`;
  return {
    admitted: true,
    title: `Admitted: ${places}`,
    detail: [booking.reference, booking.customer?.name].filter(Boolean).join(' · '),
  };
}

/** The refusal the API gave, in the words the door needs. */
export function refusedOutcome(error: unknown, timeZone: string): ScanOutcome {
  const problem = problemOf(error) as (Record<string, unknown> & { detail?: string }) | null;
  switch (problemKind(error)) {
    case 'already-checked-in': {
      const at = typeof problem?.['checkedInAt'] === 'string' ? formatMoment(problem['checkedInAt'], timeZone) : null;
      const by = problem?.['checkedInBy'] as { name?: string } | string | undefined;
      const who = typeof by === 'string' ? by : by?.name;
      return {
        admitted: false,
        title: 'Already checked in',
        detail: [at && `at ${at}`, who && `by ${who}`].filter(Boolean).join(' ') || (problem?.detail ?? ''),
      };
    }
    case 'not-valid':
      return { admitted: false, title: 'Not valid', detail: 'This booking was cancelled.' };
    case 'wrong-session':
      return { admitted: false, title: 'Another session', detail: 'This ticket is for another session.' };
    case 'invalid-ticket':
      return { admitted: false, title: 'Not a ticket', detail: 'This code is not a Marquee ticket.' };
    case 'not-found':
      return { admitted: false, title: 'Unknown', detail: 'No booking has this reference.' };
    default:
      return { admitted: false, title: 'Not checked in', detail: errorMessage(error, 'The check-in could not be recorded. Try again.') };
  }
}
