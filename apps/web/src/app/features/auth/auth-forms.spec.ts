import { FormControl, FormGroup } from '@angular/forms';
import { HttpErrorResponse } from '@angular/common/http';
import { applyFieldErrors, asSentence, errorMessage, fieldSentence } from '../../core/api/problem';
import { fieldMessage } from '../../shared/form-errors';
import { createLoginForm, createRegisterForm } from './auth-forms';
import { safeReturnUrl } from './return-url';

describe('register form', () => {
  it('validates name, email and password like the API', () => {
    const form = createRegisterForm();
    form.setValue({ name: '', email: 'not-an-email', password: 'short' });
    expect(form.controls.name.hasError('required')).toBe(true);
    expect(form.controls.email.hasError('email')).toBe(true);
    expect(form.controls.password.hasError('minlength')).toBe(true);
    form.controls.password.setValue('alllettersonly');
    expect(form.controls.password.hasError('passwordStrength')).toBe(true);
    form.setValue({ name: 'Ada', email: 'ada@example.com', password: 'Letters-and-1' });
    expect(form.valid).toBe(true);
  });

  it('login needs both fields', () => {
    const form = createLoginForm();
    expect(form.valid).toBe(false);
    form.setValue({ email: 'a@b.co', password: 'x' });
    expect(form.valid).toBe(true);
  });
});

describe('API messages as sentences', () => {
  it('words a field error without the field name in code', () => {
    expect(fieldSentence('newPassword', 'newPassword must be 8–128 characters long')).toBe('New password must be 8–128 characters long.');
    expect(fieldSentence('newPassword', 'newPassword is one of the most common passwords; choose another')).toBe(
      'New password is one of the most common passwords; choose another.',
    );
    expect(fieldSentence('name', 'name must be shorter than or equal to 100 characters')).toBe('Name can have at most 100 characters.');
    expect(fieldSentence('tickets.0.quantity', 'quantity must not be greater than 10')).toBe('Quantity must be at most 10.');
    expect(fieldSentence('bookingDate', 'bookingDate must be today or later')).toBe('Booking date must be today or later.');
  });

  it('never shows `field: field must …` for a validation problem', () => {
    const error = new HttpErrorResponse({
      status: 400,
      error: {
        type: '/problems/validation',
        title: 'Invalid input',
        status: 400,
        detail: 'newPassword: newPassword must be 8–128 characters long; email: email must be an email',
        instance: '/api/auth/me',
        errors: [
          { field: 'newPassword', message: 'newPassword must be 8–128 characters long' },
          { field: 'email', message: 'email must be an email' },
        ],
      },
    });
    expect(errorMessage(error)).toBe('New password must be 8–128 characters long. E-mail must be a valid e-mail address.');
    expect(asSentence('the email address is taken')).toBe('The e-mail address is taken.');
  });
});

describe('API field errors', () => {
  const problem = (errors: { field: string; message: string }[]) =>
    new HttpErrorResponse({
      status: 400,
      error: { type: '/problems/validation', title: 'Invalid input', status: 400, detail: 'Invalid input', instance: '/api/x', errors },
    });

  it('go beside the matching fields; the rest are answered for a form alert', () => {
    const form = new FormGroup({ email: new FormControl(''), price: new FormControl(0) });
    const left = applyFieldErrors(
      form,
      problem([
        { field: 'email', message: 'email must be an email' },
        { field: 'priceCents', message: 'priceCents must not be less than 0' },
        { field: 'other', message: 'property other should not exist' },
      ]),
      { priceCents: 'price' },
    );
    expect(form.controls.email.getError('server')).toBe('E-mail must be a valid e-mail address.');
    expect(fieldMessage(form.controls.price.errors, 'Price')).toBe('Price must be at least 0.');
    expect(left).toEqual(['Other is not expected here.']);
  });

  it('a problem without field errors becomes one message', () => {
    const form = new FormGroup({ email: new FormControl('') });
    const error = new HttpErrorResponse({
      status: 409,
      error: { type: '/problems/conflict', title: 'Conflict', status: 409, detail: 'Email taken', instance: '/api/auth/register' },
    });
    expect(applyFieldErrors(form, error)).toEqual(['E-mail taken.']);
  });
});

describe('safeReturnUrl', () => {
  it('keeps same-site paths only', () => {
    expect(safeReturnUrl('/bookings')).toBe('/bookings');
    expect(safeReturnUrl('//evil.example')).toBe('/');
    expect(safeReturnUrl('https://evil.example')).toBe('/');
    expect(safeReturnUrl(undefined)).toBe('/');
  });
});
