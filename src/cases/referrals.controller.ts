import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../auth/actor.decorator';
import { CreateReferralDto, ReferralDto } from './dto/referral.dto';
import { ReferralsService } from './referrals.service';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('referrals')
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Post()
  receive(@CurrentActor() actor: Actor, @Body() dto: CreateReferralDto): Promise<ReferralDto> {
    return this.referrals.receive(actor, dto);
  }
}
