import { createBaseline } from '../gate/index.ts';
import { PalisadeError } from '../core/errors.ts';
import { runScan } from '../scan/run-scan.ts';
import { parseCommandArgs, stringOption } from './args.ts';
import { BASELINE_HELP } from './help.ts';
import type { CliIo } from './io.ts';
import { emit } from './output.ts';
import { startProgress } from './progress.ts';
import { COMMON_SCAN_OPTIONS, toScanOptions } from './scan-options.ts';

export async function baselineCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, COMMON_SCAN_OPTIONS);
  if (parsed.values['help'] === true) {
    io.stdout.write(BASELINE_HELP);
    return 0;
  }
  const output = stringOption(parsed, 'output');
  if (output === undefined) throw new PalisadeError('USAGE', 'palisade baseline needs -o/--output <file>');
  const quiet = parsed.values['quiet'] === true;
  const progress = startProgress(io, quiet);
  const now = new Date();
  const outcome = await runScan({ ...toScanOptions(parsed), failOn: 'none', useBaseline: false, now, onProgress: progress.update }).finally(progress.stop);
  await emit(createBaseline(outcome.report.findings, now), output, io);
  const recorded = outcome.report.findings.filter((finding) => finding.suppression === undefined).length;
  if (!quiet) io.stderr.write(`palisade: baseline of ${recorded} finding${recorded === 1 ? '' : 's'} written to ${output}\n`);
  return 0;
}
