import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The environment without the settings that choose a markup, so a developer's shell cannot leak in. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0', ...extra };
  for (const name of ['MARKUP', 'MARKUP_COMMAND', 'SESSION_IS_ONLY_SAVE_FILES', 'CHECK_DIRECTORY_ANSWER'])
    if (!(name in extra)) delete env[name];
  return env;
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `readable ARGS...` as a child process from the project root, with its exit code. */
export function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/index.ts', ...args],
      { cwd: ROOT, env: cleanEnv(env) },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export interface InProcess {
  stdout: string;
  stderr: string;
  error?: unknown;
}

export interface Streams {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

/** Registers one command on a fresh group with capturing streams and runs it in-process. */
export async function inProcess(
  register: (group: Command, io: Streams) => void,
  args: string[],
): Promise<InProcess> {
  const out = { stdout: '', stderr: '' };
  const group = new Command('group').exitOverride();
  register(group, {
    stdout: { write: (s: string) => (out.stdout += s) },
    stderr: { write: (s: string) => (out.stderr += s) },
  });
  try {
    await group.parseAsync(args, { from: 'user' });
    return out;
  } catch (error) {
    return { ...out, error };
  }
}
