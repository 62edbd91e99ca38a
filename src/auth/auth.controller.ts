import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { AppConfig } from '../config/app-config';
import { Actor, CurrentActor, CurrentOrigin, RequestOrigin } from './actor.decorator';
import { AuthService } from './auth.service';
import { CurrentPrincipal } from './current-principal.decorator';
import { AccountDto } from './dto/account.dto';
import { ChangePasswordDto, LoginDto, RefreshDto, SessionTokensDto } from './dto/login.dto';
import { SignInMethodsDto } from './dto/sign-in-methods.dto';
import { Principal } from './principal';
import { Public } from './public.decorator';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  /** How one may sign in here, for the login screen: SPID/CIE only when OIDC is configured. */
  @Public()
  @Get('methods')
  methods(): SignInMethodsDto {
    return { password: true, oidc: this.config.oidc !== undefined };
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiTooManyRequestsResponse({ description: 'Troppi tentativi falliti: vedi Retry-After' })
  login(@Body() dto: LoginDto, @CurrentOrigin() origin: RequestOrigin): Promise<SessionTokensDto> {
    return this.auth.login(dto.username, dto.password, origin);
  }

  /** Trades a refresh token for a new pair; a refresh token used twice ends its session. */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  refresh(
    @Body() dto: RefreshDto,
    @CurrentOrigin() origin: RequestOrigin,
  ): Promise<SessionTokensDto> {
    return this.auth.refresh(dto.refreshToken, origin);
  }

  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  logout(@CurrentActor() actor: Actor): Promise<void> {
    return this.auth.logout(actor);
  }

  @ApiBearerAuth()
  @Post('password')
  @HttpCode(204)
  changePassword(@Body() dto: ChangePasswordDto, @CurrentActor() actor: Actor): Promise<void> {
    return this.auth.changePassword(actor, dto.currentPassword, dto.newPassword);
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentPrincipal() principal: Principal): Promise<AccountDto> {
    return this.auth.me(principal);
  }
}
