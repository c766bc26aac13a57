// Legacy `experimentalDecorators`: jest.config.js compiles `*.legacy-decorators.test.ts` with swc legacyDecorator.
import { SpanStatusCode } from '@opentelemetry/api';
import { ATTR, OUTPUT_RESULT_KEY } from '@honeyhive/utils';
import { isTraced, traceChain, traceClass, traceModel, traceTool, traced } from '../src';
import { setupTracing } from './support/tracing';
import type { TestTracing } from './support/tracing';

let tracing: TestTracing;

beforeAll(() => {
  tracing = setupTracing();
});
afterEach(() => tracing.reset());
afterAll(() => tracing.shutdown());

describe('method decorators (legacy experimentalDecorators)', () => {
  it('is compiled in legacy mode: a method decorator gets (target, key, descriptor)', () => {
    const arities: number[] = [];
    const probe = (...args: unknown[]) => {
      arities.push(args.length);
    };
    class Probe {
      @(probe as MethodDecorator)
      method() {}
    }
    expect(new Probe()).toBeInstanceOf(Probe);
    expect(arities).toEqual([3]);
  });

  class Service {
    readonly prefix = 'svc';

    @traced()
    handle(request: string, attempt = 1) {
      return `${this.prefix}:${request}:${attempt}`;
    }

    @traced({ eventName: 'fetch-data', eventType: 'tool' })
    async fetchData(id: number) {
      await Promise.resolve();
      return { id, by: this.prefix };
    }

    @traced
    bare(value: number) {
      return value * 2;
    }

    @traced()
    broken() {
      throw new TypeError('cannot handle');
    }

    @traceModel()
    generate(prompt: string) {
      return prompt.length;
    }

    @traceTool
    bareTool() {
      return 'tool';
    }

    @traceChain()
    async *stream(n: number) {
      for (let i = 0; i < n; i += 1) yield `t${i}`;
    }

    @traced()
    static build() {
      return new Service();
    }

    @traced()
    get label() {
      return this.prefix;
    }
  }

  it('detects the legacy mode and traces methods with this bound and names kept', () => {
    const service = new Service();
    expect(service.handle('get', 2)).toBe('svc:get:2');
    expect(service.handle.name).toBe('handle');
    expect(service.handle.length).toBe(1);
    const span = tracing.span('handle');
    expect(span.attributes['honeyhive_inputs.request']).toBe('get');
    expect(span.attributes['honeyhive_inputs.attempt']).toBe(2);
    expect(span.attributes[OUTPUT_RESULT_KEY]).toBe('svc:get:2');
  });

  it('applies options on async methods', async () => {
    await expect(new Service().fetchData(3)).resolves.toEqual({ id: 3, by: 'svc' });
    const span = tracing.span('fetch-data');
    expect(span.attributes[ATTR.EVENT_TYPE]).toBe('tool');
    expect(span.attributes[`${OUTPUT_RESULT_KEY}.id`]).toBe(3);
  });

  it('supports bare decorators and the typed forms', async () => {
    const service = new Service();
    expect(service.bare(2)).toBe(4);
    expect(service.generate('abc')).toBe(3);
    expect(service.bareTool()).toBe('tool');
    const tokens: string[] = [];
    for await (const token of service.stream(2)) tokens.push(token);
    expect(tokens).toEqual(['t0', 't1']);
    expect(tracing.span('bare').attributes['honeyhive_inputs.value']).toBe(2);
    expect(tracing.span('generate').attributes[ATTR.EVENT_TYPE]).toBe('model');
    expect(tracing.span('bareTool').attributes[ATTR.EVENT_TYPE]).toBe('tool');
    const stream = tracing.span('stream');
    expect(stream.attributes[ATTR.EVENT_TYPE]).toBe('chain');
    expect(stream.attributes[OUTPUT_RESULT_KEY]).toBe('t0t1');
  });

  it('records and rethrows errors', () => {
    expect(() => new Service().broken()).toThrow(TypeError);
    const span = tracing.span('broken');
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes[ATTR.ERROR]).toBe('cannot handle');
    expect(span.attributes[ATTR.ERROR_TYPE]).toBe('TypeError');
  });

  it('traces static methods and leaves accessors alone', () => {
    const service = Service.build();
    expect(service).toBeInstanceOf(Service);
    expect(service.label).toBe('svc');
    expect(tracing.spans().map((span) => span.name)).toEqual(['build']);
  });
});

describe('class decorator (legacy experimentalDecorators)', () => {
  @traceClass({ eventType: 'chain' })
  class Workflow {
    step(input: string) {
      return this._inner(input);
    }

    async finish(result: string) {
      return `done:${result}`;
    }

    _inner(input: string) {
      return input.trim();
    }

    @traced({ eventName: 'own-name' })
    own() {
      return 1;
    }
  }

  it('traces public prototype methods once each', async () => {
    const workflow = new Workflow();
    expect(workflow.step(' a ')).toBe('a');
    await expect(workflow.finish('ok')).resolves.toBe('done:ok');
    expect(workflow.own()).toBe(1);
    expect(tracing.spans().map((span) => span.name).sort()).toEqual(['Workflow.finish', 'Workflow.step', 'own-name']);
    expect(tracing.span('Workflow.step').attributes[ATTR.EVENT_TYPE]).toBe('chain');
    expect(tracing.span('own-name').attributes[ATTR.EVENT_TYPE]).toBeUndefined();
    expect(isTraced(Workflow.prototype._inner)).toBe(false);
  });

  it('works bare', () => {
    @traceClass
    class Bare {
      ping() {
        return 'pong';
      }
    }
    expect(new Bare().ping()).toBe('pong');
    expect(tracing.spans().map((span) => span.name)).toEqual(['Bare.ping']);
  });
});

describe('traceClass covers inherited and static methods (legacy experimentalDecorators)', () => {
  class Base {
    greet(name: string) {
      return `hello ${name}`;
    }
  }

  @traceClass
  class Child extends Base {
    static build() {
      return new Child();
    }
  }

  it('names spans Class.method', () => {
    expect(Child.build().greet('x')).toBe('hello x');
    expect(tracing.spans().map((span) => span.name).sort()).toEqual(['Child.build', 'Child.greet']);
  });
});
