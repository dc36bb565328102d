import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { authInterceptor } from '../../core/auth/auth.interceptor';
import { RegisterPage } from './register.page';

describe('RegisterPage', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [RegisterPage],
      providers: [provideRouter([]), provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting()],
    });
  });

  function fill(root: HTMLElement, name: string, email: string, password: string): void {
    const inputs = root.querySelectorAll('input');
    const values = [name, email, password];
    inputs.forEach((input, index) => {
      input.value = values[index];
      input.dispatchEvent(new Event('input'));
    });
  }

  const settle = () => new Promise((resolve) => setTimeout(resolve));

  it('does not call the API while the form is invalid, and says why beside the fields', async () => {
    const fixture = TestBed.createComponent(RegisterPage);
    fixture.detectChanges();
    fill(fixture.nativeElement, '', 'nope', 'short');
    (fixture.nativeElement as HTMLElement).querySelector('form')!.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    fixture.detectChanges();
    TestBed.inject(HttpTestingController).expectNone('/api/auth/register');
    const errors = [...(fixture.nativeElement as HTMLElement).querySelectorAll('mat-error')].map((e) => e.textContent?.trim());
    expect(errors).toEqual(['Name is required.', 'Enter a valid e-mail address.', 'Password needs at least 8 characters.']);
  });

  it('shows the API problem field errors beside the fields', async () => {
    const fixture = TestBed.createComponent(RegisterPage);
    fixture.detectChanges();
    fill(fixture.nativeElement, 'Ada', 'ada@example.com', 'Password-1');
    (fixture.nativeElement as HTMLElement).querySelector('form')!.dispatchEvent(new Event('submit'));
    TestBed.inject(HttpTestingController)
      .expectOne('/api/auth/register')
      .flush(
        {
          type: '/problems/validation',
          title: 'Invalid input',
          status: 400,
          detail: 'Invalid input',
          instance: '/api/auth/register',
          errors: [{ field: 'password', message: 'password is too common' }],
        },
        { status: 400, statusText: 'Bad Request' },
      );
    await settle();
    fixture.detectChanges();
    const field = [...(fixture.nativeElement as HTMLElement).querySelectorAll('mat-form-field')][2];
    expect(field.querySelector('mat-error')?.textContent?.trim()).toBe('Password is too common.');
  });

  it('puts "email taken" (409) beside the email field', async () => {
    const fixture = TestBed.createComponent(RegisterPage);
    fixture.detectChanges();
    fill(fixture.nativeElement, 'Ada', 'ada@example.com', 'Password-1');
    (fixture.nativeElement as HTMLElement).querySelector('form')!.dispatchEvent(new Event('submit'));
    TestBed.inject(HttpTestingController).expectOne('/api/auth/register').flush(
      {
        type: '/problems/conflict',
        title: 'Conflict',
        status: 409,
        detail: 'This email is already registered',
        instance: '/api/auth/register',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    fixture.detectChanges();
    const field = [...(fixture.nativeElement as HTMLElement).querySelectorAll('mat-form-field')][1];
    expect(field.querySelector('mat-error')?.textContent?.trim()).toBe('This e-mail is already registered.');
  });
});
