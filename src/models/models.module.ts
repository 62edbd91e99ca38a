import { Module } from '@nestjs/common';
import { ShippedModels } from './shipped-models';

@Module({ providers: [ShippedModels] })
export class ModelsModule {}
