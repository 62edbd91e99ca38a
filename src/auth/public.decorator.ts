import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'percorsi:public';

/** Marks a route that needs no access token (health, login). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
