/** What a client needs to show the catalogue and its dates as the venue does. */
export class VenueDto {
  /**
   * The IANA time zone in which booking dates are calendar days (`VENUE_TIMEZONE`), e.g. `Europe/Paris`.
   * @example "Europe/Paris"
   */
  timeZone!: string;
  /**
   * The ISO 4217 codes the catalogue's services are priced in, alphabetically.
   * @example ["EUR"]
   */
  currencies!: string[];
}
