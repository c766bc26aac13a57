import { detectEnvironment, type DetectedEnvironment } from '../src';
import { fakeProbe, throwingProbe } from './helpers/fake-probe';

const ID = 'a'.repeat(32) + '0123456789abcdef0123456789abcdef';
const OTHER_ID = 'f'.repeat(64);
const bare = () => fakeProbe();

function detect(env: Record<string, string | undefined>, probe = bare()): DetectedEnvironment {
  return detectEnvironment({ env, fs: probe });
}

describe('detectEnvironment: serverless platforms', () => {
  it('detects AWS Lambda with region, function details and memory', () => {
    const result = detect({
      AWS_LAMBDA_FUNCTION_NAME: 'checkout',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x',
      AWS_REGION: 'eu-west-1',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
      AWS_LAMBDA_LOG_STREAM_NAME: '2024/01/01/[$LATEST]abc',
    });
    expect(result).toEqual({
      kind: 'aws-lambda',
      serverless: true,
      longRunning: false,
      ci: false,
      container: false,
      cloud: { provider: 'aws', platform: 'aws_lambda', region: 'eu-west-1' },
      faas: { name: 'checkout', version: '$LATEST', instance: '2024/01/01/[$LATEST]abc', maxMemoryMb: 512 },
    });
  });

  it('detects Lambda from AWS_EXECUTION_ENV alone but not from an ECS execution env', () => {
    expect(detect({ AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x' }).kind).toBe('aws-lambda');
    expect(detect({ AWS_EXECUTION_ENV: 'AWS_ECS_FARGATE', AWS_REGION: 'us-east-1' }).kind).toBe('local');
  });

  it('ignores a memory size that is not a positive integer', () => {
    const result = detect({ AWS_LAMBDA_FUNCTION_NAME: 'f', AWS_LAMBDA_FUNCTION_MEMORY_SIZE: 'lots' });
    expect(result.faas).toEqual({ name: 'f' });
  });

  it('detects Cloud Run from K_SERVICE + K_REVISION, with the project as account id', () => {
    const result = detect({
      K_SERVICE: 'api',
      K_REVISION: 'api-00042-xyz',
      K_CONFIGURATION: 'api',
      GOOGLE_CLOUD_PROJECT: 'my-project',
    });
    expect(result.kind).toBe('gcp-cloud-run');
    expect(result.serverless).toBe(true);
    expect(result.cloud).toEqual({ provider: 'gcp', platform: 'gcp_cloud_run', accountId: 'my-project' });
    expect(result.faas).toEqual({ name: 'api', version: 'api-00042-xyz' });
  });

  it('does not take K_SERVICE alone for Cloud Run', () => {
    expect(detect({ K_SERVICE: 'api' }).kind).toBe('local');
  });

  it('detects Cloud Functions when FUNCTION_TARGET accompanies the K_* variables', () => {
    const result = detect({
      K_SERVICE: 'resize',
      K_REVISION: 'resize-3',
      FUNCTION_TARGET: 'handler',
      FUNCTION_REGION: 'europe-west1',
      GCP_PROJECT: 'p1',
    });
    expect(result.kind).toBe('gcp-cloud-functions');
    expect(result.cloud).toEqual({ provider: 'gcp', platform: 'gcp_cloud_functions', region: 'europe-west1', accountId: 'p1' });
    expect(result.faas).toEqual({ name: 'resize', version: 'resize-3' });
  });

  it('detects legacy Cloud Functions from FUNCTION_NAME with another GCP variable, but not FUNCTION_NAME alone', () => {
    const legacy = detect({ FUNCTION_NAME: 'old', GCP_PROJECT: 'p', FUNCTION_MEMORY_MB: '256' });
    expect(legacy.kind).toBe('gcp-cloud-functions');
    expect(legacy.faas).toEqual({ name: 'old', maxMemoryMb: 256 });
    expect(detect({ FUNCTION_NAME: 'something-else' }).kind).toBe('local');
  });

  it('detects Azure Functions with region, app name and subscription', () => {
    const result = detect({
      FUNCTIONS_WORKER_RUNTIME: 'node',
      WEBSITE_SITE_NAME: 'my-func-app',
      REGION_NAME: 'West Europe',
      WEBSITE_OWNER_NAME: 'sub-123+rg-WestEuropewebspace',
      WEBSITE_INSTANCE_ID: 'inst-1',
    });
    expect(result.kind).toBe('azure-functions');
    expect(result.cloud).toEqual({ provider: 'azure', platform: 'azure.functions', region: 'West Europe', accountId: 'sub-123' });
    expect(result.faas).toEqual({ name: 'my-func-app', instance: 'inst-1' });
    expect(detect({ AZURE_FUNCTIONS_ENVIRONMENT: 'Production' }).kind).toBe('azure-functions');
  });

  it('does not take WEBSITE_SITE_NAME alone (App Service) for Azure Functions', () => {
    const result = detect({ WEBSITE_SITE_NAME: 'web-app' });
    expect(result.kind).toBe('local');
    expect(result.serverless).toBe(false);
  });

  it('detects Vercel, even though its functions carry the Lambda variables', () => {
    const result = detect({
      VERCEL: '1',
      VERCEL_ENV: 'production',
      VERCEL_REGION: 'iad1',
      AWS_LAMBDA_FUNCTION_NAME: 'vercel-fn',
      AWS_REGION: 'us-east-1',
    });
    expect(result.kind).toBe('vercel');
    expect(result.cloud).toEqual({ provider: 'vercel', platform: 'vercel', region: 'iad1' });
    expect(result.faas).toEqual({ name: 'vercel-fn' });
    expect(detect({ VERCEL_ENV: 'preview' }).kind).toBe('vercel');
    expect(detect({ VERCEL: '0' }).kind).toBe('local');
  });
});

describe('detectEnvironment: Kubernetes, container, CI, local', () => {
  it('detects Kubernetes from the env and reads the namespace file', () => {
    const probe = fakeProbe(
      {
        '/var/run/secrets/kubernetes.io/serviceaccount/namespace': 'payments\n',
        '/proc/self/cgroup': `11:memory:/kubepods/burstable/pod1/${ID}\n`,
      },
      ['/var/run/secrets/kubernetes.io/serviceaccount'],
    );
    const result = detect({ KUBERNETES_SERVICE_HOST: '10.0.0.1', HOSTNAME: 'api-7d9f-abc', NODE_NAME: 'node-3' }, probe);
    expect(result).toEqual({
      kind: 'kubernetes',
      serverless: false,
      longRunning: true,
      ci: false,
      container: true,
      k8s: { namespace: 'payments', podName: 'api-7d9f-abc', nodeName: 'node-3' },
      containerId: ID,
    });
  });

  it('prefers POD_NAME / POD_NAMESPACE / K8S_CLUSTER_NAME variables', () => {
    const probe = fakeProbe({ '/var/run/secrets/kubernetes.io/serviceaccount/namespace': 'from-file' });
    const result = detect(
      { KUBERNETES_SERVICE_HOST: 'h', POD_NAME: 'pod-a', HOSTNAME: 'host-b', POD_NAMESPACE: 'ns-env', K8S_CLUSTER_NAME: 'prod-eu' },
      probe,
    );
    expect(result.k8s).toEqual({ namespace: 'ns-env', podName: 'pod-a', clusterName: 'prod-eu' });
  });

  it('detects Kubernetes from the service-account directory alone', () => {
    const probe = fakeProbe({}, ['/var/run/secrets/kubernetes.io/serviceaccount']);
    const result = detect({}, probe);
    expect(result.kind).toBe('kubernetes');
    expect(result.k8s).toEqual({});
  });

  it('detects a Docker container from /.dockerenv and takes the id from the mount table (cgroup v2)', () => {
    const probe = fakeProbe({
      '/.dockerenv': '',
      '/proc/self/cgroup': '0::/\n',
      '/proc/self/mountinfo': `612 600 8:1 /var/lib/docker/containers/${OTHER_ID}/hostname /etc/hostname rw - ext4 /dev/sda1 rw\n`,
    });
    const result = detect({}, probe);
    expect(result).toEqual({ kind: 'container', serverless: false, longRunning: true, ci: false, container: true, containerId: OTHER_ID });
  });

  it('detects a container from the cgroup alone (docker-<id>.scope) and from Podman\'s marker', () => {
    const probe = fakeProbe({ '/proc/self/cgroup': `0::/system.slice/docker-${ID}.scope\n` });
    expect(detect({}, probe)).toMatchObject({ kind: 'container', containerId: ID });
    const podman = detect({}, fakeProbe({ '/run/.containerenv': '' }));
    expect(podman.kind).toBe('container');
    expect(podman.containerId).toBeUndefined();
  });

  it('does not read the mount table outside containers', () => {
    const probe = fakeProbe({ '/proc/self/cgroup': '0::/user.slice/user-1000.slice/session-2.scope\n' });
    expect(detect({}, probe).kind).toBe('local');
    expect(probe.touched).not.toContain('/proc/self/mountinfo');
  });

  it.each([
    [{ GITHUB_ACTIONS: 'true', CI: 'true' }, 'github-actions'],
    [{ GITLAB_CI: 'true' }, 'gitlab'],
    [{ CIRCLECI: 'true' }, 'circleci'],
    [{ BUILDKITE: 'true' }, 'buildkite'],
    [{ JENKINS_URL: 'https://ci.example' }, 'jenkins'],
    [{ TRAVIS: 'true' }, 'travis'],
    [{ TF_BUILD: 'True' }, 'azure-pipelines'],
    [{ CI: '1' }, 'generic'],
  ])('detects CI %j as %s', (env, name) => {
    const result = detect(env);
    expect(result).toEqual({ kind: 'ci', serverless: false, longRunning: false, ci: true, container: false, ciName: name });
  });

  it('treats CI=false as no CI', () => {
    expect(detect({ CI: 'false' }).kind).toBe('local');
  });

  it('falls back to local', () => {
    expect(detect({ HOME: '/home/me', PATH: '/usr/bin' })).toEqual({
      kind: 'local',
      serverless: false,
      longRunning: true,
      ci: false,
      container: false,
    });
  });
});

describe('detectEnvironment: precedence', () => {
  it('takes the first match in order and keeps the ci/container flags', () => {
    const probe = fakeProbe({ '/.dockerenv': '' }, ['/var/run/secrets/kubernetes.io/serviceaccount']);
    const all = {
      VERCEL: '1',
      AWS_LAMBDA_FUNCTION_NAME: 'f',
      K_SERVICE: 's',
      K_REVISION: 'r',
      FUNCTIONS_WORKER_RUNTIME: 'node',
      KUBERNETES_SERVICE_HOST: 'h',
      GITHUB_ACTIONS: 'true',
    };
    const order: Array<[keyof typeof all | undefined, string]> = [
      [undefined, 'vercel'],
      ['VERCEL', 'aws-lambda'],
      ['AWS_LAMBDA_FUNCTION_NAME', 'gcp-cloud-run'],
      ['K_SERVICE', 'azure-functions'],
      ['FUNCTIONS_WORKER_RUNTIME', 'kubernetes'],
    ];
    const env: Record<string, string | undefined> = { ...all };
    for (const [remove, expected] of order) {
      if (remove) delete env[remove];
      const result = detect(env, probe);
      expect(result.kind).toBe(expected);
      expect(result.ci).toBe(true);
      expect(result.ciName).toBe('github-actions');
      expect(result.container).toBe(true);
    }
  });

  it('prefers Cloud Functions over Cloud Run when FUNCTION_TARGET is set', () => {
    expect(detect({ K_SERVICE: 's', K_REVISION: 'r', FUNCTION_TARGET: 't' }).kind).toBe('gcp-cloud-functions');
  });

  it('prefers container over CI, and marks a CI job as not long-running', () => {
    const result = detect({ CI: 'true' }, fakeProbe({ '/.dockerenv': '' }));
    expect(result.kind).toBe('container');
    expect(result.ci).toBe(true);
    expect(result.longRunning).toBe(false);
  });
});

describe('detectEnvironment: caching and safety', () => {
  it('returns the same frozen object for the default detection until refreshed', () => {
    const first = detectEnvironment();
    expect(detectEnvironment()).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    const refreshed = detectEnvironment({ refresh: true });
    expect(refreshed).not.toBe(first);
    expect(refreshed).toEqual(first);
    expect(detectEnvironment()).toBe(refreshed);
  });

  it('bypasses the cache when env or fs is given, without replacing it', () => {
    const cached = detectEnvironment();
    const custom = detectEnvironment({ env: { AWS_LAMBDA_FUNCTION_NAME: 'f' } });
    expect(custom).not.toBe(cached);
    expect(custom.kind).toBe('aws-lambda');
    const again = detectEnvironment({ env: { AWS_LAMBDA_FUNCTION_NAME: 'f' } });
    expect(again).not.toBe(custom);
    expect(detectEnvironment({ env: {}, fs: fakeProbe() }).kind).toBe('local');
    expect(detectEnvironment()).toBe(cached);
  });

  it('never throws when the probe throws, and still uses the env', () => {
    expect(() => detect({}, throwingProbe as never)).not.toThrow();
    expect(detect({}, throwingProbe as never).kind).toBe('local');
    expect(detect({ KUBERNETES_SERVICE_HOST: 'h', POD_NAME: 'p' }, throwingProbe as never)).toMatchObject({
      kind: 'kubernetes',
      k8s: { podName: 'p' },
    });
  });

  it('never throws when reading the env throws', () => {
    const env = new Proxy({}, {
      get() {
        throw new Error('env exploded');
      },
    });
    expect(detectEnvironment({ env, fs: fakeProbe() }).kind).toBe('local');
    const hostile = {
      get env(): never {
        throw new Error('options exploded');
      },
    };
    expect(detectEnvironment(hostile).kind).toBe('local');
    // null options count as "not given": the cached default detection
    expect(detectEnvironment({ env: null as never })).toBe(detectEnvironment());
    expect(detectEnvironment(null as never)).toBe(detectEnvironment());
  });

  it('freezes nested details so a shared result cannot be changed', () => {
    const result = detect({ AWS_LAMBDA_FUNCTION_NAME: 'f', AWS_REGION: 'r' });
    expect(Object.isFrozen(result.cloud)).toBe(true);
    expect(Object.isFrozen(result.faas)).toBe(true);
  });
});
