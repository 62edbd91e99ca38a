export { validateModel } from './validate-model';
export { LINT_CONFIG } from './lint-config';
export {
  DEFAULT_MAX_MODEL_BYTES,
  type DeployableProcess,
  type ProblemCode,
  type RefusedModel,
  type ValidateModelOptions,
  type ValidationIssue,
  type ValidationProblem,
  type ValidationResult,
  type ValidationWarning,
  type ValidModel,
  type WarningCode,
} from './validation-result';
