import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { FamilyWorkers } from './family/family.workers';
import { IntakeWorkers } from './intake/intake.workers';

/** The job workers of the shipped paths, grouped by path. */
@Module({ imports: [CasesModule], providers: [IntakeWorkers, FamilyWorkers] })
export class WorkersModule {}
