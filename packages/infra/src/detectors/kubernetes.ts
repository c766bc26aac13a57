import type { EnvVars, FileProbe, K8sInfo } from '../environment';
import { compact, firstEnv, readEnv } from '../read-env';

/** The service-account directory Kubernetes mounts into pods (unless automounting is disabled). */
const K8S_SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * Kubernetes: `KUBERNETES_SERVICE_HOST` or the service-account directory. Pod details come from the
 * downward-API variables users commonly set (`POD_NAME`, `POD_NAMESPACE`, `NODE_NAME`,
 * `K8S_CLUSTER_NAME`/`CLUSTER_NAME`), `HOSTNAME` (the pod name by default) and the namespace file.
 * Returns undefined when not on Kubernetes; `{}` when on it with nothing known.
 */
export function detectKubernetes(env: EnvVars, probe: FileProbe): K8sInfo | undefined {
  const onK8s = readEnv(env, 'KUBERNETES_SERVICE_HOST') !== undefined || probe.exists(K8S_SERVICE_ACCOUNT_DIR);
  if (!onK8s) return undefined;
  const namespace = readEnv(env, 'POD_NAMESPACE') ?? probe.readText(`${K8S_SERVICE_ACCOUNT_DIR}/namespace`)?.trim();
  return (
    compact<K8sInfo>({
      namespace: namespace === '' ? undefined : namespace,
      podName: firstEnv(env, 'POD_NAME', 'HOSTNAME'),
      nodeName: readEnv(env, 'NODE_NAME'),
      clusterName: firstEnv(env, 'K8S_CLUSTER_NAME', 'CLUSTER_NAME'),
    }) ?? {}
  );
}
