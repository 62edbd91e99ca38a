import { ConflictException, Injectable } from '@nestjs/common';
import { ProcessEngine } from '../engine.port';
import { PublishedMessageDto, PublishMessageDto } from './dto/message.dto';
import { callEngine } from './engine-errors';

/** Publishes messages to waiting instances (or message start events), buffered for their time to live. */
@Injectable()
export class MessagesService {
  constructor(private readonly engine: ProcessEngine) {}

  async publish(dto: PublishMessageDto): Promise<PublishedMessageDto> {
    const { messageKey } = await callEngine(
      () =>
        this.engine.publishMessage({
          name: dto.name,
          correlationKey: dto.correlationKey,
          variables: dto.variables,
          timeToLiveMs: dto.timeToLiveMs,
          messageId: dto.messageId,
        }),
      {
        conflict: new ConflictException(
          'Un messaggio con lo stesso nome e lo stesso messageId è già stato pubblicato ed è ancora in attesa.',
        ),
      },
    );
    return { messageKey };
  }
}
