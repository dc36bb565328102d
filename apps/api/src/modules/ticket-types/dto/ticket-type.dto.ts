export class TicketTypeDto {
  id!: number;
  serviceId!: number;
  name!: string;
  /** Price of one ticket in minor units, in the service's currency. */
  priceCents!: number;
  currency!: string;
  /** Selling order: the first active type is the service's default (its `priceCents`). */
  position!: number;
  /** An inactive type is no longer sold (it has bookings, so it was kept). */
  isActive!: boolean;
}
