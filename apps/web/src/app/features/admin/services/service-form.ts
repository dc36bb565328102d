import { FormControl, FormGroup, Validators, type AbstractControl, type ValidatorFn } from '@angular/forms';
import type { AvailabilityStatus, ServiceCategory } from '@marquee/contracts';
import type { CreateServiceDto, ServiceDto } from '@marquee/contracts/client';

/** The API's limits for a service (CreateServiceDto in openapi.json; service-form.spec.ts compares them). */
export const SERVICE_LIMITS = {
  nameMaxLength: 120,
  descriptionMaxLength: 2000,
  /** priceCents ≤ 100,000,000: the form edits the price in the currency's units. */
  maxPrice: 1_000_000,
  maxDurationMinutes: 1440,
  maxCapacity: 100_000,
  locationMaxLength: 200,
  imageUrlMaxLength: 500,
} as const;

/** A price the API can take: whole cents (at most two decimals). */
export const wholeCents: ValidatorFn = (control: AbstractControl) => {
  const value = control.value as number | null;
  if (value === null || !Number.isFinite(value)) return null;
  return Math.abs(value * 100 - Math.round(value * 100)) < 1e-6 ? null : { cents: true };
};

export function createServiceForm() {
  const limits = SERVICE_LIMITS;
  return new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(limits.nameMaxLength)] }),
    description: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(limits.descriptionMaxLength)] }),
    category: new FormControl<ServiceCategory>('other', { nonNullable: true, validators: [Validators.required] }),
    price: new FormControl<number | null>(null, {
      validators: [Validators.required, Validators.min(0), Validators.max(limits.maxPrice), wholeCents],
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
    priceCents: Math.round(Number(value.price) * 100),
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
    price: service.priceCents / 100,
    currency: service.currency,
    durationMinutes: service.durationMinutes,
    capacity: service.capacity,
    availabilityStatus: service.availabilityStatus,
    location: service.location ?? '',
    imageUrl: service.imageUrl ?? '',
  });
}
