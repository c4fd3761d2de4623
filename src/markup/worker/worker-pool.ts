import { MarkupError } from '../errors.js';
import type { MarkupLogger } from '../types.js';
import { WorkerProcess, type WorkerAnswer, type WorkerProcessOptions } from './worker-process.js';

export interface PoolOptions extends Omit<WorkerProcessOptions, 'slot'> {
  workers: number;
  inflight: number;
  startTimeoutMs: number;
  /** Attempts per request when workers crash under it. @default 3 */
  maxAttempts: number;
  /** Consecutive failed starts or crashes of one slot before it is given up. @default 5 */
  maxRestarts: number;
  /** First restart delay; doubles per consecutive failure, up to 5 s. @default 200 */
  restartBackoffMs: number;
}

/** One request on its way through the pool. */
interface Job {
  id: number;
  fileId: string;
  line: string;
  attempts: number;
  signal: AbortSignal;
  resolve(answer: WorkerAnswer & { worker: string }): void;
  reject(error: MarkupError): void;
  /** Why the previous attempt failed, for the final message. */
  lastFailure?: string;
  onAbort?: () => void;
}

interface Slot {
  index: number;
  worker?: WorkerProcess;
  inflight: Map<number, Job>;
  /** Ids given up on (aborted, or failed with a protocol error): a late answer is dropped quietly. */
  forgotten: Set<number>;
  failures: number;
  dead: boolean;
  restartTimer?: NodeJS.Timeout;
}

const MAX_BACKOFF_MS = 5000;

/**
N long-lived workers, each with up to K requests in flight, answers matched by id in any order. A
worker that exits is restarted (backoff, bounded) and its requests go to another worker while
their signal allows; a worker that breaks the protocol fails its requests with the reason. See
docs/markup-worker.md.
*/
export class WorkerPool {
  readonly #slots: Slot[];
  readonly #queue: Job[] = [];
  #nextId = 1;
  #closing = false;

  constructor(private readonly options: PoolOptions) {
    this.#slots = Array.from({ length: options.workers }, (_, i) => ({
      index: i + 1,
      inflight: new Map(),
      forgotten: new Set(),
      failures: 0,
      dead: false,
    }));
  }

  private get logger(): MarkupLogger | undefined {
    return this.options.logger;
  }

  private get fields(): object {
    return { markup: this.options.markupName };
  }

  /** Starts every worker and waits until all are ready; the first that fails stops everything. */
  async start(): Promise<void> {
    try {
      await Promise.all(this.#slots.map((slot) => this.#launch(slot)));
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  /** Sends one request; resolves with the worker's answer. */
  request(
    fileId: string,
    deadline: number,
    essay: unknown,
    signal: AbortSignal,
  ): Promise<WorkerAnswer & { worker: string }> {
    return new Promise((resolve, reject) => {
      if (this.#closing) {
        return reject(this.#error(`markup "${this.options.markupName}" is closed`, 'aborted', fileId));
      }
      const id = this.#nextId++;
      const job: Job = {
        id,
        fileId,
        line: JSON.stringify({ id, fileId, deadline, essay }),
        attempts: 0,
        signal,
        resolve,
        reject,
      };
      job.onAbort = () => this.#abandon(job);
      signal.addEventListener('abort', job.onAbort, { once: true });
      this.#queue.push(job);
      this.#dispatch();
    });
  }

  async close(): Promise<void> {
    this.#closing = true;
    for (const job of this.#queue.splice(0)) {
      this.#settle(job);
      job.reject(
        this.#error(
          `markup "${this.options.markupName}" closed before file ${job.fileId} was marked`,
          'aborted',
          job.fileId,
        ),
      );
    }
    await Promise.all(
      this.#slots.map(async (slot) => {
        clearTimeout(slot.restartTimer);
        slot.dead = true;
        for (const job of slot.inflight.values()) {
          this.#settle(job);
          job.reject(
            this.#error(
              `markup "${this.options.markupName}" closed while file ${job.fileId} was being marked`,
              'aborted',
              job.fileId,
            ),
          );
        }
        slot.inflight.clear();
        await slot.worker?.close(this.options.killGraceMs);
      }),
    );
  }

  #launch(slot: Slot): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const worker: WorkerProcess = new WorkerProcess(
        { ...this.options, slot: slot.index },
        {
          ready: (info) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            const what = [info.name, info.version].filter((x) => x !== undefined).join(' ');
            const seconds = ((Date.now() - worker.started) / 1000).toFixed(1);
            this.logger?.info(
              { ...this.fields, worker: slot.index, pid: worker.pid },
              `${worker.label} ready${what === '' ? '' : `: ${what}`} (${seconds} s)`,
            );
            resolve();
            this.#dispatch();
          },
          answer: (answer) => this.#onAnswer(slot, worker, answer),
          violation: (problem) => this.#onViolation(slot, worker, problem),
        },
      );
      slot.worker = worker;
      const startFailed = (why: string): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        const said = worker.lastStderr();
        reject(
          new MarkupError(
            `${worker.label} of "${this.options.command}" ${why}; ${said === undefined ? 'nothing on stderr' : `last stderr: ${said}`}`,
            'config',
            { markup: this.options.markupName, stderr: worker.group.stderr },
          ),
        );
      };
      const timer = setTimeout(() => {
        startFailed(`was not ready after ${this.options.startTimeoutMs / 1000} s (--worker-start-timeout)`);
        void worker.group.stop();
      }, this.options.startTimeoutMs);
      void worker.exited.then((exit) => {
        if (exit.error) startFailed(`could not be started: ${exit.error.message}`);
        else startFailed(`exited before it was ready (${describeExit(exit)})`);
        this.#onExit(slot, worker, describeExit(exit));
      });
    });
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      let best: Slot | undefined;
      for (const slot of this.#slots) {
        if (
          !slot.worker?.isReady ||
          !slot.worker.group.running ||
          slot.inflight.size >= this.options.inflight
        )
          continue;
        if (best === undefined || slot.inflight.size < best.inflight.size) best = slot;
      }
      if (best === undefined) break;
      const job = this.#queue.shift()!;
      job.attempts += 1;
      best.inflight.set(job.id, job);
      best.worker!.send(job.line);
    }
    if (this.#queue.length > 0 && this.#slots.every((slot) => slot.dead)) {
      for (const job of this.#queue.splice(0)) {
        this.#settle(job);
        job.reject(
          this.#error(
            `no worker of "${this.options.command}" is left to mark file ${job.fileId}: every worker failed ${this.options.maxRestarts} times in a row${job.lastFailure ? `; last: ${job.lastFailure}` : ''}`,
            'threw',
            job.fileId,
          ),
        );
      }
    }
  }

  #onAnswer(slot: Slot, worker: WorkerProcess, answer: WorkerAnswer): void {
    const job = slot.inflight.get(answer.id);
    if (job === undefined) {
      if (slot.forgotten.delete(answer.id)) return; // a late answer to a request given up on
      return this.#onViolation(
        slot,
        worker,
        `answered id ${answer.id}, which was not asked of it or was answered already`,
      );
    }
    slot.inflight.delete(answer.id);
    slot.failures = 0;
    this.#settle(job);
    job.resolve({ ...answer, worker: worker.label });
    this.#dispatch();
  }

  /** The worker said something that is not an answer: its requests fail with that reason; it keeps its model. */
  #onViolation(slot: Slot, worker: WorkerProcess, problem: string): void {
    const files = [...slot.inflight.values()];
    this.logger?.warn(
      { ...this.fields, worker: slot.index, pid: worker.pid },
      `${worker.label} broke the protocol: ${problem}`,
    );
    for (const job of files) {
      slot.inflight.delete(job.id);
      slot.forgotten.add(job.id);
      this.#settle(job);
      job.reject(
        this.#error(
          `${worker.label} of "${this.options.command}" broke the protocol while marking file ${job.fileId}: ${problem}`,
          'invalid',
          job.fileId,
        ),
      );
    }
    this.#dispatch();
  }

  #onExit(slot: Slot, worker: WorkerProcess, how: string): void {
    if (slot.worker !== worker) return;
    slot.worker = undefined;
    slot.forgotten.clear();
    if (this.#closing) return;
    const partial =
      worker.partialLineBytes > 0 ? ` after printing a partial line of ${worker.partialLineBytes} bytes` : '';
    const said = worker.lastStderr();
    const failure = `${worker.label} ${how}${partial}; ${said === undefined ? 'nothing on stderr' : `last stderr: ${said}`}`;
    const jobs = [...slot.inflight.values()];
    slot.inflight.clear();
    this.logger?.warn(
      { ...this.fields, worker: slot.index, pid: worker.pid, inflight: jobs.map((j) => j.fileId) },
      `${failure}${jobs.length > 0 ? `; retrying files ${jobs.map((j) => j.fileId).join(', ')} elsewhere while their deadlines allow` : ''}`,
    );
    for (const job of jobs) {
      job.lastFailure = failure;
      if (!job.signal.aborted && job.attempts < this.options.maxAttempts) this.#queue.unshift(job);
      else {
        this.#settle(job);
        job.reject(
          this.#error(
            `${failure}, while marking file ${job.fileId} (attempt ${job.attempts} of ${this.options.maxAttempts})`,
            'threw',
            job.fileId,
          ),
        );
      }
    }
    slot.failures += 1;
    if (slot.failures > this.options.maxRestarts) {
      slot.dead = true;
      this.logger?.warn(
        { ...this.fields, worker: slot.index },
        `worker ${slot.index} failed ${slot.failures} times in a row and is not restarted again`,
      );
    } else {
      const delay = Math.min(this.options.restartBackoffMs * 2 ** (slot.failures - 1), MAX_BACKOFF_MS);
      slot.restartTimer = setTimeout(() => {
        if (this.#closing) return;
        this.#launch(slot).catch((error: unknown) => {
          this.logger?.warn(
            { ...this.fields, worker: slot.index },
            `restart failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        });
      }, delay);
    }
    this.#dispatch();
  }

  /** The answer is no longer wanted: out of the queue, or out of its worker (told with a cancel line). */
  #abandon(job: Job): void {
    const queued = this.#queue.indexOf(job);
    if (queued !== -1) this.#queue.splice(queued, 1);
    for (const slot of this.#slots) {
      if (!slot.inflight.delete(job.id)) continue;
      slot.forgotten.add(job.id);
      slot.worker?.send(JSON.stringify({ cancel: job.id }));
    }
    const reason = job.signal.reason instanceof Error ? `: ${job.signal.reason.message}` : '';
    job.reject(
      this.#error(
        `markup "${this.options.markupName}" aborted for file ${job.fileId}${reason}`,
        'aborted',
        job.fileId,
      ),
    );
    this.#dispatch();
  }

  #settle(job: Job): void {
    if (job.onAbort) job.signal.removeEventListener('abort', job.onAbort);
  }

  #error(message: string, kind: MarkupError['kind'], fileId: string): MarkupError {
    return new MarkupError(message, kind, { markup: this.options.markupName, fileId });
  }
}

function describeExit(exit: { code: number | null; signal: NodeJS.Signals | null }): string {
  return exit.code !== null ? `exited with code ${exit.code}` : `was killed by ${exit.signal ?? 'a signal'}`;
}
