import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import {
  ListNotificationsQueryDto,
  NotificationIdParamsDto,
} from './dto/list-notifications-query.dto';
import { NotificationPageDto, UnreadCountDto } from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

/** The caller's own in-app inbox; every role has one. */
@ApiTags('notifications')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Token mancante o scaduto' })
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** Newest first. */
  @Get()
  @ApiOkResponse({ type: NotificationPageDto })
  @ApiBadRequestResponse({ description: 'Parametri non validi' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListNotificationsQueryDto,
  ): Promise<NotificationPageDto> {
    return this.notifications.list(principal, {
      unreadOnly: query.unread,
      limit: query.limit,
      offset: query.offset,
    });
  }

  @Get('unread-count')
  @ApiOkResponse({ type: UnreadCountDto })
  unreadCount(@CurrentPrincipal() principal: Principal): Promise<UnreadCountDto> {
    return this.notifications.unreadCount(principal);
  }

  @Post('read-all')
  @HttpCode(204)
  @ApiNoContentResponse()
  markAllRead(@CurrentPrincipal() principal: Principal): Promise<void> {
    return this.notifications.markAllRead(principal);
  }

  @Post(':id/read')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'Notifica non trovata' })
  markRead(
    @CurrentPrincipal() principal: Principal,
    @Param() params: NotificationIdParamsDto,
  ): Promise<void> {
    return this.notifications.markRead(principal, params.id);
  }
}
