import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake server received. */
export interface FakeOpenAIRequest {
  method: string;
  path: string;
  /** Lower-cased header names. */
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body (undefined when it was not JSON). */
  body: unknown;
}

/** A running fake OpenAI-compatible server on loopback. */
export interface FakeOpenAIServer {
  /** The `baseURL` for the `openai` client, e.g. `http://127.0.0.1:PORT/v1`. */
  readonly baseURL: string;
  /** Requests received so far, in order. */
  requests(): FakeOpenAIRequest[];
  /** Closes the server and every open connection. Idempotent. */
  close(): Promise<void>;
}

interface ChatMessage {
  role?: string;
  content?: unknown;
}

interface ChatTool {
  type?: string;
  function?: { name?: string };
}

interface ChatRequest {
  model?: unknown;
  messages?: ChatMessage[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  tools?: ChatTool[];
}

interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** What the server answers for one chat request; streamed or not, the content is the same. */
interface Reply {
  id: string;
  created: number;
  model: string;
  content: string | null;
  toolCall: ToolCall | undefined;
  finishReason: 'stop' | 'tool_calls';
  usage: Usage;
}

/** Words in a text: the fake "token" count, so usage follows from the request and the reply. */
function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => word !== '').length;
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((part) => (typeof part?.text === 'string' ? part.text : '')).join(' ');
  }
  return '';
}

function buildReply(request: ChatRequest, sequence: number): Reply {
  const messages = Array.isArray(request.messages) ? request.messages : [];
  const lastUser = [...messages].reverse().find((message) => message?.role === 'user');
  const question = textOf(lastUser?.content);
  const promptTokens = messages.reduce((sum, message) => sum + countWords(textOf(message?.content)), 0);
  const tool = Array.isArray(request.tools) ? request.tools.find((t) => typeof t?.function?.name === 'string') : undefined;
  const toolCall: ToolCall | undefined =
    tool === undefined
      ? undefined
      : {
          id: `call_${sequence}`,
          type: 'function',
          function: { name: tool.function?.name as string, arguments: JSON.stringify({ query: question }) },
        };
  const content = toolCall === undefined ? `You asked: ${question}` : null;
  const completionTokens = toolCall === undefined ? countWords(content ?? '') : countWords(toolCall.function.arguments);
  return {
    id: `chatcmpl-fake-${sequence}`,
    created: Math.floor(Date.now() / 1000),
    model: typeof request.model === 'string' ? request.model : 'unknown-model',
    content,
    toolCall,
    finishReason: toolCall === undefined ? 'stop' : 'tool_calls',
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  };
}

function completionBody(reply: Reply): unknown {
  return {
    id: reply.id,
    object: 'chat.completion',
    created: reply.created,
    model: reply.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: reply.content,
          refusal: null,
          ...(reply.toolCall !== undefined ? { tool_calls: [reply.toolCall] } : {}),
        },
        logprobs: null,
        finish_reason: reply.finishReason,
      },
    ],
    usage: reply.usage,
  };
}

/** The SSE chunks of a streamed reply: a role chunk, the content word by word (or the tool call), a finish chunk, then usage. */
function streamChunks(reply: Reply, includeUsage: boolean): unknown[] {
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => ({
    id: reply.id,
    object: 'chat.completion.chunk',
    created: reply.created,
    model: reply.model,
    choices,
    ...extra,
  });
  const delta = (value: Record<string, unknown>, finishReason: string | null = null) => ({
    index: 0,
    delta: value,
    logprobs: null,
    finish_reason: finishReason,
  });
  const chunks: unknown[] = [chunk([delta({ role: 'assistant', content: '' })])];
  if (reply.toolCall !== undefined) {
    const { id, type, function: fn } = reply.toolCall;
    chunks.push(chunk([delta({ tool_calls: [{ index: 0, id, type, function: { name: fn.name, arguments: '' } }] })]));
    const half = Math.ceil(fn.arguments.length / 2);
    for (const piece of [fn.arguments.slice(0, half), fn.arguments.slice(half)]) {
      chunks.push(chunk([delta({ tool_calls: [{ index: 0, function: { arguments: piece } }] })]));
    }
  } else {
    const words = (reply.content ?? '').split(' ');
    words.forEach((word, index) => chunks.push(chunk([delta({ content: index === 0 ? word : ` ${word}` })])));
  }
  chunks.push(chunk([delta({}, reply.finishReason)]));
  if (includeUsage) chunks.push(chunk([], { usage: reply.usage }));
  return chunks;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: { message, type: 'invalid_request_error', param: null, code: null } });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Starts an OpenAI-compatible server on 127.0.0.1 (OS-chosen port) that answers
 * `POST /v1/chat/completions` the way the real API does, for the official `openai` client:
 * - a chat completion echoing the requested `model`, with `usage` (prompt/completion/total tokens);
 * - with `stream: true`, SSE chunks (`data: {...}\n\n`) ending with `data: [DONE]`, plus a final usage
 *   chunk when `stream_options.include_usage` is set;
 * - with `tools`, a call of the first tool (`tool_calls`, JSON arguments `{"query": <last user message>}`).
 * Token counts are word counts of the messages and the reply, so they follow from the request.
 * Other routes answer 404 in OpenAI's error format.
 */
export async function startFakeOpenAIServer(): Promise<FakeOpenAIServer> {
  const received: FakeOpenAIRequest[] = [];
  let sequence = 0;
  const server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const body = parseJson(await readBody(req));
      received.push({ method: req.method ?? 'GET', path, headers: { ...req.headers }, body });
      if (path !== '/v1/chat/completions') return sendError(res, 404, `Unknown route ${req.method} ${path}`);
      if (req.method !== 'POST') return sendError(res, 405, 'Use POST');
      if (body === null || typeof body !== 'object' || Array.isArray(body)) return sendError(res, 400, 'Body must be a JSON object');
      const request = body as ChatRequest;
      if (!Array.isArray(request.messages) || request.messages.length === 0) {
        return sendError(res, 400, "'messages' must be a non-empty array");
      }
      sequence += 1;
      const reply = buildReply(request, sequence);
      if (request.stream !== true) return sendJson(res, 200, completionBody(reply));
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      for (const chunk of streamChunks(reply, request.stream_options?.include_usage === true)) {
        res.write(`data: ${JSON.stringify(chunk)}\n\n`);
      }
      res.end('data: [DONE]\n\n');
    })().catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, String(error));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // The server never closes an idle keep-alive socket itself: on a busy machine the client could reuse one just as
    // the server's 5 s timer closed it (ECONNRESET, "Connection error." with maxRetries: 0). Idle sockets are the
    // client's to close; close() ends them all.
    server.keepAliveTimeout = 0;
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests: () => received.slice(),
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
