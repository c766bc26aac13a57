import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Attributes } from '@opentelemetry/api';
import { detectEventType, inferEventType } from '@honeyhive/utils';
import { EVENT_TYPE_HINT_KEYS, EventTypeTracker } from '../src/event-type-tracker';

/** Values each hint key is tried with: recognised ones, unknown ones, empty and odd values. */
const VALUES: unknown[] = ['chat', 'LLM', ' tool ', 'workflow', 'agent', 'retriever', 'execute_tool', 'gpt-4o', 'unknown', '', null, 0, false];

describe('EventTypeTracker', () => {
  it('knows every attribute key the event-type inference reads (the utils rules and this list stay in step)', () => {
    const source = readFileSync(join(__dirname, '..', '..', 'utils', 'src', 'event-types.ts'), 'utf8');
    const dottedKeys = [...source.matchAll(/'([a-z_]+(?:\.[a-z_]+)+)'/g)].map((match) => match[1]);
    expect(dottedKeys.length).toBeGreaterThan(0);
    for (const key of dottedKeys) expect(EVENT_TYPE_HINT_KEYS).toContain(key);
  });

  it('decides at start as detectEventType does, with and without hints', () => {
    const cases: Attributes[] = [{}, { 'some.other': 'x' }];
    for (const key of EVENT_TYPE_HINT_KEYS) {
      for (const value of VALUES) cases.push({ 'some.other': 'x', [key]: value as string });
    }
    cases.push({ 'openinference.span.kind': 'TOOL', 'gen_ai.request.model': 'm' }, { 'traceloop.span.kind': 'task', 'llm.model_name': '' });
    for (const attributes of cases) {
      const tracker = new EventTypeTracker();
      expect([attributes, tracker.atStart({}, attributes, undefined)]).toEqual([attributes, detectEventType(attributes)]);
    }
  });

  it('decides at end as inferEventType does, once, when the type is still the one stamped at start', () => {
    for (const key of EVENT_TYPE_HINT_KEYS) {
      for (const value of VALUES) {
        const tracker = new EventTypeTracker();
        const span = {};
        const atStart = tracker.atStart(span, {}, undefined);
        expect(atStart).toBe('tool');
        const attributes: Attributes = { honeyhive_event_type: atStart, [key]: value as string };
        const expected = inferEventType(attributes);
        expect([key, value, tracker.atEnd(span, attributes)]).toEqual([key, value, expected === 'tool' ? undefined : expected]);
        expect(tracker.atEnd(span, attributes)).toBeUndefined();
      }
    }
  });

  it('falls back to the full inference when the attributes cannot be read', () => {
    const tracker = new EventTypeTracker();
    const hostile = {
      get 'gen_ai.request.model'(): string {
        throw new Error('boom');
      },
    } as unknown as Attributes;
    expect(tracker.atStart({}, hostile, undefined)).toBe(detectEventType(hostile));
  });
});
