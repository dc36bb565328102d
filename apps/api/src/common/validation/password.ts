import { ApiProperty } from '@nestjs/swagger';
import { dictionary } from '@zxcvbn-ts/language-common';
import { registerDecorator, type ValidationOptions } from 'class-validator';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

const CLASSES = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/];

let commonPasswords: ReadonlySet<string> | undefined;

/** Whether `value` is on the list of the ~49,000 most common passwords (zxcvbn's), whatever its case. */
export function isCommonPassword(value: string): boolean {
  commonPasswords ??= new Set(dictionary['passwords-common']);
  return commonPasswords.has(value.toLowerCase());
}

/** Why `value` is not an acceptable password, or undefined when it is. */
export function passwordProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  const length = [...value].length;
  if (length < PASSWORD_MIN || length > PASSWORD_MAX) return `must be ${PASSWORD_MIN}–${PASSWORD_MAX} characters long`;
  if (CLASSES.filter((pattern) => pattern.test(value)).length < 2) {
    return 'must mix at least two of: lower-case letters, upper-case letters, digits, other characters';
  }
  if (isCommonPassword(value)) return 'is one of the most common passwords; choose another';
  return undefined;
}

/** 8–128 characters, not all of one class (letters only, digits only …), not a common password. */
export function IsPassword(options?: ValidationOptions) {
  return (target: object, propertyName: string) => {
    ApiProperty({ type: String, minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX })(target, propertyName);
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
  };
}
