import openapi from '../../../../../../../libs/contracts/openapi.json';
import type { ServiceDto } from '@marquee/contracts/client';
import { fieldMessage } from '../../../shared/form-errors';
import { createServiceForm, fillServiceForm, SERVICE_LIMITS, toServiceBody } from './service-form';

type Limits = { maxLength?: number; maximum?: number; minimum?: number };
const api = openapi.components.schemas.CreateServiceDto.properties as Record<string, Limits>;

describe('service form', () => {
  it('validates the required fields and limits', () => {
    const form = createServiceForm();
    form.patchValue({ name: '', price: -1, capacity: 0, currency: 'usd' });
    expect(form.controls.name.hasError('required')).toBe(true);
    expect(form.controls.price.hasError('min')).toBe(true);
    expect(form.controls.capacity.hasError('min')).toBe(true);
    expect(form.controls.currency.hasError('pattern')).toBe(true);
  });

  it("has the API's limits: accepts each field's largest value and refuses one more", () => {
    expect(SERVICE_LIMITS).toEqual({
      nameMaxLength: api['name'].maxLength,
      descriptionMaxLength: api['description'].maxLength,
      maxPriceMinorUnits: api['priceCents'].maximum,
      maxDurationMinutes: api['durationMinutes'].maximum,
      maxCapacity: api['capacity'].maximum,
      locationMaxLength: api['location'].maxLength,
      imageUrlMaxLength: api['imageUrl'].maxLength,
    });
    const form = createServiceForm();
    const { controls } = form;
    const url = (length: number) => `https://x.test/${'a'.repeat(length - 15)}`;
    const cases: [keyof typeof controls, unknown, unknown, string][] = [
      ['name', 'n'.repeat(120), 'n'.repeat(121), 'maxlength'],
      ['description', 'd'.repeat(2000), 'd'.repeat(2001), 'maxlength'],
      ['price', 1_000_000, 1_000_000.01, 'max'],
      ['durationMinutes', 1440, 1441, 'max'],
      ['capacity', 100_000, 100_001, 'max'],
      ['location', 'l'.repeat(200), 'l'.repeat(201), 'maxlength'],
      ['imageUrl', url(500), url(501), 'maxlength'],
    ];
    for (const [field, largest, tooLarge, error] of cases) {
      controls[field].setValue(largest as never);
      expect(controls[field].errors, field).toBeNull();
      controls[field].setValue(tooLarge as never);
      expect(controls[field].hasError(error), field).toBe(true);
    }
  });

  it('takes a price in whole cents of the currency only, and sends it in cents', () => {
    const form = createServiceForm();
    form.patchValue({ name: 'Jazz', price: 0.1 + 0.2, capacity: 40, durationMinutes: 90 });
    expect(form.controls.price.errors).toBeNull();
    expect(toServiceBody(form).priceCents).toBe(30);
    form.controls.price.setValue(12.345);
    expect(form.controls.price.hasError('minorUnits')).toBe(true);
    expect(fieldMessage(form.controls.price.errors, 'Price')).toBe('Price can have at most 2 decimals.');
    form.controls.price.setValue(1_000_000);
    expect(toServiceBody(form).priceCents).toBe(api['priceCents'].maximum);
  });

  it('sends the price in cents and empty optional fields as null', () => {
    const form = createServiceForm();
    form.patchValue({ name: ' Jazz ', price: 12.5, capacity: 40, durationMinutes: 90, category: 'concert' });
    expect(form.valid).toBe(true);
    expect(toServiceBody(form)).toMatchObject({ name: 'Jazz', priceCents: 1250, capacity: 40, location: null, imageUrl: null });
  });

  it('takes a price in the currency’s own minor units: none for JPY, three decimals for KWD', () => {
    const form = createServiceForm();
    form.patchValue({ name: 'Taiko', price: 1500, currency: 'JPY', capacity: 40, durationMinutes: 90 });
    expect(form.valid).toBe(true);
    expect(toServiceBody(form).priceCents).toBe(1500);
    form.controls.price.setValue(12.5);
    expect(fieldMessage(form.controls.price.errors, 'Price')).toBe('Price must be a whole number.');
    form.controls.price.setValue(api['priceCents'].maximum!);
    expect(form.controls.price.errors).toBeNull();

    form.patchValue({ price: 1.234, currency: 'KWD' });
    expect(form.controls.price.errors).toBeNull();
    expect(toServiceBody(form).priceCents).toBe(1234);
    // The price is checked again when the currency changes.
    form.controls.currency.setValue('USD');
    expect(form.controls.price.hasError('minorUnits')).toBe(true);
  });

  it('shows a stored price in the currency’s units', () => {
    const form = createServiceForm();
    const service = { name: 'Taiko', description: '', category: 'concert', priceCents: 1500, currency: 'JPY', durationMinutes: 90 };
    fillServiceForm(form, { ...service, capacity: 40, availabilityStatus: 'available', location: null, imageUrl: null } as ServiceDto);
    expect(form.controls.price.value).toBe(1500);
    expect(form.valid).toBe(true);
  });
});
