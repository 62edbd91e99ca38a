import { Module } from '@nestjs/common';
import { FormDefinitionsRepository } from './forms/form-definitions.repository';
import { FormRegistry } from './forms/form-registry';
import { ShippedForms } from './forms/shipped-forms';
import { ShippedModels } from './shipped-models';

/** The model registry: the shipped paths and forms, and forms as versioned resources. */
@Module({
  providers: [ShippedModels, ShippedForms, FormDefinitionsRepository, FormRegistry],
  exports: [FormDefinitionsRepository, FormRegistry],
})
export class ModelsModule {}
