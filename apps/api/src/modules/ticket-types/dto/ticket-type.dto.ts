import { ApiInteger } from '../../../common/dto/api-integer.js';

export class TicketTypeDto {
  /** @example 42 */
  @ApiInteger()
  id!: number;
  /** @example 7 */
  @ApiInteger()
  serviceId!: number;
  /** @example "Adult" */
  name!: string;
  /**
   * Price of one ticket in minor units, in the service's currency.
   * @example 2500
   */
  @ApiInteger()
  priceCents!: number;
  /** @example "EUR" */
  currency!: string;
  /**
   * Selling order: the first active type is the service's default (its `priceCents`).
   * @example 0
   */
  @ApiInteger()
  position!: number;
  /**
   * An inactive type is no longer sold (it has bookings, so it was kept).
   * @example true
   */
  isActive!: boolean;
}
