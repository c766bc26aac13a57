// Public API of @honeyhive/infra: environment detection and OpenTelemetry Resource building.
export { detectEnvironment, detectServerless } from './detect-environment';
export type {
  CloudInfo,
  DetectEnvironmentOptions,
  DetectedEnvironment,
  EnvVars,
  EnvironmentKind,
  FaasInfo,
  FileProbe,
  K8sInfo,
} from './environment';
export { buildResource, DEFAULT_SERVICE_NAME } from './build-resource';
export type { BuildResourceOptions } from './build-resource';
export { parseOtelResourceAttributes } from './otel-resource-attributes';
