import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { AppConfig } from '../config/app-config';
import { Actor, CurrentActor, CurrentOrigin, RequestOrigin } from './actor.decorator';
import { AuthService } from './auth.service';
import { CurrentPrincipal } from './current-principal.decorator';
import { AccountDto } from './dto/account.dto';
import { ChangePasswordDto, LoginDto, RefreshDto, SessionTokensDto } from './dto/login.dto';
import { OAuthTokenDto, OAuthTokenRequestDto } from './dto/oauth-token.dto';
import { SignInMethodsDto } from './dto/sign-in-methods.dto';
import { Principal } from './principal';
import { Public } from './public.decorator';

/** Where OAuth 2.0 clients ask for a token: the one route that takes a form body. */
export const OAUTH_TOKEN_PATH = '/api/auth/oauth/token';

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

  /**
   * OAuth 2.0 client credentials (RFC 6749 §4.4) for programs: a Zeebe client of the gateway
   * (ZEEBE_GATEWAY_PORT) signs in with its account this way. A login like any other: same
   * throttle, same audit; no refresh token, the client asks again before expiry.
   */
  @Public()
  @Post('oauth/token')
  @HttpCode(200)
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiTooManyRequestsResponse({ description: 'Troppi tentativi falliti: vedi Retry-After' })
  async oauthToken(
    @Body() dto: OAuthTokenRequestDto,
    @CurrentOrigin() origin: RequestOrigin,
  ): Promise<OAuthTokenDto> {
    const session = await this.auth.login(dto.client_id, dto.client_secret, origin);
    return {
      access_token: session.accessToken,
      token_type: 'Bearer',
      expires_in: session.expiresIn,
    };
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
