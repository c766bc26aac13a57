import type { HttpInstrumentation, HttpInstrumentationConfig } from '@opentelemetry/instrumentation-http';
import { HTTP_INSTRUMENTATION_PACKAGE, HTTP_INSTRUMENTATION_RANGE, HttpInstrumentationMissingError, httpInstrumentationMissing } from '@honeyhive/integration';
import type { HttpInstrumentationSettings, HttpTracingInstrumentation } from '@honeyhive/integration';

// The package's own types stand for instrumentation-http's (so that its declarations compile without it): the
// type-check of this file fails when they drift apart (a setting of the real config this package cannot take, or
// an instrumentation that is no longer one of ours).
type Assignable<From, To> = [From] extends [To] ? true : false;
const settingsTakeTheRealConfig: Assignable<HttpInstrumentationConfig, HttpInstrumentationSettings> = true;
const settingsNameEveryRealSetting: Assignable<keyof HttpInstrumentationConfig, keyof HttpInstrumentationSettings> = true;
const realConfigTakesTheSettings: Assignable<HttpInstrumentationSettings, HttpInstrumentationConfig> = true;
const theRealInstrumentationIsOne: Assignable<HttpInstrumentation, HttpTracingInstrumentation> = true;

// Without the package installed (a child process hides it): packages/tracer/test/http-tracing-optional.test.ts.
describe('httpInstrumentationMissing', () => {
  it('types: the same shapes as instrumentation-http 0.223 (checked at compile time)', () => {
    expect([settingsTakeTheRealConfig, settingsNameEveryRealSetting, realConfigTakesTheSettings, theRealInstrumentationIsOne]).toEqual([true, true, true, true]);
  });

  it('finds @opentelemetry/instrumentation-http installed here (a devDependency of this repository)', () => {
    expect(httpInstrumentationMissing()).toBeUndefined();
  });

  it('names the package, the versions and the command that installs it', () => {
    const error = new HttpInstrumentationMissingError();
    expect(error.name).toBe('HttpInstrumentationMissingError');
    expect(error.packageName).toBe(HTTP_INSTRUMENTATION_PACKAGE);
    expect(error.message).toContain(`npm install ${HTTP_INSTRUMENTATION_PACKAGE}@${HTTP_INSTRUMENTATION_RANGE}`);
  });
});
