import type { CloudInfo, EnvVars, FaasInfo } from '../environment';
import { compact, firstEnv, readEnv, readPositiveInt } from '../read-env';
import type { ServerlessMatch } from './serverless-match';

function gcpCloud(platform: string, region: string | undefined, env: EnvVars): CloudInfo {
  const accountId = firstEnv(env, 'GOOGLE_CLOUD_PROJECT', 'GCP_PROJECT', 'GCLOUD_PROJECT');
  return { provider: 'gcp', platform, ...compact({ region, accountId }) };
}

function withFaas(match: ServerlessMatch, faas: FaasInfo | undefined): ServerlessMatch {
  return faas ? { ...match, faas } : match;
}

/**
 * Google Cloud Run: `K_SERVICE` with `K_REVISION` (or `K_CONFIGURATION`) and no `FUNCTION_TARGET`
 * (Cloud Functions sets the `K_*` variables too). Cloud Run exposes no region variable; a user-set
 * `GOOGLE_CLOUD_REGION` is read when present.
 */
export function detectGcpCloudRun(env: EnvVars): ServerlessMatch | undefined {
  const service = readEnv(env, 'K_SERVICE');
  const revision = readEnv(env, 'K_REVISION');
  if (service === undefined || (revision === undefined && readEnv(env, 'K_CONFIGURATION') === undefined)) return undefined;
  if (readEnv(env, 'FUNCTION_TARGET') !== undefined) return undefined;
  const match: ServerlessMatch = {
    kind: 'gcp-cloud-run',
    cloud: gcpCloud('gcp_cloud_run', readEnv(env, 'GOOGLE_CLOUD_REGION'), env),
  };
  return withFaas(match, compact<FaasInfo>({ name: service, version: revision }));
}

/**
 * Google Cloud Functions: `FUNCTION_TARGET` (current runtimes), or `FUNCTION_NAME` next to another GCP
 * variable (`K_SERVICE`, `GCP_PROJECT`, `GOOGLE_CLOUD_PROJECT`, `FUNCTION_REGION`; the oldest runtimes).
 */
export function detectGcpCloudFunctions(env: EnvVars): ServerlessMatch | undefined {
  const functionName = readEnv(env, 'FUNCTION_NAME');
  const legacy =
    functionName !== undefined &&
    firstEnv(env, 'K_SERVICE', 'GCP_PROJECT', 'GOOGLE_CLOUD_PROJECT', 'FUNCTION_REGION') !== undefined;
  if (readEnv(env, 'FUNCTION_TARGET') === undefined && !legacy) return undefined;
  const match: ServerlessMatch = {
    kind: 'gcp-cloud-functions',
    cloud: gcpCloud('gcp_cloud_functions', firstEnv(env, 'FUNCTION_REGION', 'GOOGLE_CLOUD_REGION'), env),
  };
  return withFaas(
    match,
    compact<FaasInfo>({
      name: firstEnv(env, 'K_SERVICE', 'FUNCTION_NAME'),
      version: firstEnv(env, 'K_REVISION', 'X_GOOGLE_FUNCTION_VERSION'),
      maxMemoryMb: readPositiveInt(env, 'FUNCTION_MEMORY_MB'),
    }),
  );
}
