import { Body, Controller, Get, HttpCode, Patch, Post, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../../common/auth-user.js';
import { CurrentUser, Public, RefuseApiKeys, SignedIn } from '../../common/decorators/access.decorators.js';
import { ProblemDto } from '../../common/dto/problem.dto.js';
import { RateLimit } from '../../common/rate-limit/rate-limit.decorator.js';
import { UserDto } from '../users/dto/user.dto.js';
import { AccountRecovery } from '../users/account-recovery.js';
import { BcryptBusyResponse, CurrentPasswordResponses } from '../users/password-check.responses.js';
import { AuthService } from './auth.service.js';
import {
  AuthResponseDto,
  EmailVerifiedDto,
  LoginDto,
  LogoutDto,
  MeDto,
  PasswordResetDto,
  PasswordResetRequestDto,
  RefreshDto,
  RegisterDto,
  UpdateMeDto,
  VerifyEmailDto,
} from './dto/auth.dto.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly recovery: AccountRecovery,
  ) {}

  /** Creates a customer account and signs it in. */
  @Post('register')
  @Public()
  @RateLimit('register')
  @ApiConflictResponse({ type: ProblemDto, description: 'The e-mail is taken' })
  @BcryptBusyResponse()
  register(@Body() dto: RegisterDto): Promise<AuthResponseDto> {
    return this.auth.register(dto);
  }

  /** Signs in. The same 401 for an unknown e-mail and a wrong password. */
  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiUnauthorizedResponse({ type: ProblemDto })
  @ApiTooManyRequestsResponse({ type: ProblemDto, description: 'Too many failed attempts for the account or address (see Retry-After)' })
  @BcryptBusyResponse()
  login(@Body() dto: LoginDto, @Req() request: FastifyRequest): Promise<AuthResponseDto> {
    return this.auth.login(dto, request.ip);
  }

  /** Spends a refresh token for a new pair. Reusing a spent one revokes its session (401). */
  @Post('refresh')
  @HttpCode(200)
  @Public()
  @RateLimit('refresh')
  @RefuseApiKeys()
  @ApiUnauthorizedResponse({ type: ProblemDto })
  refresh(@Body() dto: RefreshDto): Promise<AuthResponseDto> {
    return this.auth.refresh(dto.refreshToken);
  }

  /** Signs out: the access token and its session stop working at once. */
  @Post('logout')
  @HttpCode(204)
  @SignedIn()
  @RefuseApiKeys()
  logout(@CurrentUser() actor: AuthUser, @Body() dto: LogoutDto): Promise<void> {
    return this.auth.logout(actor, dto.refreshToken);
  }

  /** The caller, with their role and permissions. */
  @Get('me')
  @SignedIn()
  me(@CurrentUser() actor: AuthUser): Promise<MeDto> {
    return this.auth.profile(actor);
  }

  /** Changes one's name, e-mail or password (the last two need currentPassword). */
  @Patch('me')
  @SignedIn()
  @RefuseApiKeys()
  @ApiConflictResponse({ type: ProblemDto, description: 'The e-mail is taken' })
  @CurrentPasswordResponses()
  updateMe(@CurrentUser() actor: AuthUser, @Body() dto: UpdateMeDto, @Req() request: FastifyRequest): Promise<UserDto> {
    return this.auth.updateMe(actor, dto, request.ip);
  }

  /** Sends a new verification message to the caller's address (limited per account). */
  @Post('verify-email/request')
  @HttpCode(202)
  @SignedIn()
  @ApiAcceptedResponse({ description: 'The message is on its way' })
  @ApiBadRequestResponse({ type: ProblemDto, description: 'A request body that is not valid JSON (the route takes none)' })
  @ApiTooManyRequestsResponse({ type: ProblemDto, description: 'Too many messages to this account (see Retry-After)' })
  requestVerification(@CurrentUser() actor: AuthUser): Promise<void> {
    return this.recovery.requestVerification(actor);
  }

  /** Confirms the address with the token of a verification message (single-use, 24 hours). */
  @Post('verify-email')
  @HttpCode(200)
  @Public()
  @RateLimit('recovery')
  @ApiBadRequestResponse({ type: ProblemDto, description: '`invalid-token`: unknown, used or expired' })
  verifyEmail(@Body() dto: VerifyEmailDto): Promise<EmailVerifiedDto> {
    return this.recovery.verifyEmail(dto.token);
  }

  /** Sends a password-reset message when the address has an account; the answer is the same either way. */
  @Post('password-reset/request')
  @HttpCode(202)
  @Public()
  @RateLimit('recovery')
  @RefuseApiKeys()
  @ApiAcceptedResponse({ description: 'Accepted, whether or not the address has an account' })
  requestPasswordReset(@Body() dto: PasswordResetRequestDto): Promise<void> {
    return this.recovery.requestPasswordReset(dto.email);
  }

  /** Sets a new password with the token of a reset message (single-use, one hour); every session of the account ends. */
  @Post('password-reset')
  @HttpCode(204)
  @Public()
  @RateLimit('recovery')
  @RefuseApiKeys()
  @ApiBadRequestResponse({ type: ProblemDto, description: '`invalid-token`: unknown, used or expired' })
  @BcryptBusyResponse()
  resetPassword(@Body() dto: PasswordResetDto): Promise<void> {
    return this.recovery.resetPassword(dto.token, dto.newPassword);
  }
}
