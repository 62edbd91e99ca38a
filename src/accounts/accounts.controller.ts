import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, CurrentActor } from '../auth/actor.decorator';
import { Role } from '../auth/role';
import { Roles } from '../auth/roles.decorator';
import { PageQueryDto } from '../common/page-query.dto';
import { AccountsService } from './accounts.service';
import {
  CreateAccountDto,
  ManagedAccountDto,
  ManagedAccountPageDto,
  ResetPasswordDto,
  UpdateAccountDto,
} from './dto/managed-account.dto';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () =>
    new BadRequestException({
      message: "Identificativo dell'account non valido.",
      details: [{ field: 'id', messages: ['identificativo non valido'] }],
    }),
});

@ApiTags('accounts')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Operazione riservata agli amministratori' })
@Roles(Role.Admin)
@Controller('accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiOkResponse({ type: ManagedAccountPageDto })
  list(@CurrentActor() actor: Actor, @Query() page: PageQueryDto): Promise<ManagedAccountPageDto> {
    return this.accounts.list(actor, page);
  }

  @Get(':id')
  @ApiOkResponse({ type: ManagedAccountDto })
  get(@CurrentActor() actor: Actor, @Param('id', uuid) id: string): Promise<ManagedAccountDto> {
    return this.accounts.get(actor, id);
  }

  @Post()
  @ApiCreatedResponse({ type: ManagedAccountDto })
  @ApiConflictResponse({ description: 'Nome utente già in uso' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateAccountDto): Promise<ManagedAccountDto> {
    return this.accounts.create(actor, dto);
  }

  @Patch(':id')
  @ApiOkResponse({ type: ManagedAccountDto })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Body() dto: UpdateAccountDto,
  ): Promise<ManagedAccountDto> {
    return this.accounts.update(actor, id, dto);
  }

  @Post(':id/password')
  @HttpCode(204)
  @ApiNoContentResponse()
  resetPassword(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Body() dto: ResetPasswordDto,
  ): Promise<void> {
    return this.accounts.resetPassword(actor, id, dto);
  }
}
