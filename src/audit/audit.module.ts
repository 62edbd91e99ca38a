import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessLogEntry } from './access-log.entity';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { RefusedReadsInterceptor } from './refused-reads.interceptor';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AccessLogEntry])],
  controllers: [AuditController],
  providers: [AuditService, { provide: APP_INTERCEPTOR, useClass: RefusedReadsInterceptor }],
  exports: [AuditService],
})
export class AuditModule {}
