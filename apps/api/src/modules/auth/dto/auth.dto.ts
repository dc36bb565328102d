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

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RegisterDto {
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  @IsPrintableText()
  name!: string;

  @Transform(toNormalizedEmail)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  /** 8–128 characters, mixing at least two of: lower-case, upper-case, digits, other. */
  @IsPassword()
  password!: string;
}

export class LoginDto {
  @Transform(toNormalizedEmail)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @IsString()
  @MaxLength(1024)
  password!: string;
}

export class RefreshDto {
  @IsString()
  @MaxLength(2048)
  refreshToken!: string;
}

export class LogoutDto {
  /** Also revokes this refresh token's session; the session of the access token is revoked anyway. */
  @Optional()
  @IsString()
  @MaxLength(2048)
  refreshToken?: string;
}

export class UpdateMeDto extends UpdateProfileDto {
  /** Needs `currentPassword`; signs out every other session. */
  @Optional()
  @IsPassword()
  newPassword?: string;
}

export class VerifyEmailDto {
  /** The `token` of the link in the verification message. */
  @IsString()
  @Length(1, 200)
  token!: string;
}

export class EmailVerifiedDto {
  @ApiProperty({ enum: [true] })
  emailVerified!: true;
}

export class PasswordResetRequestDto {
  @Transform(toNormalizedEmail)
  @IsEmail()
  @MaxLength(254)
  email!: string;
}

export class PasswordResetDto {
  /** The `token` of the link in the password-reset message. */
  @IsString()
  @Length(1, 200)
  token!: string;

  /** 8–128 characters, mixing at least two of: lower-case, upper-case, digits, other. */
  @IsPassword()
  newPassword!: string;
}

export class AuthResponseDto {
  user!: UserDto;
  /** A JWT (HS256) for the Authorization: Bearer header. */
  accessToken!: string;
  /** Opaque; spend it once at /api/auth/refresh for a new pair. */
  refreshToken!: string;
  /** Seconds until the access token expires. */
  expiresIn!: number;
  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';
}

export class MeDto {
  id!: number;
  name!: string;
  email!: string;
  role!: string;
  @ApiProperty({ enum: ALL_PERMISSIONS, isArray: true })
  permissions!: Permission[];
  emailVerified!: boolean;
  createdAt!: Date;
}
