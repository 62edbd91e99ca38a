import { Body, Controller, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse } from '@nestjs/swagger';
import { PublishedMessageDto, PublishMessageDto } from './dto/message.dto';
import { EngineApi } from './engine-api.decorator';
import { MessagesService } from './messages.service';

@EngineApi()
@Controller('messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Post()
  @ApiCreatedResponse({ type: PublishedMessageDto })
  @ApiConflictResponse({ description: 'messageId già pubblicato e ancora in attesa' })
  publish(@Body() dto: PublishMessageDto): Promise<PublishedMessageDto> {
    return this.messages.publish(dto);
  }
}
