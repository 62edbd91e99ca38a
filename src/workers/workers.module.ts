import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { IntakeWorkers } from './intake/intake.workers';

/** The job workers of the shipped paths, grouped by path. */
@Module({ imports: [CasesModule], providers: [IntakeWorkers] })
export class WorkersModule {}
