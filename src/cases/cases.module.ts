import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EngineHttpModule } from '../engine/http/engine-http.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { CaseAccess } from './case-access';
import { CaseDecisionsService } from './case-decisions.service';
import { CaseGrantsService } from './case-grants.service';
import { CaseManagersService } from './case-managers.service';
import { CaseProcessService } from './case-process.service';
import { CasePathsService } from './case-paths.service';
import { CaseTimelineService } from './case-timeline.service';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { DocumentsService } from './documents.service';
import { CaseDecision } from './entities/case-decision.entity';
import { CaseDocument } from './entities/case-document.entity';
import { CaseGrant } from './entities/case-grant.entity';
import { CaseManagerAssignment } from './entities/case-manager-assignment.entity';
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
import { PathNames } from './path-names';
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
      CaseDecision,
      CaseManagerAssignment,
    ]),
    EngineHttpModule,
    NotificationsModule,
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
    PathNames,
    CaseTimelineService,
    CaseDecisionsService,
    CaseManagersService,
    IntakeRetry,
  ],
  exports: [CasesService, CaseAccess, CasePathsService],
})
export class CasesModule {}
