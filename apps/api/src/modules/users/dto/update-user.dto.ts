import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsString, Length, MaxLength } from 'class-validator';
import { Optional } from '../../../common/validation/optional.js';
import { IsPrintableText } from '../../../common/validation/printable-text.js';
import { toNormalizedEmail } from '../email-address.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** What a user may change about themselves. */
export class UpdateProfileDto {
  /** @example "Ada Lovelace" */
  @Optional()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  @IsPrintableText()
  name?: string;

  /**
   * Changing the e-mail needs `currentPassword`.
   * @example "ada@example.com"
   */
  @Optional()
  @Transform(toNormalizedEmail)
  @IsEmail()
  @MaxLength(254)
  email?: string;

  /**
   * Required to change the e-mail or the password of one's own account.
   * @example "correct-Horse-7"
   */
  @Optional()
  @IsString()
  @MaxLength(128)
  currentPassword?: string;
}

/** Self: name, email (+ currentPassword). With `users:write`: also role and isActive. */
export class UpdateUserDto extends UpdateProfileDto {
  /**
   * A role name (needs `users:write`).
   * @example "customer"
   */
  @Optional()
  @IsString()
  @MaxLength(40)
  role?: string;

  /**
   * Deactivated users cannot sign in and their tokens stop working (needs `users:write`).
   * @example true
   */
  @Optional()
  @IsBoolean()
  isActive?: boolean;
}
