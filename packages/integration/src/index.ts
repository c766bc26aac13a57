// Public API of @honeyhive/integration (layer 4).
export { HoneyHiveError } from './honeyhive-error';
export { redactSecrets, REDACTED_TEXT } from './redact';
export { redactError } from './redact-error';
export { ErrorPolicy, DEFAULT_RATE_LIMIT_MS } from './error-policy';
export type { ErrorPolicyOptions, ErrorInfo, ErrorSeverity } from './error-policy';
export { detectGlobalProvider, shouldRegisterGlobalProvider, registerGlobalProvider } from './provider-detection';
export type { GlobalProviderInfo, GlobalProviderKind, RegisterGlobalOptions } from './provider-detection';
export { releaseGlobalProvider } from './global-provider-release';
export type { GlobalProviderRelease } from './global-provider-release';
export { watchRefusedTraceRegistration } from './refused-registration-watch';
export { ensureGlobalContextAndPropagation } from './global-context';
export type { GlobalContextResult } from './global-context';
export { createHttpInstrumentation } from './http-instrumentation';
export type { HttpInstrumentationOptions } from './http-instrumentation';
export { createOwnRequestMatcher, matchesHostPattern, requestTargetOf, HH_CLIENT_PACKAGE_HEADER } from './own-request-matcher';
export type { OwnRequestOptions, RequestPattern, RequestTarget } from './own-request-matcher';
export { PropagationGuard } from './context-propagation-guard';
export type { PropagationGuardOptions } from './context-propagation-guard';
