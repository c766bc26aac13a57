import { ATTR, OUTPUT_RESULT_KEY } from '@honeyhive/utils';
import { SpanStatusCode, trace as otelTrace } from '@opentelemetry/api';
import knexFactory from 'knex';
import type { Knex } from 'knex';
import { trace, traceModel } from '../src';
import { collectUntil } from './support/gc';
import { setupTracing } from './support/tracing';
import type { TestTracing } from './support/tracing';

// A traced function hands back what the function returned: the same object, as lazy as it was.
// Query builders come from the real knex (client 'pg', no database: building needs none; running one
// rejects with "Unable to acquire a connection", after knex's runner was called — which is what counts).

let tracing: TestTracing;
let knex: Knex;
let runs: number;
let activeAtRun: (string | undefined)[];

beforeAll(() => {
  tracing = setupTracing();
  knex = knexFactory({ client: 'pg' });
  const client = knex.client as { runner: (...args: unknown[]) => unknown };
  const runner = client.runner;
  client.runner = function countingRunner(this: unknown, ...args: unknown[]) {
    runs += 1;
    activeAtRun.push(otelTrace.getActiveSpan()?.spanContext().spanId);
    return Reflect.apply(runner, this, args);
  };
});
beforeEach(() => {
  runs = 0;
  activeAtRun = [];
});
afterEach(() => tracing.reset());
afterAll(async () => {
  await knex.destroy();
  await tracing.shutdown();
});

const NO_CONNECTION = /Unable to acquire a connection/;

describe('lazy thenables (a real knex query builder)', () => {
  function tracedQuery() {
    return trace(function findUser(id: number) {
      return knex('users').where('id', id);
    }, { tracer: tracing.tracer });
  }

  it('returns the very builder: methods, class and SQL intact, nothing run before it is awaited', () => {
    let built: unknown;
    const findUser = trace(function findUser(id: number) {
      built = knex('users').where('id', id);
      return built as Knex.QueryBuilder;
    }, { tracer: tracing.tracer });
    const query = findUser(1);
    expect(query).toBe(built);
    expect(typeof query.where).toBe('function');
    expect(query.andWhere('active', true).toString()).toBe('select * from "users" where "id" = 1 and "active" = true');
    expect(runs).toBe(0);
    expect(tracing.spans()).toHaveLength(0);
  });

  it('runs the query once, when awaited, with the span active, and ends the span with its outcome', async () => {
    await expect(tracedQuery()(7)).rejects.toThrow(NO_CONNECTION);
    expect(runs).toBe(1);
    const span = tracing.span('findUser');
    expect(activeAtRun).toEqual([span.spanContext().spanId]);
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(String(span.attributes[ATTR.ERROR])).toMatch(NO_CONNECTION);
    expect(span.attributes['honeyhive_inputs.id']).toBe(7);
  });

  it('follows the builder through chained methods (they return the same object)', async () => {
    const query = tracedQuery()(2).andWhere('active', true).limit(1);
    expect(runs).toBe(0);
    await expect(query).rejects.toThrow(NO_CONNECTION);
    expect(runs).toBe(1);
    expect(tracing.spans().map((span) => span.name)).toEqual(['findUser']);
  });

  it('ends the span through catch() and finally(), each running the query once', async () => {
    const seen: unknown[] = [];
    await tracedQuery()(3).catch((error: unknown) => seen.push(error));
    expect(seen).toHaveLength(1);
    expect(runs).toBe(1);
    let finallyCalls = 0;
    await expect(tracedQuery()(4).finally(() => (finallyCalls += 1))).rejects.toThrow(NO_CONNECTION);
    expect(finallyCalls).toBe(1);
    expect(runs).toBe(2);
    expect(tracing.spans().map((span) => span.status.code)).toEqual([SpanStatusCode.ERROR, SpanStatusCode.ERROR]);
  });

  it('puts the builder back as it was once awaited (no own then left behind)', async () => {
    const query = tracedQuery()(5);
    await query.then(undefined, () => undefined);
    expect(Object.getOwnPropertyNames(query)).not.toContain('then');
    expect(Object.getOwnPropertyNames(query)).not.toContain('catch');
    await expect(query).rejects.toThrow(NO_CONNECTION);
    expect(runs).toBe(2);
    expect(tracing.spans()).toHaveLength(1);
  });

  it('ends the span of a builder that is never awaited as abandoned once it is collected, without running it', async () => {
    (() => {
      trace((id: number) => knex('users').where('id', id), { tracer: tracing.tracer, eventName: 'neverAwaited' })(6).toString();
    })();
    await collectUntil(() => tracing.spans().some((span) => span.name === 'neverAwaited'));
    const span = tracing.span('neverAwaited');
    expect(span.attributes[ATTR.ABANDONED]).toBe(true);
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(runs).toBe(0);
  });
});

/** The shape of an SDK promise (Stainless clients): a Promise subclass whose then() parses on demand. */
class LazyApiPromise<T> extends Promise<T> {
  parses = 0;
  private parsed: Promise<T> | undefined;

  constructor(private readonly load: () => Promise<T>) {
    super((resolve) => resolve(null as T));
  }

  static override get [Symbol.species]() {
    return Promise;
  }

  private parse(): Promise<T> {
    if (this.parsed === undefined) {
      this.parses += 1;
      this.parsed = this.load();
    }
    return this.parsed;
  }

  async withResponse(): Promise<{ data: T; status: number }> {
    return { data: await this.parse(), status: 200 };
  }

  override then<A = T, B = never>(onFulfilled?: ((value: T) => A | PromiseLike<A>) | null, onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    return this.parse().then(onFulfilled, onRejected);
  }

  override catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.parse().catch(onRejected);
  }
}

describe('SDK-style promises', () => {
  it('keeps the subclass, its extra methods and its laziness through traceModel', async () => {
    const made: LazyApiPromise<string>[] = [];
    const create = traceModel(function create(prompt: string) {
      const promise = new LazyApiPromise(async () => `answer to ${prompt}`);
      made.push(promise);
      return promise;
    }, { tracer: tracing.tracer });
    const result = create('q');
    expect(result).toBe(made[0]);
    expect(result).toBeInstanceOf(LazyApiPromise);
    expect(result.parses).toBe(0);
    await expect(result.withResponse()).resolves.toEqual({ data: 'answer to q', status: 200 });
    expect(result.parses).toBe(1);
    const span = tracing.span('create');
    expect(span.attributes[`${OUTPUT_RESULT_KEY}.data`]).toBe('answer to q');
    await expect(result).resolves.toBe('answer to q');
    expect(tracing.spans()).toHaveLength(1);
  });

  it('ends the span with the parsed value when awaited', async () => {
    const create = traceModel(() => new LazyApiPromise(async () => ({ id: 'r1' })), { tracer: tracing.tracer, eventName: 'awaited' });
    await expect(create()).resolves.toEqual({ id: 'r1' });
    expect(tracing.span('awaited').attributes[`${OUTPUT_RESULT_KEY}.id`]).toBe('r1');
  });
});

describe('native promises', () => {
  it('returns the very promise, with its own properties (an abort handle), and ends the span when it settles', async () => {
    const abort = jest.fn();
    let resolve!: (value: number) => void;
    const promise = Object.assign(new Promise<number>((r) => (resolve = r)), { abort });
    const start = trace(function start() {
      return promise;
    }, { tracer: tracing.tracer });
    const returned = start();
    expect(returned).toBe(promise);
    returned.abort();
    expect(abort).toHaveBeenCalledTimes(1);
    resolve(42);
    await expect(returned).resolves.toBe(42);
    expect(tracing.span('start').attributes[OUTPUT_RESULT_KEY]).toBe(42);
    expect(Object.getOwnPropertyNames(returned)).toEqual(['abort']);
  });

  it('returns the same promise from an async function, rejecting with the same error', async () => {
    const error = new Error('nope');
    let made: Promise<never> | undefined;
    const inner = async () => {
      throw error;
    };
    const traced = trace(function failing() {
      made = inner();
      return made;
    }, { tracer: tracing.tracer });
    const returned = traced();
    expect(returned).toBe(made);
    await expect(returned).rejects.toBe(error);
    expect(tracing.span('failing').status.code).toBe(SpanStatusCode.ERROR);
  });
});
