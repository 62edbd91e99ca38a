import { ApiProperty } from '@nestjs/swagger';

export class SignInMethodsDto {
  @ApiProperty({ description: 'Accesso con nome utente e password' })
  password!: boolean;

  @ApiProperty({
    description: 'Accesso con SPID/CIE tramite il provider OpenID Connect della città',
  })
  oidc!: boolean;
}
