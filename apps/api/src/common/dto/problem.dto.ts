import { PROBLEM_TYPES, type ProblemType } from '@marquee/contracts';
import { ApiProperty } from '@nestjs/swagger';

/** A field that failed validation. */
export class FieldErrorDto {
  /**
   * The field's path in the request, e.g. `email` or `bookingDate`.
   * @example "email"
   */
  field!: string;
  /** @example "email must be an email" */
  message!: string;
}

/** RFC 9457 problem details, sent as `application/problem+json` for every error. */
export class ProblemDto {
  /** `/problems/<kind>`, one per kind of error. */
  @ApiProperty({ enum: PROBLEM_TYPES, example: '/problems/validation' })
  type!: ProblemType;
  /** @example "Validation failed" */
  title!: string;
  /** The HTTP status of the answer. */
  @ApiProperty({ type: 'integer', format: 'int32', minimum: 400, maximum: 599, example: 400 })
  status!: number;
  /** @example "email: email must be an email" */
  detail!: string;
  /**
   * The request path.
   * @example "/api/auth/register"
   */
  instance!: string;
  /**
   * Present on a `validation` problem: one entry per invalid field.
   * @example [{"field":"email","message":"email must be an email"}]
   */
  errors?: FieldErrorDto[];
}
