// Which files the view may read: only real files under the directories it was started for.
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { ViewError } from './errors.js';

/** File names the view never reads, wherever they are: settings that may hold a token. */
const SECRET_NAME = /^\.env|^\.npmrc$|^\.netrc$|\.pem$|\.key$/i;

export interface Root {
  /** As given on the command line (or `.`), for display. */
  label: string;
  /** Real path (symlinks resolved). */
  real: string;
}

export class Roots {
  private constructor(readonly list: readonly Root[]) {}

  static async open(dirs: readonly string[], cwd = process.cwd()): Promise<Roots> {
    const list: Root[] = [];
    for (const dir of dirs.length > 0 ? dirs : ['.']) {
      const abs = resolve(cwd, dir);
      let real: string;
      try {
        real = await realpath(abs);
      } catch {
        throw new ViewError(`cannot serve ${dir}: no such directory`, 404);
      }
      if (!(await stat(real)).isDirectory()) throw new ViewError(`cannot serve ${dir}: not a directory`, 400);
      if (!list.some((r) => r.real === real)) list.push({ label: dir, real });
    }
    return new Roots(list);
  }

  /**
  Resolves a path from a URL (relative to the first root, or absolute) to a real path inside a root.
  Throws a 404 `ViewError` for anything outside — `..`, an absolute path elsewhere, a symlink that leads
  out — or for a secret-looking name, without saying which.
  */
  async resolve(path: string): Promise<string> {
    if (path.length === 0 || path.includes('\0')) throw notFound(path);
    const candidates = isAbsolute(path) ? [path] : this.list.map((r) => resolve(r.real, path));
    for (const candidate of candidates) {
      if (!this.contains(candidate)) continue;
      let real: string;
      try {
        real = await realpath(candidate);
      } catch {
        continue;
      }
      if (this.contains(real) && !real.split(sep).some((part) => SECRET_NAME.test(part))) return real;
    }
    throw notFound(path);
  }

  /** True when `abs` is a root or below one (a plain path test: `resolve` also checks the real path). */
  contains(abs: string): boolean {
    return this.list.some((r) => {
      const rel = relative(r.real, abs);
      return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
    });
  }

  /** The shortest way to name a real path in a URL: relative to the first root that holds it. */
  display(real: string): string {
    const rel = relative(this.list[0]!.real, real);
    if (rel === '') return '.';
    return !rel.startsWith('..') && !isAbsolute(rel) ? rel : real;
  }
}

const notFound = (path: string): ViewError => new ViewError(`not found: ${path}`, 404);
