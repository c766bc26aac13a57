import type { EnvVars } from '../environment';
import { compact, isEnvSet, readEnv } from '../read-env';
import { lambdaFaas } from './aws-lambda';
import type { ServerlessMatch } from './serverless-match';

/**
 * Vercel: `VERCEL` or `VERCEL_ENV`. Vercel functions run on AWS Lambda and carry the Lambda variables,
 * so this check runs before the Lambda one; the function details come from those variables.
 */
export function detectVercel(env: EnvVars): ServerlessMatch | undefined {
  if (!isEnvSet(env, 'VERCEL') && readEnv(env, 'VERCEL_ENV') === undefined) return undefined;
  const region = readEnv(env, 'VERCEL_REGION');
  const faas = lambdaFaas(env);
  return {
    kind: 'vercel',
    cloud: { provider: 'vercel', platform: 'vercel', ...compact({ region }) },
    ...(faas ? { faas } : {}),
  };
}
