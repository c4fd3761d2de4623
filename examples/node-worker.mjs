#!/usr/bin/env node
// An example worker in Node for `--markup-worker "node examples/node-worker.mjs"`: the same line
// protocol as examples/python/readable_worker.py (docs/markup-worker.md), without any library.
// Load your model before printing the ready line; answer each request by its id, in any order.
import { createInterface } from 'node:readline';

/** Marks the first sentence as a meaning block. JavaScript strings count UTF-16 units, as the platform does. */
function mark(essay) {
  const match = /[.!?…](\s|$)/.exec(essay.text);
  const end = (match ? essay.text.slice(0, match.index + 1) : essay.text).trimEnd().length;
  const id = Math.max(0, ...essay.selections.map((s) => s.id)) + 1;
  if (end > 0) {
    essay.selections.push({
      id,
      startSelection: 0,
      endSelection: end,
      type: 'проблема',
      group: 'meaning',
      subtype: '',
      tag: '',
      comment: 'node-worker.mjs',
      explanation: '',
      correction: '',
    });
  }
  return essay;
}

const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
send({ ready: true, name: 'node-worker.mjs', version: '1' });

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on('line', (line) => {
  if (line.trim() === '') return;
  let request;
  try {
    request = JSON.parse(line);
  } catch (error) {
    return process.stderr.write(`node-worker: a request that is not JSON: ${error.message}\n`);
  }
  if (request.cancel !== undefined) return; // nothing to stop: marking here is instant
  try {
    send({ id: request.id, essay: mark(request.essay) });
  } catch (error) {
    send({ id: request.id, error: String(error?.stack ?? error) });
  }
});
// stdin closed: the client is done (or gone); the readline interface ends and so does the process.
