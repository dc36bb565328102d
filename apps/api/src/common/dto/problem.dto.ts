/** A field that failed validation. */
export class FieldErrorDto {
  /** The field's path in the request, e.g. `email` or `bookingDate`. */
  field!: string;
  message!: string;
}

/** RFC 9457 problem details, sent as `application/problem+json` for every error. */
export class ProblemDto {
  /** `/problems/<kind>`: validation, unauthorized, forbidden, api-key-refused, not-found, conflict, sold-out, payload-too-large, unsupported-media-type, invalid-token, rate-limited, internal, unavailable. */
  type!: string;
  title!: string;
  status!: number;
  detail!: string;
  /** The request path. */
  instance!: string;
  errors?: FieldErrorDto[];
}
