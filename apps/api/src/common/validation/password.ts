import { registerDecorator, type ValidationOptions } from 'class-validator';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

const CLASSES = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/];

/** Why `value` is not an acceptable password, or undefined when it is. */
export function passwordProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  const length = [...value].length;
  if (length < PASSWORD_MIN || length > PASSWORD_MAX) return `must be ${PASSWORD_MIN}–${PASSWORD_MAX} characters long`;
  if (CLASSES.filter((pattern) => pattern.test(value)).length < 2) {
    return 'must mix at least two of: lower-case letters, upper-case letters, digits, other characters';
  }
  return undefined;
}

/** 8–128 characters, not all of one class (letters only, digits only …). */
export function IsPassword(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isPassword',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => passwordProblem(value) === undefined,
        defaultMessage: (args) => `${args?.property ?? 'password'} ${passwordProblem(args?.value)}`,
      },
    });
}
