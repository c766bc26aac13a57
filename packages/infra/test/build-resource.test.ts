import { arch, hostname } from 'node:os';
import { buildResource, DEFAULT_SERVICE_NAME, detectEnvironment, parseOtelResourceAttributes } from '../src';
import { fakeProbe } from './helpers/fake-probe';

const local = detectEnvironment({ env: {}, fs: fakeProbe() });
const coreVersion: string = require('@opentelemetry/resources').defaultResource().attributes['telemetry.sdk.version'];

describe('buildResource: attributes', () => {
  it('carries service, telemetry SDK, process, host and OS attributes', () => {
    const { attributes } = buildResource({ serviceName: 'checkout', serviceVersion: '1.2.3', env: {}, environment: local });
    expect(attributes).toMatchObject({
      'service.name': 'checkout',
      'service.version': '1.2.3',
      'telemetry.sdk.name': 'opentelemetry',
      'telemetry.sdk.language': 'nodejs',
      'telemetry.sdk.version': coreVersion,
      'process.pid': process.pid,
      'process.runtime.name': 'nodejs',
      'process.runtime.version': process.versions.node,
      'host.name': hostname(),
    });
    expect(typeof coreVersion).toBe('string');
    expect(attributes['host.arch']).toBe(arch() === 'x64' ? 'amd64' : arch());
    expect(typeof attributes['os.type']).toBe('string');
    expect(Object.values(attributes)).not.toContain(undefined);
  });

  it('sets deployment.environment.name from source', () => {
    const { attributes } = buildResource({ source: 'staging', env: {}, environment: local });
    expect(attributes['deployment.environment.name']).toBe('staging');
    expect(buildResource({ env: {}, environment: local }).attributes).not.toHaveProperty('deployment.environment.name');
  });

  it('takes service.version from npm_package_version when no option gives one', () => {
    expect(buildResource({ env: { npm_package_version: '4.5.6' }, environment: local }).attributes['service.version']).toBe('4.5.6');
    expect(buildResource({ env: {}, environment: local }).attributes).not.toHaveProperty('service.version');
    expect(
      buildResource({ serviceVersion: '7.0.0', env: { npm_package_version: '4.5.6' }, environment: local }).attributes['service.version'],
    ).toBe('7.0.0');
  });

  it('adds cloud and faas attributes for Lambda, with faas.max_memory in bytes', () => {
    const env = {
      AWS_LAMBDA_FUNCTION_NAME: 'fn',
      AWS_REGION: 'eu-west-1',
      AWS_LAMBDA_FUNCTION_VERSION: '3',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
      AWS_LAMBDA_LOG_STREAM_NAME: 'stream',
    };
    const { attributes } = buildResource({ env });
    expect(attributes).toMatchObject({
      'cloud.provider': 'aws',
      'cloud.platform': 'aws_lambda',
      'cloud.region': 'eu-west-1',
      'faas.name': 'fn',
      'faas.version': '3',
      'faas.instance': 'stream',
      'faas.max_memory': 128 * 1024 * 1024,
    });
  });

  it('adds k8s and container attributes from a given detection', () => {
    const id = 'b'.repeat(64);
    const environment = detectEnvironment({
      env: { KUBERNETES_SERVICE_HOST: 'h', POD_NAME: 'pod', POD_NAMESPACE: 'ns', NODE_NAME: 'node', K8S_CLUSTER_NAME: 'c1' },
      fs: fakeProbe({ '/proc/self/cgroup': `1:cpu:/kubepods/besteffort/pod9/${id}\n` }),
    });
    const { attributes } = buildResource({ environment, env: {} });
    expect(attributes).toMatchObject({
      'k8s.namespace.name': 'ns',
      'k8s.pod.name': 'pod',
      'k8s.node.name': 'node',
      'k8s.cluster.name': 'c1',
      'container.id': id,
    });
    expect(attributes).not.toHaveProperty('cloud.provider');
  });

  it('adds the GCP project as cloud.account.id on Cloud Run', () => {
    const { attributes } = buildResource({ env: { K_SERVICE: 'svc', K_REVISION: 'svc-1', GOOGLE_CLOUD_PROJECT: 'proj' } });
    expect(attributes).toMatchObject({
      'cloud.provider': 'gcp',
      'cloud.platform': 'gcp_cloud_run',
      'cloud.account.id': 'proj',
      'faas.name': 'svc',
      'faas.version': 'svc-1',
    });
  });
});

describe('buildResource: precedence', () => {
  it('resolves service.name: OTEL_SERVICE_NAME > OTEL_RESOURCE_ATTRIBUTES > serviceName > attributes > project > default', () => {
    const options = { serviceName: 'opt', project: 'proj', attributes: { 'service.name': 'attr' }, environment: local };
    const name = (env: Record<string, string>, overrides: object = {}) =>
      buildResource({ ...options, ...overrides, env }).attributes['service.name'];
    expect(name({ OTEL_SERVICE_NAME: 'env-name', OTEL_RESOURCE_ATTRIBUTES: 'service.name=res' })).toBe('env-name');
    expect(name({ OTEL_RESOURCE_ATTRIBUTES: 'service.name=res' })).toBe('res');
    expect(name({})).toBe('opt');
    expect(name({}, { serviceName: undefined })).toBe('attr');
    expect(name({}, { serviceName: '  ', attributes: {} })).toBe('proj');
    expect(name({}, { serviceName: undefined, attributes: undefined, project: undefined })).toBe(DEFAULT_SERVICE_NAME);
    expect(DEFAULT_SERVICE_NAME).toBe('honeyhive-app');
  });

  it('lets OTEL_RESOURCE_ATTRIBUTES override detected values and user attributes override both', () => {
    const env = {
      AWS_LAMBDA_FUNCTION_NAME: 'fn',
      AWS_REGION: 'eu-west-1',
      OTEL_RESOURCE_ATTRIBUTES: 'cloud.region=from-env,team=a%2Cb,host.name=h%3D1,deployment.environment.name=prod',
    };
    const { attributes } = buildResource({ env, source: 'dev', attributes: { team: 'user', 'custom.count': 3 } });
    expect(attributes['cloud.region']).toBe('from-env');
    expect(attributes['host.name']).toBe('h=1');
    expect(attributes['deployment.environment.name']).toBe('prod');
    expect(attributes.team).toBe('user');
    expect(attributes['custom.count']).toBe(3);
    expect(attributes['cloud.platform']).toBe('aws_lambda');
  });

  it('skips null and undefined user attributes without touching the user object', () => {
    const user = { keep: 'yes', gone: undefined, nothing: null as unknown as string };
    const { attributes } = buildResource({ env: {}, environment: local, attributes: user });
    expect(attributes.keep).toBe('yes');
    expect(attributes).not.toHaveProperty('gone');
    expect(attributes).not.toHaveProperty('nothing');
    expect(user).toEqual({ keep: 'yes', gone: undefined, nothing: null });
  });
});

describe('parseOtelResourceAttributes', () => {
  it('parses k=v pairs, URL-decoded, skipping blank entries', () => {
    expect(parseOtelResourceAttributes({ OTEL_RESOURCE_ATTRIBUTES: ' a=1 , b=x%20y,,c= ' })).toEqual({ a: '1', b: 'x y', c: '' });
  });

  it('discards the whole value when an entry is malformed', () => {
    expect(parseOtelResourceAttributes({ OTEL_RESOURCE_ATTRIBUTES: 'a=1,broken' })).toEqual({});
    expect(parseOtelResourceAttributes({ OTEL_RESOURCE_ATTRIBUTES: 'a=%E0%A4%A' })).toEqual({});
    expect(parseOtelResourceAttributes({ OTEL_RESOURCE_ATTRIBUTES: '=v' })).toEqual({});
    expect(parseOtelResourceAttributes({})).toEqual({});
  });
});

describe('buildResource: safety', () => {
  it('never throws, whatever it is given', () => {
    const hostileAttributes = new Proxy({}, {
      ownKeys() {
        throw new Error('keys exploded');
      },
    });
    const hostileEnv = new Proxy({}, {
      get() {
        throw new Error('env exploded');
      },
    });
    const hostileOptions = {
      get env(): never {
        throw new Error('options exploded');
      },
    };
    expect(buildResource({ env: {}, environment: local, attributes: hostileAttributes }).attributes['service.name']).toBe(
      DEFAULT_SERVICE_NAME,
    );
    expect(buildResource({ env: hostileEnv, serviceName: 's' }).attributes['service.name']).toBe('s');
    expect(buildResource(hostileOptions).attributes['service.name']).toBe(DEFAULT_SERVICE_NAME);
    expect(buildResource(null as never).attributes['service.name']).toBeDefined();
    expect(buildResource({ environment: {} as never, env: {} }).attributes['service.name']).toBe(DEFAULT_SERVICE_NAME);
  });
});
