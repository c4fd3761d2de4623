import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { FileOutgoingStore, JournalOutgoingStore, MemoryOutgoingStore } from '../../src/session/index.js';
import { outgoingStoreContract } from './support/outgoing-store-contract.js';

const dirs: string[] = [];
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

outgoingStoreContract('MemoryOutgoingStore', async () => ({ store: new MemoryOutgoingStore() }));

outgoingStoreContract('FileOutgoingStore', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'readable-outgoing-'));
  dirs.push(dir);
  const path = join(dir, 'outgoing');
  return { store: new FileOutgoingStore(path), reopen: () => new FileOutgoingStore(path) };
});

outgoingStoreContract('JournalOutgoingStore', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'readable-outgoing-'));
  dirs.push(dir);
  const path = join(dir, 'outgoing.jsonl');
  return { store: new JournalOutgoingStore(path), reopen: () => new JournalOutgoingStore(path) };
});
