import * as utils from '../src/index';

describe('public API', () => {
  it('exports every documented value by name', () => {
    const expected = [
      'EVENT_TYPES',
      'SPAN_EVENT_TYPES',
      'isEventType',
      'isSpanEventType',
      'detectEventType',
      'ATTR',
      'ATTR_PREFIX',
      'OUTPUT_RESULT_KEY',
      'traceloopTwin',
      'flattenAttributes',
      'toAttributeValue',
      'DEFAULT_FLATTEN_LIMITS',
      'safeCall',
      'safeCallAsync',
      'toError',
      'errorMessage',
      'parseBoolean',
      'parseBooleanEnv',
      'parseNumberEnv',
      'parseStringEnv',
      'parseHeadersEnv',
      'firstDefinedEnv',
      'generateSessionId',
      'isValidSessionId',
      'isUuidV4',
      'normalizeSessionId',
      'BAGGAGE_KEYS',
      'RESERVED_BAGGAGE_KEYS',
      'BAGGAGE_KEY_ALIASES',
      'canonicalBaggageKey',
      'isSecretLikeKey',
      'readGitMetadata',
      'sanitizeRemoteUrl',
      'commitLinkFor',
      'createLogger',
      'silentLogger',
      'inferEventType',
      'internalizedKey',
      'recordEntriesToSink',
      'recordOutputToSink',
    ];
    const exported = utils as Record<string, unknown>;
    for (const name of expected) expect(exported[name]).toBeDefined();
  });
});
