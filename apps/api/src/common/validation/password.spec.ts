import 'reflect-metadata';
import { validateSync } from 'class-validator';
import { IsPassword, PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from './password.js';

describe('passwordProblem', () => {
  it.each([['abcdef-1'], ['ABCDEFH1'], ['abcdefgH'], ['abcdefg!'], ['12345678!'], ['Sup3r-secret'], [`A${'b'.repeat(PASSWORD_MAX - 1)}`]])(
    'accepts %j',
    (value) => {
      expect(passwordProblem(value)).toBeUndefined();
    },
  );

  it('counts characters, not UTF-16 units', () => {
    expect(passwordProblem('ééééééé1')).toBeUndefined();
    expect(passwordProblem('😀😀😀😀a1')).toBe(`must be ${PASSWORD_MIN}–${PASSWORD_MAX} characters long`);
  });

  it.each([['abcdef1'], [''], [`A${'b'.repeat(PASSWORD_MAX)}`]])('refuses the length of %j', (value) => {
    expect(passwordProblem(value)).toBe(`must be ${PASSWORD_MIN}–${PASSWORD_MAX} characters long`);
  });

  it.each([['abcdefgh'], ['ABCDEFGH'], ['12345678'], ['!!!!!!!!'], ['éééééééé']])('refuses %j, all one class of characters', (value) => {
    expect(passwordProblem(value)).toMatch(/at least two of/);
  });

  it.each([['Password1'], ['PASSW0RD'], ['qwerty123'], ['Iloveyou1'], ['1q2w3e4r5t']])(
    'refuses %j, a common password whatever its case',
    (value) => {
      expect(passwordProblem(value)).toBe('is one of the most common passwords; choose another');
    },
  );

  it.each([[undefined], [null], [12345678], [['abcdef-1']]])('refuses %j, not a string', (value) => {
    expect(passwordProblem(value)).toBe('must be a string');
  });
});

describe('@IsPassword', () => {
  class Form {
    @IsPassword()
    newPassword!: unknown;
  }

  const check = (value: unknown) => validateSync(Object.assign(new Form(), { newPassword: value }));

  it('passes a good password', () => {
    expect(check('Sup3r-secret')).toEqual([]);
  });

  it('names the property and the reason', () => {
    const [error] = check('password');
    expect(error.property).toBe('newPassword');
    expect(Object.values(error.constraints ?? {})).toEqual([
      'newPassword must mix at least two of: lower-case letters, upper-case letters, digits, other characters',
    ]);
  });
});
