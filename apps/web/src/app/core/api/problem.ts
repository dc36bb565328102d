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

/** One sentence for the user, from the problem's detail or the HTTP status. */
export function errorMessage(error: unknown, fallback = 'Something went wrong. Please try again.'): string {
  const problem = problemOf(error);
  if (problem) return problem.detail || problem.title;
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
    if (control) {
      control.setErrors({ ...control.errors, server: message });
      control.markAsTouched();
    } else leftOver.push(message);
  }
  if (problem && !problem.errors?.length) leftOver.push(problem.detail || problem.title);
  if (!problem) leftOver.push(errorMessage(error));
  return leftOver;
}
