// Standard (TC39) decorators: the preset compiles this file with swc decoratorVersion 2022-03.
import { SpanStatusCode } from '@opentelemetry/api';
import { ATTR, OUTPUT_RESULT_KEY } from '@honeyhive/utils';
import { isTraced, traceChain, traceClass, traceMethod, traceModel, traceTool, traced } from '../src';
import { setupTracing } from './support/tracing';
import type { TestTracing } from './support/tracing';

let tracing: TestTracing;

beforeAll(() => {
  tracing = setupTracing();
});
afterEach(() => tracing.reset());
afterAll(() => tracing.shutdown());

describe('method decorators (standard mode)', () => {
  it('is compiled in standard mode: a method decorator gets (value, context)', () => {
    const kinds: string[] = [];
    const probe = (_value: unknown, context: ClassMethodDecoratorContext) => {
      kinds.push(context.kind);
    };
    class Probe {
      @probe
      method() {}
    }
    expect(new Probe()).toBeInstanceOf(Probe);
    expect(kinds).toEqual(['method']);
  });

  class Agent {
    readonly prefix = 'agent';

    @traced()
    run(task: string, retries = 1) {
      return `${this.prefix}:${task}:${retries}`;
    }

    @traced({ eventType: 'tool', eventName: 'search-tool', metadata: { index: 'docs' } })
    async search(query: string) {
      await Promise.resolve();
      return [query, this.prefix];
    }

    @traced
    bare(value: number) {
      return value + 1;
    }

    @traceMethod()
    failing() {
      throw new SyntaxError('bad plan');
    }

    @traceModel()
    complete(prompt: string) {
      return { text: prompt.toUpperCase() };
    }

    @traceTool
    lookup(id: number) {
      return id;
    }

    @traceChain({ config: { depth: 2 } })
    *steps(count: number) {
      for (let i = 0; i < count; i += 1) yield i;
    }

    @traced()
    static create() {
      return new Agent();
    }
  }

  it('traces a method with this bound, name and length kept, inputs named', () => {
    const agent = new Agent();
    expect(agent.run('plan', 3)).toBe('agent:plan:3');
    expect(agent.run.name).toBe('run');
    expect(agent.run.length).toBe(1);
    expect(isTraced(Agent.prototype.run)).toBe(true);
    const span = tracing.span('run');
    expect(span.attributes[ATTR.EVENT_NAME]).toBe('run');
    expect(span.attributes['honeyhive_inputs.task']).toBe('plan');
    expect(span.attributes['honeyhive_inputs.retries']).toBe(3);
    expect(span.attributes[OUTPUT_RESULT_KEY]).toBe('agent:plan:3');
  });

  it('applies decorator options to async methods', async () => {
    await expect(new Agent().search('q')).resolves.toEqual(['q', 'agent']);
    const span = tracing.span('search-tool');
    expect(span.attributes[ATTR.EVENT_TYPE]).toBe('tool');
    expect(span.attributes['honeyhive_metadata.index']).toBe('docs');
    expect(span.attributes[`${OUTPUT_RESULT_KEY}.1`]).toBe('agent');
  });

  it('supports bare @traced and @traceTool', () => {
    const agent = new Agent();
    expect(agent.bare(1)).toBe(2);
    expect(agent.lookup(7)).toBe(7);
    expect(tracing.span('bare').attributes['honeyhive_inputs.value']).toBe(1);
    expect(tracing.span('lookup').attributes[ATTR.EVENT_TYPE]).toBe('tool');
  });

  it('records errors thrown by a method and rethrows them unchanged', () => {
    const agent = new Agent();
    let caught: unknown;
    try {
      agent.failing();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SyntaxError);
    const span = tracing.span('failing');
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes[ATTR.ERROR_TYPE]).toBe('SyntaxError');
  });

  it('fixes the event type in @traceModel and @traceChain, generators included', () => {
    const agent = new Agent();
    expect(agent.complete('hi')).toEqual({ text: 'HI' });
    expect([...agent.steps(2)]).toEqual([0, 1]);
    expect(tracing.span('complete').attributes[ATTR.EVENT_TYPE]).toBe('model');
    const steps = tracing.span('steps');
    expect(steps.attributes[ATTR.EVENT_TYPE]).toBe('chain');
    expect(steps.attributes['honeyhive_config.depth']).toBe(2);
  });

  it('traces static methods', () => {
    expect(Agent.create()).toBeInstanceOf(Agent);
    expect(tracing.spans().map((span) => span.name)).toEqual(['create']);
  });

  it('leaves non-method elements alone', () => {
    const decorator = traced();
    const getter = () => 1;
    const result = (decorator as unknown as (v: unknown, c: unknown) => unknown)(getter, { kind: 'getter', name: 'x' });
    expect(result).toBeUndefined();
  });
});

describe('class decorator (standard mode)', () => {
  @traceClass({ eventType: 'chain', metadata: { component: 'pipeline' } })
  class Pipeline {
    #secret = 'hidden';
    calls = 0;

    fetch(source: string) {
      this.calls += 1;
      return `${source}:${this.#read()}`;
    }

    async transform(data: string) {
      return this._helper(data);
    }

    _helper(data: string) {
      return data.toUpperCase();
    }

    #read() {
      return this.#secret;
    }

    get size() {
      return this.calls;
    }

    @traced({ eventName: 'custom-load', eventType: 'tool' })
    load() {
      return 'loaded';
    }
  }

  it('traces public prototype methods, named Class.method, with the class options', async () => {
    const pipeline = new Pipeline();
    expect(pipeline.fetch('db')).toBe('db:hidden');
    await expect(pipeline.transform('x')).resolves.toBe('X');
    expect(pipeline.size).toBe(1);
    const names = tracing.spans().map((span) => span.name).sort();
    expect(names).toEqual(['Pipeline.fetch', 'Pipeline.transform']);
    const fetchSpan = tracing.span('Pipeline.fetch');
    expect(fetchSpan.attributes[ATTR.EVENT_TYPE]).toBe('chain');
    expect(fetchSpan.attributes['honeyhive_metadata.component']).toBe('pipeline');
    expect(fetchSpan.attributes['honeyhive_inputs.source']).toBe('db');
  });

  it('skips _-prefixed methods and accessors and keeps the constructor', () => {
    expect(isTraced(Pipeline.prototype._helper)).toBe(false);
    const sizeDescriptor = Object.getOwnPropertyDescriptor(Pipeline.prototype, 'size');
    expect(typeof sizeDescriptor?.get).toBe('function');
    expect(isTraced(Pipeline.prototype.constructor)).toBe(false);
    expect(new Pipeline()).toBeInstanceOf(Pipeline);
  });

  it('does not trace a method twice and keeps its own decorator options', () => {
    expect(new Pipeline().load()).toBe('loaded');
    expect(tracing.spans()).toHaveLength(1);
    const span = tracing.span('custom-load');
    expect(span.attributes[ATTR.EVENT_TYPE]).toBe('tool');
    expect(span.attributes['honeyhive_metadata.component']).toBeUndefined();
  });

  it('works bare and as a direct call', () => {
    @traceClass
    class Bare {
      ping() {
        return 'pong';
      }
    }
    class Direct {
      ping() {
        return 'pong';
      }
    }
    traceClass(Direct);
    expect(new Bare().ping()).toBe('pong');
    expect(new Direct().ping()).toBe('pong');
    expect(tracing.spans().map((span) => span.name)).toEqual(['Bare.ping', 'Direct.ping']);
  });
});

describe('traceClass covers what the Python SDK trace_class covers', () => {
  class Base {
    greet(name: string) {
      return `hello ${name}`;
    }

    static make() {
      return 'made';
    }
  }

  @traceClass
  class Child extends Base {
    own() {
      return this.greet('child');
    }

    static build() {
      return Child.make();
    }

    static Inner = class {};
  }

  it('names spans Class.method and traces inherited and static methods, leaving the parent class as it was', () => {
    const child = new Child();
    expect(child.own()).toBe('hello child');
    expect(Child.build()).toBe('made');
    expect(tracing.spans().map((span) => span.name).sort()).toEqual(['Child.build', 'Child.greet', 'Child.make', 'Child.own']);
    expect(tracing.span('Child.greet').attributes['honeyhive_inputs.name']).toBe('child');
    tracing.reset();
    expect(new Base().greet('base')).toBe('hello base');
    expect(Base.make()).toBe('made');
    expect(tracing.spans()).toHaveLength(0);
    expect(isTraced(Child.Inner)).toBe(false);
    expect(new Child.Inner()).toBeInstanceOf(Child.Inner);
  });

  it('keeps `this` for inherited static methods', () => {
    class Counter {
      static created = 0;
      static create() {
        this.created += 1;
        return this.created;
      }
    }
    @traceClass
    class Sub extends Counter {}
    expect(Sub.create()).toBe(1);
    expect(Object.prototype.hasOwnProperty.call(Sub, 'created')).toBe(true);
    expect(Counter.created).toBe(0);
    expect(tracing.spans().map((span) => span.name)).toEqual(['Sub.create']);
  });

  it('stops at built-in classes and narrows with statics: false / inherited: false', () => {
    @traceClass
    class Failure extends Error {
      describe() {
        return this.message;
      }
    }
    expect(new Failure('x').describe()).toBe('x');
    expect(isTraced(Object.getOwnPropertyDescriptor(Failure.prototype, 'toString')?.value)).toBe(false);
    @traceClass({ statics: false, inherited: false })
    class Narrow extends Base {
      mine() {
        return 1;
      }

      static alsoMine() {
        return 2;
      }
    }
    expect(new Narrow().mine()).toBe(1);
    expect(new Narrow().greet('n')).toBe('hello n');
    expect(Narrow.alsoMine()).toBe(2);
    expect(tracing.spans().map((span) => span.name).sort()).toEqual(['Failure.describe', 'Narrow.mine']);
  });
});
