import { after, before } from 'node:test';
import { createHttpMarkup } from '../../src/markup/index.js';
import { markupContract } from './contract.js';
import { httpServer, marking, pythonServer } from './http-support.js';

// One server per file for the whole suite: the contract builds a markup per test.
let node = '';
let python = '';
const cleanups: (() => void | Promise<void>)[] = [];
const suite = {
  after: (fn: () => void | Promise<void>) => cleanups.push(fn),
} as unknown as Parameters<typeof httpServer>[0];
before(async () => {
  node = (await httpServer(suite, marking)).url;
  python = (await pythonServer(suite)).url;
});
after(async () => {
  for (const cleanup of cleanups) await cleanup();
});

markupContract('http: a Node server', () => ({ markup: createHttpMarkup({ urls: [node] }) }));
markupContract('http: examples/python/http_server.py', () => ({
  markup: createHttpMarkup({ urls: [python] }),
}));
