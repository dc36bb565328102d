import { FormControl, FormGroup, Validators } from '@angular/forms';
import type { AvailabilityStatus, ServiceCategory } from '@marquee/contracts';
import type { CreateServiceDto, ServiceDto } from '@marquee/contracts/client';

export function createServiceForm() {
  return new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(200)] }),
    description: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(5000)] }),
    category: new FormControl<ServiceCategory>('other', { nonNullable: true, validators: [Validators.required] }),
    price: new FormControl<number | null>(null, { validators: [Validators.required, Validators.min(0)] }),
    currency: new FormControl('USD', { nonNullable: true, validators: [Validators.required, Validators.pattern(/^[A-Z]{3}$/)] }),
    durationMinutes: new FormControl<number | null>(60, { validators: [Validators.required, Validators.min(1)] }),
    capacity: new FormControl<number | null>(10, { validators: [Validators.required, Validators.min(1)] }),
    availabilityStatus: new FormControl<AvailabilityStatus>('available', { nonNullable: true }),
    location: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(200)] }),
    imageUrl: new FormControl('', { nonNullable: true, validators: [Validators.pattern(/^(https?:\/\/\S+)?$/)] }),
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
