// Resource attribute keys. Stable keys come from @opentelemetry/semantic-conventions; keys still in its
// "incubating" set are copied here, as that package recommends, so an incubating rename cannot break us.
export {
  ATTR_CONTAINER_ID,
  ATTR_DEPLOYMENT_ENVIRONMENT_NAME,
  ATTR_K8S_CLUSTER_NAME,
  ATTR_K8S_NAMESPACE_NAME,
  ATTR_K8S_NODE_NAME,
  ATTR_K8S_POD_NAME,
  ATTR_SERVICE_NAME,
  ATTR_SERVICE_VERSION,
  ATTR_TELEMETRY_SDK_LANGUAGE,
  ATTR_TELEMETRY_SDK_NAME,
  ATTR_TELEMETRY_SDK_VERSION,
} from '@opentelemetry/semantic-conventions';

export const ATTR_PROCESS_PID = 'process.pid';
export const ATTR_PROCESS_RUNTIME_NAME = 'process.runtime.name';
export const ATTR_PROCESS_RUNTIME_VERSION = 'process.runtime.version';
export const ATTR_HOST_NAME = 'host.name';
export const ATTR_HOST_ARCH = 'host.arch';
export const ATTR_OS_TYPE = 'os.type';
export const ATTR_CLOUD_PROVIDER = 'cloud.provider';
export const ATTR_CLOUD_PLATFORM = 'cloud.platform';
export const ATTR_CLOUD_REGION = 'cloud.region';
export const ATTR_CLOUD_ACCOUNT_ID = 'cloud.account.id';
export const ATTR_FAAS_NAME = 'faas.name';
export const ATTR_FAAS_VERSION = 'faas.version';
export const ATTR_FAAS_INSTANCE = 'faas.instance';
/** In bytes (semantic conventions); platforms report MiB. */
export const ATTR_FAAS_MAX_MEMORY = 'faas.max_memory';
