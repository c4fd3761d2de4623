import type { Command } from 'commander';
import { EXIT, ExitError } from '../../exit-error.js';
import { isToolkitError } from '../../../errors.js';
import type { EssayData } from '../../../essay/index.js';

/** Where the command writes; tests pass their own sinks to run it in-process. */
export interface AppointIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

export function registerAppoint(group: Command, io: AppointIo = process): void {
  group
    .command('appoint')
    .description("Decide whether two expert markups of one essay need a third expert (the organisers' rules)")
    .argument('<a>', 'first markup file (essay JSON with meta.subject and criteria K1..Kn)')
    .argument('<b>', 'second markup file of the same essay')
    .option('--json', 'print only JSON on stdout: {a, b, subject, totals, decision, reasons}')
    .addHelpText(
      'after',
      '\nExit codes: 0 decided (whatever the decision), 1 bad input (the message names the file and field), 2 usage error.',
    )
    .action(async (a: string, b: string, options: { json?: boolean }) => {
      await runAppoint(a, b, options.json === true, io);
    });
}

export interface AppointReport {
  a: string;
  b: string;
  subject: string;
  totals: { a: number; b: number; max: number };
  /** true: a third expert is needed. */
  decision: boolean;
  reasons: string[];
}

async function runAppoint(fileA: string, fileB: string, json: boolean, io: AppointIo): Promise<void> {
  const { Essay, formatWarning } = await import('../../../essay/index.js');
  const criteria = await import('../../../scoring/criteria/index.js');
  const files = { a: fileA, b: fileB };
  const fail = (message: string, file?: string, field?: string): never => {
    if (json) io.stdout.write(`${JSON.stringify({ error: { message, file, field } }, null, 2)}\n`);
    io.stderr.write(`error: ${message}\n`);
    throw new ExitError(EXIT.failure);
  };

  const essays: EssayData[] = [];
  for (const file of [fileA, fileB]) {
    try {
      const essay = await Essay.fromFile(file);
      for (const warning of essay.warnings) io.stderr.write(`warning: ${formatWarning(warning)}\n`);
      essays.push(essay.toJSON());
    } catch (error) {
      if (!isToolkitError(error)) throw error;
      fail(error.message, file);
    }
  }
  const [dataA, dataB] = essays as [EssayData, EssayData];

  let result: { decision: boolean; reasons: string[] };
  try {
    result = criteria.appointThirdExpert(dataA, dataB);
  } catch (error) {
    if (!(error instanceof criteria.CriteriaError)) throw error;
    if (error.code === 'different-subjects') {
      const [sa, sb] = [dataA.meta.subject, dataB.meta.subject].map((s) => JSON.stringify(s));
      fail(
        `${fileA} has meta.subject ${sa} but ${fileB} has ${sb}; both markups must be of one essay (one subject)`,
        undefined,
        'meta.subject',
      );
    }
    // The criteria module names the side as `a.` or `b.`; name the file instead.
    const side = error.field?.startsWith('b.') ? 'b' : 'a';
    const field = error.field?.replace(/^[ab]\./, '');
    fail(`${files[side]}: ${error.message.replace(/^[ab]\./, '')}`, files[side], field);
    return;
  }

  const sum = (c: Readonly<Record<string, number>> | undefined) =>
    Object.values(c ?? {}).reduce((s, v) => s + v, 0);
  const subject = String(dataA.meta.subject);
  const max = criteria.isSubject(subject) ? criteria.SUBJECT_MAX[subject] : 0;
  const report: AppointReport = {
    a: fileA,
    b: fileB,
    subject,
    totals: { a: sum(dataA.criteria), b: sum(dataB.criteria), max },
    ...result,
  };
  io.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
}

function formatReport(r: AppointReport): string {
  const lines = [
    `third expert: ${r.decision ? 'NEEDED' : 'not needed'} (${r.subject})`,
    `  a: ${r.a}  ΣK = ${r.totals.a}/${r.totals.max}`,
    `  b: ${r.b}  ΣK = ${r.totals.b}/${r.totals.max}`,
  ];
  if (r.reasons.length > 0) lines.push('reasons:', ...r.reasons.map((reason) => `  - ${reason}`));
  else lines.push('reasons: none of the third-expert rules fired');
  return `${lines.join('\n')}\n`;
}
