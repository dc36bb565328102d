import { ALL_PERMISSIONS, type Permission } from '@marquee/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';
import { IsPassword } from '../../../common/validation/password.js';
import { IsPrintableText } from '../../../common/validation/printable-text.js';
import { UserDto } from '../../users/dto/user.dto.js';
import { toNormalizedEmail } from '../../users/email-address.js';
import { UpdateProfileDto } from '../../users/dto/update-user.dto.js';
import { Optional } from '../../../common/validation/optional.js';
import { ApiInteger } from '../../../common/dto/api-integer.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RegisterDto {
  /** @example "Ada Lovelace" */
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  @IsPrintableText()
  name!: string;

  /** @example "ada@example.com" */
  @Transform(toNormalizedEmail)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  /**
   * 8–128 characters, mixing at least two of: lower-case, upper-case, digits, other.
   * @example "correct-Horse-7"
   */
  @IsPassword()
  password!: string;
}

export class LoginDto {
  /** @example "ada@example.com" */
  @Transform(toNormalizedEmail)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  /** @example "correct-Horse-7" */
  @IsString()
  @MaxLength(1024)
  password!: string;
}

export class RefreshDto {
  /** @example "d2VsbC1mb3JtZWQtcmVmcmVzaC10b2tlbg" */
  @IsString()
  @MaxLength(2048)
  refreshToken!: string;
}

export class LogoutDto {
  /**
   * Also revokes this refresh token's session; the session of the access token is revoked anyway.
   * @example "d2VsbC1mb3JtZWQtcmVmcmVzaC10b2tlbg"
   */
  @Optional()
  @IsString()
  @MaxLength(2048)
  refreshToken?: string;
}

export class UpdateMeDto extends UpdateProfileDto {
  /**
   * Needs `currentPassword`; signs out every other session.
   * @example "battery-Staple-8"
   */
  @Optional()
  @IsPassword()
  newPassword?: string;
}

export class VerifyEmailDto {
  /**
   * The `token` of the link in the verification message.
   * @example "q9Xz3LrT0sYvWb2K"
   */
  @IsString()
  @Length(1, 200)
  token!: string;
}

export class EmailVerifiedDto {
  @ApiProperty({ enum: [true] })
  emailVerified!: true;
}

export class PasswordResetRequestDto {
  /** @example "ada@example.com" */
  @Transform(toNormalizedEmail)
  @IsEmail()
  @MaxLength(254)
  email!: string;
}

export class PasswordResetDto {
  /**
   * The `token` of the link in the password-reset message.
   * @example "q9Xz3LrT0sYvWb2K"
   */
  @IsString()
  @Length(1, 200)
  token!: string;

  /**
   * 8–128 characters, mixing at least two of: lower-case, upper-case, digits, other.
   * @example "battery-Staple-8"
   */
  @IsPassword()
  newPassword!: string;
}

export class AuthResponseDto {
  user!: UserDto;
  /**
   * A JWT (HS256) for the Authorization: Bearer header.
   * @example "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJl"
   */
  accessToken!: string;
  /**
   * Opaque; spend it once at /api/auth/refresh for a new pair.
   * @example "d2VsbC1mb3JtZWQtcmVmcmVzaC10b2tlbg"
   */
  refreshToken!: string;
  /**
   * Seconds until the access token expires.
   * @example 900
   */
  @ApiInteger()
  expiresIn!: number;
  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';
}

export class MeDto {
  /** @example 42 */
  @ApiInteger()
  id!: number;
  /** @example "Ada Lovelace" */
  name!: string;
  /** @example "ada@example.com" */
  email!: string;
  /** @example "customer" */
  role!: string;
  @ApiProperty({ enum: ALL_PERMISSIONS, isArray: true })
  permissions!: Permission[];
  /** @example true */
  emailVerified!: boolean;
  /** @example "2026-11-20T09:15:00.000Z" */
  createdAt!: Date;
}
