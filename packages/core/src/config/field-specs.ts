import {
  firstDefinedEnv,
  parseBooleanEnv,
  parseHeadersEnv,
  parseNumberEnv,
  parseStringEnv,
} from '@honeyhive/utils';
import type { EnvSource } from '@honeyhive/utils';
import { DEFAULT_EXIT_TIMEOUT_MS } from '@honeyhive/lifecycle';
import { defaultSessionName } from './default-session-name';
import {
  DEFAULT_API_TIMEOUT_MS,
  DEFAULT_MAX_ATTRIBUTES,
  DEFAULT_OTLP_PROTOCOL,
  DEFAULT_SERVER_URL,
  DEFAULT_SOURCE,
  HH_ENV,
} from './defaults';
import {
  checkArray,
  checkBoolean,
  checkFunction,
  checkHeaders,
  checkHttpUrl,
  checkLogger,
  checkObject,
  checkPatternList,
  checkString,
  checkUuid,
  numberCheck,
  oneOfCheck,
} from './value-checks';
import type { NumberBounds, ValueCheck } from './value-checks';
import type { ExportProfileName, OtlpProtocol } from './types';

/** A value read from the environment, or why the variable was unusable. */
export interface EnvRead {
  value?: unknown;
  variable?: string;
  /** `detail` names the variable and what is wrong, never a secret value. */
  problem?: { variable: string; detail: string };
}

/** How one option is validated, read from the environment and defaulted. */
export interface FieldSpec {
  name: string;
  check: ValueCheck<unknown>;
  /** What a valid value looks like, for the fix, e.g. `an integer from 1 to 100000`. */
  expected: string;
  example?: string;
  /** The same for the environment variable, when it differs (durations there are seconds). */
  envExpected?: string;
  envExample?: string;
  /** Environment variables, in precedence order. */
  env?: readonly string[];
  readEnv?: (env: EnvSource) => EnvRead;
  defaultValue?: () => unknown;
  /** What is used when the value is missing or invalid, for messages, e.g. `the default 1024`. */
  fallback: string;
  /** Never show the value. */
  secret?: boolean;
  /** An invalid value switches the tracer to degraded mode instead of falling back. */
  degradeOnInvalid?: boolean;
}

const OTLP_PROTOCOLS: readonly OtlpProtocol[] = ['http/protobuf', 'http/json', 'grpc'];
const EXPORT_PROFILES: readonly ExportProfileName[] = ['serverless', 'long-running', 'high-throughput'];
const FROM_PROFILE = "the export profile's value";

function fromParser(variable: string, result: { value: unknown; problem?: { message: string } }): EnvRead {
  if (result.problem !== undefined) return { variable, problem: { variable, detail: result.problem.message } };
  return result.value === undefined ? {} : { value: result.value, variable };
}

const stringEnv = (variable: string) => (env: EnvSource) => fromParser(variable, parseStringEnv(variable, env));

const booleanEnv = (variable: string) => (env: EnvSource) => fromParser(variable, parseBooleanEnv(variable, env));

const integerEnv = (variable: string, min: number, max: number) => (env: EnvSource) =>
  fromParser(variable, parseNumberEnv(variable, { min, max, integer: true }, env));

// Durations in the environment are seconds (the Python SDK's unit); options are milliseconds.
const secondsEnv = (variable: string, maxSeconds: number, minSeconds = 0.001) => (env: EnvSource) => {
  const read = fromParser(variable, parseNumberEnv(variable, { min: minSeconds, max: maxSeconds }, env));
  if (read.problem !== undefined) read.problem.detail = `${read.problem.detail} (seconds)`;
  return typeof read.value === 'number' ? { ...read, value: Math.round(read.value * 1000) } : read;
};

function checkedEnv(variable: string, check: ValueCheck<unknown>, readRaw: (env: EnvSource) => EnvRead = stringEnv(variable)) {
  return (env: EnvSource): EnvRead => {
    const raw = readRaw(env);
    if (raw.problem !== undefined || raw.value === undefined) return raw;
    const result = check(raw.value);
    if (result.kind === 'ok') return { value: result.value, variable };
    if (result.kind === 'absent') return {};
    const shown = String(raw.value).length > 120 ? `${String(raw.value).slice(0, 120)}…` : String(raw.value);
    return { variable, problem: { variable, detail: `${variable}='${shown}' ${result.reason}` } };
  };
}

function protocolEnv(env: EnvSource): EnvRead {
  const found = firstDefinedEnv([HH_ENV.OTLP_PROTOCOL, HH_ENV.OTEL_OTLP_PROTOCOL], env);
  if (found === undefined) return {};
  return checkedEnv(found.name, oneOfCheck(OTLP_PROTOCOLS))(env);
}

const numberSpec = (
  name: string,
  bounds: NumberBounds,
  expected: string,
  example: string,
  fallback: string,
  extra: Partial<FieldSpec> = {},
): FieldSpec => ({ name, check: numberCheck(bounds), expected, example, fallback, ...extra });

const booleanSpec = (name: string, defaultValue: boolean, variable?: string): FieldSpec => ({
  name,
  check: checkBoolean,
  expected: 'true or false',
  example: String(!defaultValue),
  fallback: `the default ${defaultValue}`,
  defaultValue: () => defaultValue,
  ...(variable === undefined ? {} : { env: [variable], readEnv: booleanEnv(variable) }),
});

const optionalString = (name: string, expected: string, variable?: string): FieldSpec => ({
  name,
  check: checkString,
  expected,
  fallback: 'no value',
  ...(variable === undefined ? {} : { env: [variable], readEnv: stringEnv(variable) }),
});

/** Every resolvable option (not `config`, `session`, `evaluation`, which only group others). */
export const FIELD_SPECS: readonly FieldSpec[] = Object.freeze([
  {
    name: 'apiKey',
    check: checkString,
    expected: 'your HoneyHive API key (a string)',
    env: [HH_ENV.API_KEY],
    readEnv: stringEnv(HH_ENV.API_KEY),
    fallback: 'no API key',
    secret: true,
  },
  {
    name: 'serverUrl',
    check: checkHttpUrl,
    expected: 'an http(s) URL',
    example: DEFAULT_SERVER_URL,
    env: [HH_ENV.API_URL],
    readEnv: checkedEnv(HH_ENV.API_URL, checkHttpUrl),
    defaultValue: () => DEFAULT_SERVER_URL,
    fallback: `the default ${DEFAULT_SERVER_URL}`,
    degradeOnInvalid: true,
  },
  optionalString('project', 'a project name', HH_ENV.PROJECT),
  {
    name: 'source',
    check: checkString,
    expected: 'an environment label such as dev or production',
    example: 'production',
    env: [HH_ENV.SOURCE],
    readEnv: stringEnv(HH_ENV.SOURCE),
    defaultValue: () => DEFAULT_SOURCE,
    fallback: `the default '${DEFAULT_SOURCE}'`,
  },
  {
    name: 'sessionName',
    check: checkString,
    expected: 'a session name',
    env: [HH_ENV.SESSION_NAME],
    readEnv: stringEnv(HH_ENV.SESSION_NAME),
    defaultValue: defaultSessionName,
    fallback: "the main script's file name",
  },
  {
    name: 'sessionId',
    check: checkUuid,
    expected: 'a UUID (or leave it out to start a new session)',
    example: '3f2c8a4e-9b1d-4c6e-8f0a-1b2c3d4e5f60',
    fallback: 'a newly generated session id',
  },
  { name: 'inputs', check: checkObject, expected: 'an object', fallback: 'no inputs' },
  { name: 'metadata', check: checkObject, expected: 'an object', fallback: 'no metadata' },
  { name: 'userProperties', check: checkObject, expected: 'an object', fallback: 'no user properties' },
  booleanSpec('verbose', false, HH_ENV.VERBOSE),
  booleanSpec('testMode', false, HH_ENV.TEST_MODE),
  booleanSpec('disableBatch', false, HH_ENV.DISABLE_BATCH),
  booleanSpec('disableTracing', false, HH_ENV.DISABLE_TRACING),
  booleanSpec('disableHttpTracing', true, HH_ENV.DISABLE_HTTP_TRACING),
  {
    name: 'otlpEndpoint',
    check: checkHttpUrl,
    expected: 'an http(s) URL of an OTLP receiver',
    example: 'http://localhost:4318/v1/traces',
    env: [HH_ENV.OTLP_ENDPOINT],
    readEnv: checkedEnv(HH_ENV.OTLP_ENDPOINT, checkHttpUrl),
    fallback: 'no export',
    degradeOnInvalid: true,
  },
  {
    name: 'otlpHeaders',
    check: checkHeaders,
    expected: 'an object of header names to string values',
    envExpected: 'a JSON object of strings or k1=v1,k2=v2',
    envExample: '{"x-team":"a"}',
    env: [HH_ENV.OTLP_HEADERS],
    readEnv: (env) => fromParser(HH_ENV.OTLP_HEADERS, parseHeadersEnv(HH_ENV.OTLP_HEADERS, env)),
    fallback: 'no extra headers',
    secret: true,
  },
  {
    name: 'otlpProtocol',
    check: oneOfCheck(OTLP_PROTOCOLS),
    expected: OTLP_PROTOCOLS.join(', ') + ' (one of)',
    example: DEFAULT_OTLP_PROTOCOL,
    env: [HH_ENV.OTLP_PROTOCOL, HH_ENV.OTEL_OTLP_PROTOCOL],
    readEnv: protocolEnv,
    defaultValue: () => DEFAULT_OTLP_PROTOCOL,
    fallback: `the default ${DEFAULT_OTLP_PROTOCOL}`,
  },
  numberSpec('batchSize', { integer: true, min: 1, max: 100_000 }, 'an integer from 1 to 100000', '512', FROM_PROFILE, {
    env: [HH_ENV.BATCH_SIZE],
    readEnv: integerEnv(HH_ENV.BATCH_SIZE, 1, 100_000),
  }),
  numberSpec('maxExportBatchBytes', { integer: true, min: 1024, max: 1_073_741_824 }, 'an integer from 1024 to 1073741824', '3145728', 'the default 3 MiB', {
    env: [HH_ENV.BATCH_MAX_BYTES],
    readEnv: integerEnv(HH_ENV.BATCH_MAX_BYTES, 1024, 1_073_741_824),
  }),
  numberSpec('flushIntervalMs', { greaterThan: 0, max: 3_600_000 }, 'milliseconds above 0, at most 3600000', '1000', FROM_PROFILE, {
    envExpected: 'seconds above 0, at most 3600',
    envExample: '1',
    env: [HH_ENV.FLUSH_INTERVAL],
    readEnv: secondsEnv(HH_ENV.FLUSH_INTERVAL, 3_600),
  }),
  numberSpec('exportTimeoutMs', { greaterThan: 0, max: 600_000 }, 'milliseconds above 0, at most 600000', '10000', FROM_PROFILE, {
    envExpected: 'seconds above 0, at most 600',
    envExample: '10',
    env: [HH_ENV.EXPORT_TIMEOUT],
    readEnv: secondsEnv(HH_ENV.EXPORT_TIMEOUT, 600),
  }),
  numberSpec('maxQueueSize', { integer: true, min: 1, max: 10_000_000 }, 'an integer from 1 to 10000000', '2048', FROM_PROFILE),
  {
    name: 'exportProfile',
    check: oneOfCheck(EXPORT_PROFILES),
    expected: EXPORT_PROFILES.join(', ') + ' (one of)',
    example: 'long-running',
    fallback: 'the profile detected for this platform',
  },
  numberSpec('maxAttributes', { integer: true, min: 1, max: 1_000_000 }, 'an integer from 1 to 1000000', '1024', `the default ${DEFAULT_MAX_ATTRIBUTES}`, {
    env: [HH_ENV.MAX_ATTRIBUTES],
    readEnv: integerEnv(HH_ENV.MAX_ATTRIBUTES, 1, 1_000_000),
    defaultValue: () => DEFAULT_MAX_ATTRIBUTES,
  }),
  numberSpec('apiTimeoutMs', { greaterThan: 0, max: 600_000 }, 'milliseconds above 0, at most 600000', '10000', `the default ${DEFAULT_API_TIMEOUT_MS} ms`, {
    envExpected: 'seconds above 0, at most 600',
    envExample: '10',
    env: [HH_ENV.API_TIMEOUT],
    readEnv: secondsEnv(HH_ENV.API_TIMEOUT, 600),
    defaultValue: () => DEFAULT_API_TIMEOUT_MS,
  }),
  numberSpec('exitTimeoutMs', { min: 0, max: 600_000 }, 'milliseconds from 0 to 600000', '2000', `the default ${DEFAULT_EXIT_TIMEOUT_MS} ms`, {
    envExpected: 'seconds from 0 to 600',
    envExample: '2',
    env: [HH_ENV.EXIT_TIMEOUT],
    readEnv: secondsEnv(HH_ENV.EXIT_TIMEOUT, 600, 0),
    defaultValue: () => DEFAULT_EXIT_TIMEOUT_MS,
  }),
  booleanSpec('strict', false),
  booleanSpec('registerGlobal', true),
  { name: 'httpTracingPropagateTo', check: checkPatternList, expected: 'an array of strings and RegExps', fallback: 'loopback hosts only' },
  { name: 'includeSpanNames', check: checkPatternList, expected: 'an array of strings and RegExps', fallback: 'all span names' },
  { name: 'excludeSpanNames', check: checkPatternList, expected: 'an array of strings and RegExps', fallback: 'no exclusions' },
  { name: 'instrumentations', check: checkArray, expected: 'an array of instrumentations', defaultValue: () => [], fallback: 'no instrumentations' },
  { name: 'instrumentModules', check: checkObject, expected: 'an object of modules, e.g. { openAI: OpenAI }', fallback: 'no modules' },
  { name: 'onError', check: checkFunction, expected: 'a function (error, info) => void', fallback: 'no hook' },
  { name: 'logger', check: checkLogger, expected: 'an object with debug, info, warn and error functions (e.g. console)', fallback: 'the default logger' },
  booleanSpec('captureInputs', true),
  booleanSpec('captureOutputs', true),
  { name: 'mask', check: checkFunction, expected: 'a function (key, value) => value', fallback: 'no masking' },
  booleanSpec('redactSecrets', true),
  { name: 'secretKeys', check: checkPatternList, expected: 'an array of strings and RegExps', defaultValue: () => [], fallback: 'the default secret keys only' },
  booleanSpec('legacyInputShape', false),
  booleanSpec('isEvaluation', false),
  optionalString('runId', 'a run id string'),
  optionalString('datasetId', 'a dataset id string'),
  optionalString('datapointId', 'a datapoint id string'),
] satisfies FieldSpec[]);
