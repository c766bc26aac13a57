import { lookup, respond, type ChatMessage, type ChatParams, type LlmPayload } from '../workload';
import type { Contender, LlmCall, TracerHandle } from './types';

/** No tracing at all: the floor every other column is compared with. */
export class BareContender implements Contender {
  readonly name = 'bare' as const;

  describe(): string {
    return 'the undecorated function';
  }

  load(): void {}

  async create(): Promise<TracerHandle> {
    return {
      setupNs: 0,
      llmCall(payload: LlmPayload): LlmCall {
        return function chatCompletion(messages: ChatMessage[], params: ChatParams) {
          return respond(payload, messages, params);
        };
      },
      wrap: (fn) => fn,
      smallCall: () => lookup,
      flush: async () => {},
      drain: () => undefined,
      counts: () => ({ exported: 0 }),
      shutdown: async () => {},
    };
  }
}
