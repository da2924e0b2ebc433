import { loadReporter, REPORT_FORMATS } from '../report/formats.ts';
import { PalisadeError } from '../core/errors.ts';
import type { ScanOutcome } from '../scan/run-scan.ts';
import { runScan } from '../scan/run-scan.ts';
import type { ParsedArgs } from './args.ts';
import { listOption, parseCommandArgs, oneOf, stringOption } from './args.ts';
import { SCAN_HELP } from './help.ts';
import type { CliIo } from './io.ts';
import { wantsColor } from './io.ts';
import { emit, emitParts } from './output.ts';
import { startProgress } from './progress.ts';
import { COMMON_SCAN_OPTIONS, toScanOptions } from './scan-options.ts';
import { startScanTiering } from './tiering.ts';

const OPTIONS = {
  ...COMMON_SCAN_OPTIONS,
  format: { type: 'string', short: 'f' },
  'fail-on': { type: 'string' },
  baseline: { type: 'string' },
  history: { type: 'boolean' },
  since: { type: 'string' },
  'show-secrets': { type: 'boolean' },
  'diff-base': { type: 'string' },
  offline: { type: 'boolean' },
  attest: { type: 'boolean' },
  key: { type: 'string' },
} as const;

export async function scanCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, OPTIONS);
  if (parsed.values['help'] === true) {
    io.stdout.write(SCAN_HELP);
    return 0;
  }
  const options = toScanOptions(parsed);
  const attestKey = attestKeyOf(parsed, options.target);
  if (parsed.values['offline'] === true) {
    // Refuses every connection from here on (the process ends with the scan); the database must be here already.
    const [{ enterOfflineMode }, { defaultDatabasePath }] = await Promise.all([import('../kit/offline.ts'), import('../vuln/db/paths.ts')]);
    enterOfflineMode(options.scanners, options.databasePath ?? defaultDatabasePath(io.env));
  }
  const restrict = await diffBaseRestriction(options.target, stringOption(parsed, 'diff-base'));
  const formatOption = stringOption(parsed, 'format');
  const requested = formatOption === undefined ? undefined : oneOf('format', formatOption, REPORT_FORMATS);
  const output = stringOption(parsed, 'output');
  const quiet = parsed.values['quiet'] === true;
  const progress = startProgress(io, quiet);
  const tiering = startScanTiering(io.setV8Flag);
  const since = stringOption(parsed, 'since');
  if (since !== undefined && parsed.values['history'] !== true) throw new PalisadeError('USAGE', '--since needs --history');
  const history = parsed.values['history'] === true ? { history: since === undefined ? {} : { since } } : {};
  const showSecrets = parsed.values['show-secrets'] === true;
  if (showSecrets && isCi(io.env)) throw new PalisadeError('USAGE', '--show-secrets is for local use only and is refused when CI is set: the secrets would end up in build logs and artifacts');
  const onProgress = (filesSeen: number): void => {
    progress.update(filesSeen);
    tiering.update(filesSeen);
  };
  const scanned = await runScan({ ...options, ...history, ...(showSecrets ? { showSecrets } : {}), onProgress, onSettled: tiering.settled }).finally(progress.stop);
  const outcome = restrict(scanned);
  const format = requested ?? outcome.format;
  if (!quiet) for (const notice of outcome.notices) io.stderr.write(`palisade: ${notice}\n`);
  // JSON and SARIF, the largest reports (28 and 33 MB for 20,000 findings), are written as they are built, never as one string.
  if (format === 'json') await emitParts((await import('../report/json.ts')).jsonReportParts(outcome.report), output, io);
  else if (format === 'sarif') await emitParts((await import('../report/sarif.ts')).sarifReportParts(outcome.report), output, io);
  else await emit((await loadReporter(format))(outcome.report, { color: wantsColor(io, output !== undefined) && format === 'table' }), output, io);
  if (attestKey !== undefined) await attestScan(options.target, attestKey, outcome, parsed, io);
  return outcome.exitCode;
}

/**
 * `--diff-base REV`: only what the change since REV adds counts, in the report and in the exit code.
 * The changes are read before the scan; pull-request mode (git, child processes) loads only when asked for.
 */
async function diffBaseRestriction(target: string, diffBase: string | undefined): Promise<(outcome: ScanOutcome) => ScanOutcome> {
  if (diffBase === undefined) return (outcome) => outcome;
  const { changesForTarget, restrictReport } = await import('../scan/diff-base.ts');
  const changes = await changesForTarget(target, diffBase);
  return (outcome) => ({ ...outcome, ...restrictReport(outcome.report, changes) });
}

/** `--attest --key K`: checked before the scan, so a usage error does not waste it. */
function attestKeyOf(parsed: ParsedArgs, target: string): string | undefined {
  const key = stringOption(parsed, 'key');
  if (parsed.values['attest'] !== true) {
    if (key !== undefined) throw new PalisadeError('USAGE', '--key is for --attest');
    return undefined;
  }
  if (key === undefined) throw new PalisadeError('USAGE', '--attest needs --key (a private key from palisade keygen or cosign)');
  if (!target.startsWith('docker://')) throw new PalisadeError('USAGE', `--attest needs an image in a registry (docker://…); ${target} cannot carry an attestation`);
  return key;
}

/** Signs the scan's verdict (a palisade-scan predicate) and attaches it to the scanned image. */
async function attestScan(target: string, key: string, outcome: ScanOutcome, parsed: ParsedArgs, io: CliIo): Promise<void> {
  const [{ buildScanPredicate }, { attestReference }] = await Promise.all([import('../signing/intoto/index.ts'), import('./attest.ts')]);
  const include = listOption(parsed, 'rules');
  const predicate = buildScanPredicate({
    report: outcome.report,
    ruleIds: outcome.ruleIds,
    packs: include ?? ['recommended'],
    ...(outcome.databaseBuiltAt === undefined ? {} : { databaseUpdatedAt: new Date(outcome.databaseBuiltAt) }),
    finishedAt: new Date(),
  });
  await attestReference(target, key, 'palisade-scan', predicate, parsed, io);
}

/** The variable CI systems set (GitHub Actions, GitLab CI, CircleCI, Travis, Buildkite, Jenkins via plugins…). */
function isCi(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = env['CI'];
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}
