import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';

/** The sentence shown beside a field for its first error; the API's own message wins. */
export function fieldMessage(errors: ValidationErrors | null | undefined, label: string): string {
  if (!errors) return '';
  if (typeof errors['server'] === 'string') return errors['server'];
  if (errors['required']) return `${label} is required.`;
  if (errors['email']) return 'Enter a valid e-mail address.';
  if (errors['minlength'])
    return `${label} needs at least ${(errors['minlength'] as { requiredLength: number }).requiredLength} characters.`;
  if (errors['maxlength'])
    return `${label} can have at most ${(errors['maxlength'] as { requiredLength: number }).requiredLength} characters.`;
  if (errors['min']) return `${label} must be at least ${(errors['min'] as { min: number }).min}.`;
  if (errors['max']) return `${label} must be at most ${(errors['max'] as { max: number }).max}.`;
  if (errors['minorUnits']) {
    const { decimals } = errors['minorUnits'] as { decimals: number };
    return decimals === 0 ? `${label} must be a whole number.` : `${label} can have at most ${decimals} decimals.`;
  }
  if (errors['pattern']) return `${label} has the wrong format.`;
  if (errors['passwordStrength']) return 'Use letters and at least a digit or symbol.';
  if (errors['mismatch']) return 'The passwords do not match.';
  return `${label} is not valid.`;
}

/** The API refuses passwords made of one class of characters only (all letters, all digits …). */
export const passwordStrength: ValidatorFn = (control: AbstractControl) => {
  const value = String(control.value ?? '');
  if (!value) return null;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((pattern) => pattern.test(value)).length;
  return classes >= 2 ? null : { passwordStrength: true };
};

/** The group is invalid when its two controls differ. */
export function matching(first: string, second: string): ValidatorFn {
  return (group: AbstractControl) => {
    const a = group.get(first)?.value as unknown;
    const b = group.get(second)?.value as unknown;
    return a && b && a !== b ? { mismatch: true } : null;
  };
}
