import { detectAwsLambda } from './detectors/aws-lambda';
import { detectAzureFunctions } from './detectors/azure-functions';
import { detectCi } from './detectors/ci';
import { detectContainer } from './detectors/container';
import { detectGcpCloudFunctions, detectGcpCloudRun } from './detectors/gcp';
import { detectKubernetes } from './detectors/kubernetes';
import type { ServerlessMatch } from './detectors/serverless-match';
import { detectVercel } from './detectors/vercel';
import type { DetectEnvironmentOptions, DetectedEnvironment, EnvVars, EnvironmentKind, FileProbe } from './environment';
import { guardedProbe, nodeFileProbe } from './file-probe';

/** Serverless checks, most specific first (Vercel before Lambda: Vercel functions carry the Lambda variables). */
const SERVERLESS_DETECTORS: ReadonlyArray<(env: EnvVars) => ServerlessMatch | undefined> = [
  detectVercel,
  detectAwsLambda,
  detectGcpCloudRun,
  detectGcpCloudFunctions,
  detectAzureFunctions,
];

let cached: DetectedEnvironment | undefined;

function freeze(environment: DetectedEnvironment): DetectedEnvironment {
  for (const part of [environment.cloud, environment.faas, environment.k8s]) if (part) Object.freeze(part);
  return Object.freeze(environment);
}

function localEnvironment(): DetectedEnvironment {
  return freeze({ kind: 'local', serverless: false, longRunning: true, ci: false, container: false });
}

function serverlessMatch(env: EnvVars): ServerlessMatch | undefined {
  for (const detector of SERVERLESS_DETECTORS) {
    const match = detector(env);
    if (match) return match;
  }
  return undefined;
}

// The default detection's serverless part, made once: by detectServerless() when it comes first (a tracer's
// constructor), else by the full detection, which then reuses it, so that the two never disagree.
let cachedServerless: { match: ServerlessMatch | undefined } | undefined;

function defaultServerlessMatch(refresh: boolean): ServerlessMatch | undefined {
  if (refresh || cachedServerless === undefined) cachedServerless = { match: serverlessMatch(process.env) };
  return cachedServerless.match;
}

function detect(env: EnvVars, probe: FileProbe, serverless: ServerlessMatch | undefined = serverlessMatch(env)): DetectedEnvironment {
  const k8s = detectKubernetes(env, probe);
  const container = detectContainer(probe);
  const ciName = detectCi(env);
  const kind: EnvironmentKind =
    serverless?.kind ?? (k8s ? 'kubernetes' : container ? 'container' : ciName ? 'ci' : 'local');
  const result: DetectedEnvironment = {
    kind,
    serverless: serverless !== undefined,
    longRunning: serverless === undefined && ciName === undefined,
    ci: ciName !== undefined,
    container: container !== undefined || k8s !== undefined,
  };
  if (serverless) result.cloud = serverless.cloud;
  if (serverless?.faas) result.faas = serverless.faas;
  if (k8s) result.k8s = k8s;
  if (container?.containerId) result.containerId = container.containerId;
  if (ciName) result.ciName = ciName;
  return freeze(result);
}

/**
 * Detects where the process runs: the first of Vercel, AWS Lambda, Cloud Run, Cloud Functions, Azure
 * Functions, Kubernetes, container, CI, else local (Vercel is checked before Lambda because its functions
 * run on Lambda). The flags `ci` and `container` are set whatever the kind.
 *
 * The default detection (process.env, the real file system) runs once and is cached; `refresh: true`
 * recomputes it. Passing `env` or `fs` detects from those without touching the cache. Reads only a few
 * tiny files, synchronously. Never throws: anything unexpected gives `kind: 'local'`. The result is frozen.
 */
export function detectEnvironment(options: DetectEnvironmentOptions = {}): DetectedEnvironment {
  try {
    const { env, fs, refresh } = options ?? {};
    const custom = env != null || fs != null;
    if (!custom && !refresh && cached) return cached;
    if (custom) return detect(env ?? process.env, guardedProbe(fs ?? nodeFileProbe));
    cached = detect(process.env, guardedProbe(nodeFileProbe), defaultServerlessMatch(refresh === true));
    return cached;
  } catch {
    return localEnvironment();
  }
}

/**
 * True on a serverless platform (Vercel, AWS Lambda, Cloud Run, Cloud Functions, Azure Functions): the
 * `serverless` flag of {@link detectEnvironment}, from environment variables only (no file is read), so that
 * choosing an export profile costs a tracer's constructor no file-system probe. Without `env`, the answer is
 * made once per process and is the one the default detection gives (whichever of the two runs first). Never throws.
 */
export function detectServerless(env?: EnvVars): boolean {
  try {
    return (env == null ? defaultServerlessMatch(false) : serverlessMatch(env)) !== undefined;
  } catch {
    return false;
  }
}
