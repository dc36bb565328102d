import { FormControl, FormGroup, Validators, type AbstractControl, type ValidatorFn } from '@angular/forms';
import type { AvailabilityStatus, ServiceCategory } from '@marquee/contracts';
import type { CreateServiceDto, ServiceDto } from '@marquee/contracts/client';
import { fromMinorUnits, minorDigits, toMinorUnits } from '../../../shared/money.pipe';

/** The API's limits for a service (CreateServiceDto in openapi.json; service-form.spec.ts compares them). */
export const SERVICE_LIMITS = {
  nameMaxLength: 120,
  descriptionMaxLength: 2000,
  /** priceCents ≤ 100,000,000 minor units: the form edits the price in the currency's units (maxPrice()). */
  maxPriceMinorUnits: 100_000_000,
  maxDurationMinutes: 1440,
  maxCapacity: 100_000,
  locationMaxLength: 200,
  imageUrlMaxLength: 500,
} as const;

/** The largest price in a currency's units: 1,000,000 USD, 100,000,000 JPY, 100,000 KWD. */
export function maxPrice(currency: string): number {
  return fromMinorUnits(SERVICE_LIMITS.maxPriceMinorUnits, currency);
}

/** The form's currency, as the price's validators read it (USD until the form is built). */
function currencyOf(control: AbstractControl): string {
  const currency = control.parent?.get('currency')?.value as string | undefined;
  return currency && /^[A-Z]{3}$/.test(currency) ? currency : 'USD';
}

/** A price the API can take: whole minor units of the currency (two decimals for USD, none for JPY). */
export function wholeMinorUnitsIn(currencyOf: (control: AbstractControl) => string): ValidatorFn {
  return (control: AbstractControl) => {
    const value = control.value as number | null;
    if (value === null || !Number.isFinite(value)) return null;
    const digits = minorDigits(currencyOf(control));
    const scaled = value * 10 ** digits;
    return Math.abs(scaled - Math.round(scaled)) < 1e-6 ? null : { minorUnits: { decimals: digits } };
  };
}

/** At most maxPrice() of the currency. */
export function withinMaxPriceIn(currencyOf: (control: AbstractControl) => string): ValidatorFn {
  return (control: AbstractControl) => {
    const value = control.value as number | null;
    const max = maxPrice(currencyOf(control));
    return value !== null && Number.isFinite(value) && value > max ? { max: { max, actual: value } } : null;
  };
}

const wholeMinorUnits = wholeMinorUnitsIn(currencyOf);
const withinMaxPrice = withinMaxPriceIn(currencyOf);

export function createServiceForm() {
  const limits = SERVICE_LIMITS;
  const form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(limits.nameMaxLength)] }),
    description: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(limits.descriptionMaxLength)] }),
    category: new FormControl<ServiceCategory>('other', { nonNullable: true, validators: [Validators.required] }),
    price: new FormControl<number | null>(null, {
      validators: [Validators.required, Validators.min(0), withinMaxPrice, wholeMinorUnits],
    }),
    currency: new FormControl('USD', { nonNullable: true, validators: [Validators.required, Validators.pattern(/^[A-Z]{3}$/)] }),
    durationMinutes: new FormControl<number | null>(60, {
      validators: [Validators.required, Validators.min(1), Validators.max(limits.maxDurationMinutes), Validators.pattern(/^\d+$/)],
    }),
    capacity: new FormControl<number | null>(10, {
      validators: [Validators.required, Validators.min(1), Validators.max(limits.maxCapacity), Validators.pattern(/^\d+$/)],
    }),
    availabilityStatus: new FormControl<AvailabilityStatus>('available', { nonNullable: true }),
    location: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(limits.locationMaxLength)] }),
    imageUrl: new FormControl('', {
      nonNullable: true,
      validators: [Validators.maxLength(limits.imageUrlMaxLength), Validators.pattern(/^(https?:\/\/\S+)?$/)],
    }),
  });
  // The price's limits depend on the currency: a new currency checks the price again.
  form.controls.currency.valueChanges.subscribe(() => form.controls.price.updateValueAndValidity());
  return form;
}

export type ServiceForm = ReturnType<typeof createServiceForm>;

/** API field names → form control names (the form edits the price in currency units). */
export const SERVICE_FIELD_ALIASES: Record<string, string> = { priceCents: 'price' };

export function toServiceBody(form: ServiceForm): CreateServiceDto {
  const value = form.getRawValue();
  return {
    name: value.name.trim(),
    description: value.description.trim(),
    category: value.category,
    priceCents: toMinorUnits(Number(value.price), value.currency),
    currency: value.currency,
    durationMinutes: Number(value.durationMinutes),
    capacity: Number(value.capacity),
    availabilityStatus: value.availabilityStatus,
    location: value.location.trim() || null,
    imageUrl: value.imageUrl.trim() || null,
  };
}

export function fillServiceForm(form: ServiceForm, service: ServiceDto): void {
  form.setValue({
    name: service.name,
    description: service.description,
    category: service.category,
    price: fromMinorUnits(service.priceCents, service.currency),
    currency: service.currency,
    durationMinutes: service.durationMinutes,
    capacity: service.capacity,
    availabilityStatus: service.availabilityStatus,
    location: service.location ?? '',
    imageUrl: service.imageUrl ?? '',
  });
}
