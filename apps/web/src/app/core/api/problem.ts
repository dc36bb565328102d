import { HttpErrorResponse } from '@angular/common/http';
import type { AbstractControl, FormGroup } from '@angular/forms';
import type { ProblemDto } from '@marquee/contracts/client';

/** The RFC 9457 problem in an HTTP error, when the API sent one. */
export function problemOf(error: unknown): ProblemDto | null {
  if (!(error instanceof HttpErrorResponse)) return null;
  const body: unknown = error.error;
  if (typeof body === 'string') {
    try {
      return asProblem(JSON.parse(body));
    } catch {
      return null;
    }
  }
  return asProblem(body);
}

function asProblem(body: unknown): ProblemDto | null {
  return body && typeof body === 'object' && 'status' in body && 'title' in body ? (body as ProblemDto) : null;
}

/** The problem kind (`sold-out`, `validation` …) from `type: /problems/<kind>`. */
export function problemKind(error: unknown): string | null {
  const type = problemOf(error)?.type;
  return type ? type.slice(type.lastIndexOf('/') + 1) : null;
}

export function httpStatus(error: unknown): number | null {
  return error instanceof HttpErrorResponse ? error.status : null;
}

/** A field of the API (`newPassword`, `tickets.0.quantity`) as words: "new password", "quantity". */
function fieldWords(field: string): string {
  const last =
    field
      .split('.')
      .filter((part) => !/^\d+$/.test(part))
      .pop() ?? field;
  return last
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/Cents$/i, '')
    .trim()
    .toLowerCase();
}

// class-validator's phrasings, as people say them.
const PHRASES: [RegExp, string][] = [
  [/\bmust be an email\b/, 'must be a valid e-mail address'],
  [/\bmust be longer than or equal to (\d+) characters\b/, 'needs at least $1 characters'],
  [/\bmust be shorter than or equal to (\d+) characters\b/, 'can have at most $1 characters'],
  [/\bmust not be less than (\d+)/, 'must be at least $1'],
  [/\bmust not be greater than (\d+)/, 'must be at most $1'],
  [/\bmust be an integer number\b/, 'must be a whole number'],
  [/\bshould not be empty\b/, 'is required'],
  [/\bshould not exist\b/, 'is not expected here'],
];

/** Capital first letter, a full stop, and the one spelling of "e-mail". */
export function asSentence(text: string): string {
  const trimmed = text.trim().replace(/\be-?mail\b/gi, (word) => (word[0] === 'E' ? 'E-mail' : 'e-mail'));
  if (!trimmed) return trimmed;
  const capitalised = trimmed[0].toUpperCase() + trimmed.slice(1);
  return /[.!?…]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/**
 * A field error of the API as a sentence: `newPassword must be longer than or equal to 8 characters`
 * reads "New password needs at least 8 characters." (the one place such messages are worded).
 */
export function fieldSentence(field: string, message: string): string {
  let text = message.replace(/^property /, '');
  const name = field.split('.').pop() ?? field;
  for (const prefix of [`${field} `, `${name} `]) {
    if (text.startsWith(prefix)) {
      text = `${fieldWords(field)} ${text.slice(prefix.length)}`;
      break;
    }
  }
  for (const [pattern, replacement] of PHRASES) text = text.replace(pattern, replacement);
  return asSentence(text);
}

/** The problem's field errors as sentences, or its detail (or title) as one. */
function problemSentences(problem: ProblemDto): string[] {
  if (problem.errors?.length) return problem.errors.map(({ field, message }) => fieldSentence(field, message));
  return [asSentence(problem.detail || problem.title)];
}

/** One sentence for the user, from the problem's detail or the HTTP status. */
export function errorMessage(error: unknown, fallback = 'Something went wrong. Please try again.'): string {
  const problem = problemOf(error);
  if (problem) return problemSentences(problem).join(' ');
  if (error instanceof HttpErrorResponse && error.status === 0) return 'The server cannot be reached. Check your connection and try again.';
  return fallback;
}

/**
 * Puts the problem's field errors on the form's controls (as the `server` error, shown by
 * `<mat-error>` beside the field). Answers the messages no control took, for a form-level alert.
 */
export function applyFieldErrors(form: FormGroup, error: unknown, aliases: Record<string, string> = {}): string[] {
  const problem = problemOf(error);
  const leftOver: string[] = [];
  for (const { field, message } of problem?.errors ?? []) {
    const control: AbstractControl | null = form.get(aliases[field] ?? field);
    const sentence = fieldSentence(field, message);
    if (control) {
      control.setErrors({ ...control.errors, server: sentence });
      control.markAsTouched();
    } else leftOver.push(sentence);
  }
  if (problem && !problem.errors?.length) leftOver.push(...problemSentences(problem));
  if (!problem) leftOver.push(errorMessage(error));
  return leftOver;
}
