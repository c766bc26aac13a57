import { arch, hostname, platform } from 'node:os';
import { safeCall } from '@honeyhive/utils';
import type { Attributes, AttributeValue } from '@opentelemetry/api';
import { defaultResource, emptyResource, resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import { DeferredResource } from './deferred-resource';
import { detectEnvironment } from './detect-environment';
import type { DetectedEnvironment, EnvVars } from './environment';
import { parseOtelResourceAttributes } from './otel-resource-attributes';
import { readEnv } from './read-env';
import * as semconv from './semconv';

/** The `service.name` used when neither the environment, the options nor a project name gives one. */
export const DEFAULT_SERVICE_NAME = 'honeyhive-app';

const BYTES_PER_MIB = 1024 * 1024;

/** Options of {@link buildResource}. */
export interface BuildResourceOptions {
  /** `service.name` when `OTEL_SERVICE_NAME` (or `service.name` in `OTEL_RESOURCE_ATTRIBUTES`) is not set. */
  serviceName?: string;
  /** `service.version`; else `npm_package_version` when the app runs through npm. */
  serviceVersion?: string;
  /** The HoneyHive project: the `service.name` fallback after `serviceName`. */
  project?: string;
  /** The HoneyHive source (environment label): `deployment.environment.name`. */
  source?: string;
  /** A detection to use instead of {@link detectEnvironment}'s. */
  environment?: DetectedEnvironment;
  /** Extra attributes; they win over detected ones and over `OTEL_RESOURCE_ATTRIBUTES`. */
  attributes?: Attributes;
  /** Variables to read instead of `process.env` (also used for detection when `environment` is absent). */
  env?: EnvVars;
}

function attempt<T>(fn: () => T): T | undefined {
  return safeCall(fn, undefined);
}

function nonBlank(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Maps Node's names to the semantic-conventions values (as OpenTelemetry's own host and OS detectors do). */
function hostArch(): string {
  const name = arch();
  return ({ arm: 'arm32', ppc: 'ppc32', x64: 'amd64' } as Record<string, string>)[name] ?? name;
}

function osType(): string {
  const name = platform();
  return ({ sunos: 'solaris', win32: 'windows' } as Record<string, string>)[name] ?? name;
}

function processAndHost(): Attributes {
  return {
    [semconv.ATTR_PROCESS_PID]: process.pid,
    [semconv.ATTR_PROCESS_RUNTIME_NAME]: 'nodejs',
    [semconv.ATTR_PROCESS_RUNTIME_VERSION]: attempt(() => process.versions.node),
    [semconv.ATTR_HOST_NAME]: attempt(hostname),
    [semconv.ATTR_HOST_ARCH]: attempt(hostArch),
    [semconv.ATTR_OS_TYPE]: attempt(osType),
  };
}

/** `telemetry.sdk.*` exactly as the OpenTelemetry SDK reports them (`opentelemetry`, `nodejs`, the SDK version). */
function telemetrySdk(): Attributes {
  const sdk = attempt(() => defaultResource().attributes) ?? {};
  return {
    [semconv.ATTR_TELEMETRY_SDK_NAME]: sdk[semconv.ATTR_TELEMETRY_SDK_NAME] ?? 'opentelemetry',
    [semconv.ATTR_TELEMETRY_SDK_LANGUAGE]: sdk[semconv.ATTR_TELEMETRY_SDK_LANGUAGE] ?? 'nodejs',
    [semconv.ATTR_TELEMETRY_SDK_VERSION]: sdk[semconv.ATTR_TELEMETRY_SDK_VERSION],
  };
}

function platformAttributes(environment: DetectedEnvironment): Attributes {
  const { cloud, faas, k8s } = environment;
  return {
    [semconv.ATTR_CLOUD_PROVIDER]: cloud?.provider,
    [semconv.ATTR_CLOUD_PLATFORM]: cloud?.platform,
    [semconv.ATTR_CLOUD_REGION]: cloud?.region,
    [semconv.ATTR_CLOUD_ACCOUNT_ID]: cloud?.accountId,
    [semconv.ATTR_FAAS_NAME]: faas?.name,
    [semconv.ATTR_FAAS_VERSION]: faas?.version,
    [semconv.ATTR_FAAS_INSTANCE]: faas?.instance,
    [semconv.ATTR_FAAS_MAX_MEMORY]: faas?.maxMemoryMb === undefined ? undefined : faas.maxMemoryMb * BYTES_PER_MIB,
    [semconv.ATTR_K8S_NAMESPACE_NAME]: k8s?.namespace,
    [semconv.ATTR_K8S_POD_NAME]: k8s?.podName,
    [semconv.ATTR_K8S_NODE_NAME]: k8s?.nodeName,
    [semconv.ATTR_K8S_CLUSTER_NAME]: k8s?.clusterName,
    [semconv.ATTR_CONTAINER_ID]: environment.containerId,
  };
}

/** Copies the entries whose value is set, in order; later sources win. */
function merge(...sources: Attributes[]): Attributes {
  const out: Attributes = {};
  for (const source of sources) {
    for (const [key, value] of Object.entries(source)) {
      if (value !== undefined && value !== null) out[key] = value as AttributeValue;
    }
  }
  return out;
}

function userAttributes(attributes: Attributes | undefined): Attributes {
  if (attributes === null || typeof attributes !== 'object') return {};
  return attempt(() => ({ ...attributes })) ?? {};
}

function fallbackResource(): Resource {
  return attempt(() => resourceFromAttributes({ [semconv.ATTR_SERVICE_NAME]: DEFAULT_SERVICE_NAME })) ?? emptyResource();
}

function build(options: BuildResourceOptions): Resource {
  // read now: the variables and the user's attributes as they are when the provider is built
  const env = options.env ?? process.env;
  const fromEnv = parseOtelResourceAttributes(env);
  const user = userAttributes(options.attributes);
  const serviceName =
    readEnv(env, 'OTEL_SERVICE_NAME') ??
    nonBlank(fromEnv[semconv.ATTR_SERVICE_NAME]) ??
    nonBlank(options.serviceName) ??
    nonBlank(user[semconv.ATTR_SERVICE_NAME]) ??
    nonBlank(options.project) ??
    DEFAULT_SERVICE_NAME;
  const npmVersion = readEnv(env, 'npm_package_version');
  const { environment: given, source, serviceVersion } = options;
  const custom = options.env;
  // computed on first read: detection (cached process-wide), host lookups, the SDK's own attributes, the merge
  return new DeferredResource(() => {
    try {
      const environment = given ?? detectEnvironment(custom === undefined ? {} : { env: custom });
      const detected = merge(telemetrySdk(), processAndHost(), platformAttributes(environment), {
        [semconv.ATTR_SERVICE_VERSION]: npmVersion,
        [semconv.ATTR_DEPLOYMENT_ENVIRONMENT_NAME]: nonBlank(source),
      });
      const attributes = merge(detected, fromEnv, user, {
        [semconv.ATTR_SERVICE_VERSION]: nonBlank(serviceVersion),
        [semconv.ATTR_SERVICE_NAME]: serviceName,
      });
      return resourceFromAttributes(attributes);
    } catch {
      return fallbackResource();
    }
  });
}

/**
 * Builds the OpenTelemetry `Resource` of a tracer provider (with `resourceFromAttributes`).
 *
 * - `service.name`: `OTEL_SERVICE_NAME`, else `service.name` from `OTEL_RESOURCE_ATTRIBUTES`, else
 *   `serviceName`, else `service.name` in `attributes`, else `project`, else `'honeyhive-app'`.
 * - `service.version`: `serviceVersion`, else `service.version` from the user's attributes or
 *   `OTEL_RESOURCE_ATTRIBUTES`, else `npm_package_version`.
 * - `telemetry.sdk.{name,language,version}` as the OpenTelemetry SDK reports them; `process.pid`,
 *   `process.runtime.{name,version}`, `host.name`, `host.arch`, `os.type`.
 * - `deployment.environment.name` from `source`.
 * - Detected platform attributes: `cloud.*`, `faas.*` (`faas.max_memory` in bytes), `k8s.*`, `container.id`.
 *
 * Precedence for every other key, lowest first: detected values, `OTEL_RESOURCE_ATTRIBUTES`, `attributes`.
 * Attributes that are unknown are left out (never `undefined`). Never throws: on any failure the result
 * still carries `service.name`. The variables and `attributes` are read at once; detection, host lookups and
 * the merge wait until the resource is first read (the first span that ends, or the first export).
 */
export function buildResource(options: BuildResourceOptions = {}): Resource {
  try {
    return build(options ?? {});
  } catch {
    return fallbackResource();
  }
}
