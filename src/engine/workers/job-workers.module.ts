import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobWorkers } from './job-workers.service';

/** Runs the app's @JobWorker methods against the ProcessEngine (provided by EngineModule). */
@Module({
  imports: [DiscoveryModule],
  providers: [JobWorkers],
  exports: [JobWorkers],
})
export class JobWorkersModule {}
