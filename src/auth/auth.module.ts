import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { AccessTokenGuard } from './access-token.guard';
import { AccessTokens } from './access-tokens';
import { AccountsBootstrap } from './accounts-bootstrap';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { Account } from './entities/account.entity';
import { TerritorialUnit } from './entities/territorial-unit.entity';
import { loadJwtSecret } from './jwt-secret';
import { LoginThrottle } from './login-throttle.service';
import { OidcController } from './oidc.controller';
import { OidcService } from './oidc.service';
import { RolesGuard } from './roles.guard';
import { SessionService } from './session.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Account, TerritorialUnit]),
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: loadJwtSecret(config),
        signOptions: { algorithm: 'HS256', issuer: 'percorsi' },
        verifyOptions: { algorithms: ['HS256'], issuer: 'percorsi' },
      }),
    }),
  ],
  controllers: [AuthController, OidcController],
  // Order matters: the token guard names the caller, then the roles guard checks the role.
  providers: [
    AuthService,
    AccessTokens,
    SessionService,
    LoginThrottle,
    OidcService,
    AccountsBootstrap,
    { provide: APP_GUARD, useClass: AccessTokenGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [AuthService, AccessTokens, SessionService, LoginThrottle],
})
export class AuthModule {}
