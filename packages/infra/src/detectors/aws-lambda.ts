import type { EnvVars, FaasInfo } from '../environment';
import { compact, firstEnv, readEnv, readPositiveInt } from '../read-env';
import type { ServerlessMatch } from './serverless-match';

/** Function details from the variables the Lambda runtime sets (also present on Vercel, which runs on Lambda). */
export function lambdaFaas(env: EnvVars): FaasInfo | undefined {
  return compact<FaasInfo>({
    name: readEnv(env, 'AWS_LAMBDA_FUNCTION_NAME'),
    version: readEnv(env, 'AWS_LAMBDA_FUNCTION_VERSION'),
    instance: readEnv(env, 'AWS_LAMBDA_LOG_STREAM_NAME'),
    maxMemoryMb: readPositiveInt(env, 'AWS_LAMBDA_FUNCTION_MEMORY_SIZE'),
  });
}

/** AWS Lambda: `AWS_LAMBDA_FUNCTION_NAME`, or `AWS_EXECUTION_ENV=AWS_Lambda_*` (ECS sets `AWS_ECS_*` there). */
export function detectAwsLambda(env: EnvVars): ServerlessMatch | undefined {
  const executionEnv = readEnv(env, 'AWS_EXECUTION_ENV');
  const isLambda = readEnv(env, 'AWS_LAMBDA_FUNCTION_NAME') !== undefined || executionEnv?.startsWith('AWS_Lambda') === true;
  if (!isLambda) return undefined;
  const region = firstEnv(env, 'AWS_REGION', 'AWS_DEFAULT_REGION');
  const faas = lambdaFaas(env);
  return {
    kind: 'aws-lambda',
    cloud: { provider: 'aws', platform: 'aws_lambda', ...compact({ region }) },
    ...(faas ? { faas } : {}),
  };
}
