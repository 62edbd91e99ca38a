import { Module } from '@nestjs/common';
import { ModelsModule } from '../../models/models.module';
import { DefinitionOutlines } from './definition-outlines';
import { ElementInstancesController } from './element-instances.controller';
import { EngineReadRepository } from './engine-read.repository';
import { FormsController } from './forms.controller';
import { FormsService } from './forms.service';
import { IncidentsController } from './incidents.controller';
import { IncidentsService } from './incidents.service';
import { JobsController } from './jobs.controller';
import { JobsService } from './jobs.service';
import { MessagesController } from './messages.controller';
import { MessagesService } from './messages.service';
import { ModelsController } from './models.controller';
import { ModelsService } from './models.service';
import { ProcessInstancesController } from './process-instances.controller';
import { ProcessInstancesService } from './process-instances.service';

/**
 * The engine over HTTP, for administrators and external workers (other
 * services, other languages): models, forms, instances, messages, jobs, incidents.
 * The ProcessEngine comes from the global EngineModule.
 */
@Module({
  imports: [ModelsModule],
  controllers: [
    ModelsController,
    FormsController,
    ProcessInstancesController,
    ElementInstancesController,
    MessagesController,
    JobsController,
    IncidentsController,
  ],
  providers: [
    EngineReadRepository,
    DefinitionOutlines,
    ModelsService,
    FormsService,
    ProcessInstancesService,
    MessagesService,
    JobsService,
    IncidentsService,
  ],
  exports: [EngineReadRepository],
})
export class EngineHttpModule {}
