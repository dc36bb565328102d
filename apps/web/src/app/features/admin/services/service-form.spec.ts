import { createServiceForm, toServiceBody } from './service-form';

describe('service form', () => {
  it('validates the required fields and limits', () => {
    const form = createServiceForm();
    form.patchValue({ name: '', price: -1, capacity: 0, currency: 'usd' });
    expect(form.controls.name.hasError('required')).toBe(true);
    expect(form.controls.price.hasError('min')).toBe(true);
    expect(form.controls.capacity.hasError('min')).toBe(true);
    expect(form.controls.currency.hasError('pattern')).toBe(true);
  });

  it('sends the price in cents and empty optional fields as null', () => {
    const form = createServiceForm();
    form.patchValue({ name: ' Jazz ', price: 12.5, capacity: 40, durationMinutes: 90, category: 'concert' });
    expect(form.valid).toBe(true);
    expect(toServiceBody(form)).toMatchObject({ name: 'Jazz', priceCents: 1250, capacity: 40, location: null, imageUrl: null });
  });
});
