/** Where the process runs; the first matching kind wins (see {@link detectEnvironment}). */
export type EnvironmentKind =
  | 'aws-lambda'
  | 'gcp-cloud-run'
  | 'gcp-cloud-functions'
  | 'azure-functions'
  | 'vercel'
  | 'kubernetes'
  | 'container'
  | 'ci'
  | 'local';

/** The cloud the process runs in, when a serverless platform was detected. */
export interface CloudInfo {
  /** `cloud.provider`. */
  provider: 'aws' | 'gcp' | 'azure' | 'vercel';
  /** `cloud.platform`: `aws_lambda`, `gcp_cloud_run`, `gcp_cloud_functions`, `azure.functions` (the semantic-conventions 1.45 value) or `vercel`. */
  platform: string;
  /** `cloud.region`, when the platform exposes it in the environment. */
  region?: string;
  /** `cloud.account.id` (the GCP project id, the Azure subscription id), when exposed. */
  accountId?: string;
}

/** The serverless function (or Cloud Run service) the process serves. */
export interface FaasInfo {
  /** `faas.name`: the function or service name. */
  name?: string;
  /** `faas.version`: the function version or revision. */
  version?: string;
  /** `faas.instance`: the execution environment instance (e.g. the Lambda log stream). */
  instance?: string;
  /** Memory available to the function in MiB (the resource carries it in bytes as `faas.max_memory`). */
  maxMemoryMb?: number;
}

/** The Kubernetes pod the process runs in. */
export interface K8sInfo {
  /** `k8s.namespace.name`. */
  namespace?: string;
  /** `k8s.pod.name`. */
  podName?: string;
  /** `k8s.node.name`. */
  nodeName?: string;
  /** `k8s.cluster.name`. */
  clusterName?: string;
}

/** What {@link detectEnvironment} found. Frozen: the cached object is shared. */
export interface DetectedEnvironment {
  /** The most specific platform detected. */
  kind: EnvironmentKind;
  /** True on Lambda, Cloud Run, Cloud Functions, Azure Functions and Vercel: flush before each response ends. */
  serverless: boolean;
  /** True when the process is expected to outlive a single task: not serverless and not a CI job. */
  longRunning: boolean;
  /** True when a CI system was detected, whatever the kind. */
  ci: boolean;
  /** True inside a container (Kubernetes included). */
  container: boolean;
  /** Cloud provider and platform, for serverless kinds. */
  cloud?: CloudInfo;
  /** Function details, for serverless kinds. */
  faas?: FaasInfo;
  /** Pod details, on Kubernetes. */
  k8s?: K8sInfo;
  /** The 64-hex container id, when the cgroup or mount table reveals it. */
  containerId?: string;
  /** The CI system (`github-actions`, `gitlab`, …; `generic` when only `CI` is set). */
  ciName?: string;
}

/**
 * The file system as detection sees it: a few tiny synchronous reads. Replaceable in tests; a probe
 * that throws counts as "file absent".
 */
export interface FileProbe {
  /** True when the path exists (file or directory). */
  exists(path: string): boolean;
  /** The file's text (at most a few KiB are needed), or undefined when it cannot be read. */
  readText(path: string): string | undefined;
}

/** Environment variables as detection reads them. Never mutated. */
export type EnvVars = Readonly<Record<string, string | undefined>>;

/** Options of {@link detectEnvironment}. */
export interface DetectEnvironmentOptions {
  /** Variables to read instead of `process.env`; bypasses the cache. */
  env?: EnvVars;
  /** File probe to use instead of the real file system; bypasses the cache. */
  fs?: FileProbe;
  /** Recompute (and re-cache) the default detection. */
  refresh?: boolean;
}
