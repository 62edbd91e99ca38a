import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EngineHttpModule } from '../engine/http/engine-http.module';
import { CaseAccess } from './case-access';
import { CaseGrantsService } from './case-grants.service';
import { CaseProcessService } from './case-process.service';
import { CasePathsService } from './case-paths.service';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { DocumentsService } from './documents.service';
import { CaseDocument } from './entities/case-document.entity';
import { CaseGrant } from './entities/case-grant.entity';
import { CasePath } from './entities/case-path.entity';
import { DiaryEntry } from './entities/diary-entry.entity';
import { HouseholdMember } from './entities/household-member.entity';
import { Household } from './entities/household.entity';
import { Person } from './entities/person.entity';
import { Referral } from './entities/referral.entity';
import { SocialCase } from './entities/social-case.entity';
import { IntakeRetry } from './intake-retry';
import { HouseholdsController } from './households.controller';
import { HouseholdsService } from './households.service';
import { PersonsController } from './persons.controller';
import { PersonsService } from './persons.service';
import { ReferralsController } from './referrals.controller';
import { ReferralsService } from './referrals.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Person,
      Household,
      HouseholdMember,
      SocialCase,
      CasePath,
      Referral,
      DiaryEntry,
      CaseDocument,
      CaseGrant,
    ]),
    EngineHttpModule,
  ],
  controllers: [CasesController, PersonsController, HouseholdsController, ReferralsController],
  providers: [
    CaseAccess,
    CasePathsService,
    CasesService,
    PersonsService,
    HouseholdsService,
    ReferralsService,
    DocumentsService,
    CaseGrantsService,
    CaseProcessService,
    IntakeRetry,
  ],
  exports: [CasesService, CaseAccess, CasePathsService],
})
export class CasesModule {}
