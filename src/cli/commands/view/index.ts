import type { Command } from 'commander';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'dotenv';
import { EXIT, ExitError } from '../../exit-error.js';
import { port } from '../../number-options.js';
import { isToolkitError } from '../../../errors.js';

interface ViewOptions {
  port?: number;
  host?: string;
  open?: boolean;
  demo?: boolean;
}

/** The demo dataset shipped with the package: always viewable, so a demo session's essays can be compared. */
const SHIPPED_DATA = fileURLToPath(new URL('../../../../data', import.meta.url));

/** The token, wherever it is configured: masked out of every page should any file carry it. */
function secrets(): string[] {
  const out = [process.env.TOKEN ?? ''];
  try {
    if (existsSync('.env')) out.push(parse(readFileSync('.env')).TOKEN ?? '');
  } catch {
    // An unreadable .env holds nothing the view could leak.
  }
  return out.filter((s) => s.length > 0);
}

export function registerView(program: Command): void {
  program
    .command('view')
    .description(
      'Web view of essays, markups against the experts, sessions, eval runs and datasets (loopback only)',
    )
    .argument('[dirs...]', 'folders to serve (default: the current directory)')
    .option('--port <port>', 'port to listen on (default: a free one)', port)
    .option('--host <host>', 'address to bind (default 127.0.0.1; anything else exposes your files)')
    .option('--open', 'open the page in the default browser')
    .option('--no-demo', 'do not serve the demo dataset shipped with the toolkit')
    .action(async (dirs: string[], options: ViewOptions) => {
      const listen = options.port ?? 0;
      const { startViewServer, Roots } = await import('../../../view/index.js');
      let server;
      try {
        const roots = await Roots.open([
          ...(dirs.length ? dirs : ['.']),
          ...(options.demo !== false && existsSync(SHIPPED_DATA) ? [SHIPPED_DATA] : []),
        ]);
        server = await startViewServer({
          roots,
          port: listen,
          secrets: secrets(),
          ...(options.host ? { host: options.host } : {}),
        });
      } catch (error) {
        if (isToolkitError(error) || (error as NodeJS.ErrnoException).code === 'EADDRINUSE')
          throw new ExitError(EXIT.failure, `error: ${(error as Error).message}`);
        throw error;
      }
      process.stdout.write(`readable view: ${server.url} (Ctrl+C to stop)\n`);
      if (options.open) openBrowser(server.url);
      await new Promise<void>((resolve) => {
        const stop = (): void => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
    });
}

function openBrowser(url: string): void {
  const command =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(command, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write(`could not start ${command}: open ${url} yourself\n`));
  child.unref();
}
