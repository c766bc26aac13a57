import type { EnvVars, FaasInfo } from '../environment';
import { compact, firstEnv, readEnv, readPositiveInt } from '../read-env';
import type { ServerlessMatch } from './serverless-match';

/** `WEBSITE_OWNER_NAME` is `<subscription id>+<resource group>-<region>webspace…`. */
function subscriptionId(env: EnvVars): string | undefined {
  const owner = readEnv(env, 'WEBSITE_OWNER_NAME');
  if (owner === undefined || !owner.includes('+')) return undefined;
  const id = owner.slice(0, owner.indexOf('+')).trim();
  return id === '' ? undefined : id;
}

/**
 * Azure Functions: `FUNCTIONS_WORKER_RUNTIME`, `AZURE_FUNCTIONS_ENVIRONMENT` or `FUNCTIONS_EXTENSION_VERSION`.
 * `WEBSITE_SITE_NAME` names the function app but alone means App Service (a long-running web app), so it
 * does not make the process serverless by itself.
 */
export function detectAzureFunctions(env: EnvVars): ServerlessMatch | undefined {
  const signal = firstEnv(env, 'FUNCTIONS_WORKER_RUNTIME', 'AZURE_FUNCTIONS_ENVIRONMENT', 'FUNCTIONS_EXTENSION_VERSION');
  if (signal === undefined) return undefined;
  const region = readEnv(env, 'REGION_NAME');
  const accountId = subscriptionId(env);
  const faas = compact<FaasInfo>({
    name: readEnv(env, 'WEBSITE_SITE_NAME'),
    instance: readEnv(env, 'WEBSITE_INSTANCE_ID'),
    maxMemoryMb: readPositiveInt(env, 'WEBSITE_MEMORY_LIMIT_MB'),
  });
  return {
    kind: 'azure-functions',
    cloud: { provider: 'azure', platform: 'azure.functions', ...compact({ region, accountId }) },
    ...(faas ? { faas } : {}),
  };
}
