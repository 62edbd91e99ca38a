import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiTags } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { CurrentOrigin, RequestOrigin } from './actor.decorator';
import { OidcCodeDto, SessionTokensDto } from './dto/login.dto';
import { OidcService } from './oidc.service';
import { Public } from './public.decorator';

const STATE_COOKIE = 'percorsi_oidc_state';
const COOKIE_PATH = '/api/auth/oidc';

function readCookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** Login through the city's identity provider (SPID/CIE): only when OIDC_ISSUER_URL is set. */
@ApiTags('auth')
@Public()
@Controller('auth/oidc')
export class OidcController {
  constructor(private readonly oidc: OidcService) {}

  @Get('login')
  @ApiFoundResponse({ description: "Redirect to the identity provider's login page" })
  login(@Res() response: Response): Promise<void> {
    return this.oidc.begin().then(({ url, state }) => {
      response.cookie(STATE_COOKIE, state, {
        httpOnly: true,
        sameSite: 'lax',
        secure: this.oidc.secureCookies,
        path: COOKIE_PATH,
        maxAge: 10 * 60 * 1000,
      });
      response.redirect(302, url);
    });
  }

  @Get('callback')
  @ApiFoundResponse({ description: 'Redirect to PUBLIC_URL/?login_code=… (one-time, 60 s)' })
  callback(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentOrigin() origin: RequestOrigin,
  ): Promise<void> {
    return this.oidc
      .complete(request.originalUrl.split('?')[1] ?? '', readCookie(request, STATE_COOKIE), origin)
      .then((target) => {
        response.clearCookie(STATE_COOKIE, { path: COOKIE_PATH });
        response.redirect(302, target);
      });
  }

  /** The browser trades the one-time code of the redirect for the session's tokens. */
  @Post('token')
  @HttpCode(200)
  token(
    @Body() dto: OidcCodeDto,
    @CurrentOrigin() origin: RequestOrigin,
  ): Promise<SessionTokensDto> {
    return this.oidc.exchange(dto.code, origin);
  }
}
