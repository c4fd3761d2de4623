import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import type { TestContext } from 'node:test';
import { ROOT } from './support.js';

export type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

export interface TestServer {
  url: string;
  port: number;
  /** Requests received so far. */
  hits: number;
  close(): Promise<void>;
}

/** A real HTTP server on a free port; stopped after the test. */
export async function httpServer(t: TestContext, handler: Handler, port = 0): Promise<TestServer> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      state.hits += 1;
      handler(request, Buffer.concat(chunks).toString('utf8'), response);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.address() as AddressInfo).port;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  const state: TestServer = { url: `http://127.0.0.1:${actual}/mark`, port: actual, hits: 0, close };
  t.after(() => (server.listening ? close() : undefined));
  return state;
}

/** Marks the essay in the body like the examples: the first sentence. */
export function markBody(body: string, comment = 'test server'): string {
  const essay = JSON.parse(body) as { text: string; selections: object[] };
  const end = essay.text.indexOf('.') + 1;
  essay.selections.push({
    id: 1,
    startSelection: 0,
    endSelection: end,
    type: 'проблема',
    group: 'meaning',
    comment,
  });
  return JSON.stringify(essay);
}

export const marking: Handler = (_request, body, response) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(markBody(body));
};

/** examples/python/http_server.py on a free port; killed after the test. */
export async function pythonServer(
  t: TestContext,
  env: Record<string, string> = {},
): Promise<{ url: string }> {
  const child = spawn('python3', ['examples/python/http_server.py', '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  t.after(() => {
    child.kill('SIGKILL');
  });
  for await (const line of createInterface({ input: child.stdout })) {
    const found = /^listening on (http:\/\/\S+)$/.exec(line);
    if (found) return { url: `${found[1]}/mark` };
  }
  throw new Error('examples/python/http_server.py ended before it listened');
}

/** A chat-completions response whose message content is `content`. */
export function completion(content: string): string {
  return JSON.stringify({
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'test-model',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  });
}

/** A real server speaking the chat-completions wire format; `url` is its `/v1` base, `bodies` the requests. */
export async function llmServer(t: TestContext, answer: (body: Record<string, unknown>) => [number, string]) {
  const bodies: Record<string, unknown>[] = [];
  const server = await httpServer(t, (_request, body, response) => {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    bodies.push(parsed);
    const [status, text] = answer(parsed);
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(text);
  });
  return { url: server.url.replace('/mark', '/v1'), bodies };
}
