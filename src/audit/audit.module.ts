import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessLogEntry } from './access-log.entity';
import { AuditService } from './audit.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AccessLogEntry])],
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditModule {}
