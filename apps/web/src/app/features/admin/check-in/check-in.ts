import type { BookingDto, CheckInDto, CheckInProblemDto } from '@marquee/contracts/client';
import { errorMessage, problemKind, problemOf } from '../../../core/api/problem';
import { formatMoment } from '../../../shared/dates';
import { plural } from '../../../shared/plural';

/** The answer the door shows after a scan: green when admitted, red with the reason when not. */
export interface ScanOutcome {
  admitted: boolean;
  title: string;
  detail: string;
}

/** What the door needs of a check-in's answer (POST /api/check-ins, 201). */
export type CheckInAnswer = Pick<CheckInDto, 'admitted'> & { booking: Pick<BookingDto, 'reference' | 'customer'> };

/** A booking reference as printed (8 characters of the unambiguous alphabet), not a signed code. */
export function looksLikeReference(text: string): boolean {
  return /^[A-Z2-9]{8}$/i.test(text.trim());
}

export function admittedOutcome(answer: CheckInAnswer): ScanOutcome {
  const { booking, admitted } = answer;
  const places = plural(admitted, 'place');
  return {
    admitted: true,
    title: `Admitted: ${places}`,
    detail: [booking.reference, booking.customer?.name].filter(Boolean).join(' · '),
  };
}

/** The refusal the API gave, in the words the door needs. */
export function refusedOutcome(error: unknown, timeZone: string): ScanOutcome {
  const problem = problemOf(error) as CheckInProblemDto | null;
  switch (problemKind(error)) {
    case 'already-checked-in': {
      const at = problem?.checkedInAt ? `at ${formatMoment(problem.checkedInAt, timeZone)}` : '';
      const by = problem?.checkedInBy ? `by ${problem.checkedInBy.name}` : '';
      return { admitted: false, title: 'Already checked in', detail: [at, by].filter(Boolean).join(' ') || (problem?.detail ?? '') };
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
