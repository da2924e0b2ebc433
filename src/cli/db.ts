import type { ScanError } from '../core/index.ts';
import { PalisadeError } from '../core/errors.ts';
import type { AdvisoryDatabaseMeta, EcosystemCount, ImportSummary, UpdateSummary } from '../vuln/db/index.ts';
import { DEFAULT_ECOSYSTEMS, databaseAge, defaultDatabasePath, formatAge, importAdvisories, mirrorUrl, openAdvisoryDatabase, updateAdvisories } from '../vuln/db/index.ts';
import type { ParsedArgs } from './args.ts';
import { listOption, oneOf, parseCommandArgs, stringOption } from './args.ts';
import type { CliIo } from './io.ts';

export const DB_HELP = `Usage: palisade db <import|update|status> [options]

Manages the offline advisory database (OSV records in SQLite) that vulnerability
scans match packages against. Every change is atomic: a new database is built
beside the old one and renamed into place, so a failed or interrupted run leaves
the old one as it was.

Commands:
  import <path>...      Import OSV advisories from folders (every *.json below
                        them), .json files or OSV zips (an ecosystem's all.zip)
  update                Download <mirror>/<Ecosystem>/all.zip for each ecosystem
                        (only what changed since the last update) and import it
  status                Show the database: path, age, sources, records per ecosystem

Options:
  --db PATH             The database (default: $PALISADE_DB, else
                        $XDG_CACHE_HOME/palisade/advisories.db, else
                        ~/.cache/palisade/advisories.db)
  --replace             import: build the database from these inputs alone
                        instead of adding to it
  --mirror URL          update: OSV mirror (default: $PALISADE_DB_MIRROR, else
                        https://osv-vulnerabilities.storage.googleapis.com)
  --ecosystems LIST     update: ecosystems to fetch (default: ${DEFAULT_ECOSYSTEMS.join(', ')})
  --timeout SECONDS     update: give up on a request silent for this long (default 60)
  -f, --format FORMAT   table | json (default: table)
  -q, --quiet           No notices on stderr
  -h, --help            This help

Examples:
  palisade db update
  palisade db import ./osv-mirror/PyPI/all.zip ./our-advisories/
  palisade db status --format json
`;

const OPTIONS = {
  db: { type: 'string' },
  replace: { type: 'boolean' },
  mirror: { type: 'string' },
  ecosystems: { type: 'string' },
  timeout: { type: 'string' },
  format: { type: 'string', short: 'f' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

const SHOWN_SKIPS = 20;

export async function dbCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, OPTIONS);
  const [action, ...paths] = parsed.positionals;
  if (parsed.values['help'] === true || action === undefined) {
    io.stdout.write(DB_HELP);
    return parsed.values['help'] === true ? 0 : 2;
  }
  const db = stringOption(parsed, 'db') ?? defaultDatabasePath(io.env);
  const json = oneOf('format', stringOption(parsed, 'format') ?? 'table', ['table', 'json'] as const) === 'json';
  if (action === 'import' && paths.length > 0) return runImport(db, paths, parsed, io, json);
  if (action === 'update' && paths.length === 0) return runUpdate(db, parsed, io, json);
  if (action === 'status' && paths.length === 0) return runStatus(db, io, json);
  if (action === 'import') throw new PalisadeError('USAGE', 'palisade db import needs at least one folder, .json file or .zip');
  throw new PalisadeError('USAGE', `Unknown db command "${parsed.positionals.join(' ')}"; expected "import <path>...", "update" or "status"`);
}

function notices(summary: ImportSummary, parsed: ParsedArgs, io: CliIo): void {
  if (parsed.values['quiet'] === true) return;
  for (const skipped of summary.skipped.slice(0, SHOWN_SKIPS)) io.stderr.write(`palisade: skipped ${describeSkip(skipped)}\n`);
  const hidden = summary.skipped.length - SHOWN_SKIPS;
  if (hidden > 0) io.stderr.write(`palisade: … and ${hidden} more skipped (--format json lists them all)\n`);
  const unknown = Object.entries(summary.unknownEcosystems).map(([ecosystem, count]) => `${ecosystem} (${count})`);
  if (unknown.length > 0) io.stderr.write(`palisade: kept advisories for ecosystems Palisade cannot match yet: ${unknown.join(', ')}\n`);
}

function describeSkip(skipped: ScanError): string {
  return `${skipped.message} [${skipped.code}]`;
}

function importLine(summary: ImportSummary): string {
  const { imported, replaced, unchanged, skipped, recordCount } = summary;
  return `${imported} new, ${replaced} replaced, ${unchanged} unchanged, ${skipped.length} skipped; ${recordCount} records in total.`;
}

async function runImport(db: string, paths: readonly string[], parsed: ParsedArgs, io: CliIo, json: boolean): Promise<number> {
  const summary = await importAdvisories(db, paths, { replace: parsed.values['replace'] === true });
  if (json) io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else io.stdout.write(`Imported into ${summary.path}: ${importLine(summary)}\n`);
  notices(summary, parsed, io);
  return 0;
}

function timeoutMs(parsed: ParsedArgs): number | undefined {
  const text = stringOption(parsed, 'timeout');
  if (text === undefined) return undefined;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new PalisadeError('USAGE', `--timeout must be a positive number of seconds (got "${text}")`);
  return seconds * 1000;
}

function mebibytes(bytes: number | undefined): string {
  return bytes === undefined ? '' : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function updateTable(summary: UpdateSummary): string {
  const width = Math.max(...summary.ecosystems.map((item) => item.ecosystem.length));
  const lines = summary.ecosystems.map((item) => `${item.ecosystem.padEnd(width)}  ${item.status.padEnd(9)}  ${mebibytes(item.bytes)}${item.resumed === true ? ' (resumed)' : ''}`.trimEnd());
  const result = summary.import === undefined ? `Nothing changed; ${summary.path} is as it was.` : `Updated ${summary.path}: ${importLine(summary.import)}`;
  return `${lines.join('\n')}\n${result}\n`;
}

async function runUpdate(db: string, parsed: ParsedArgs, io: CliIo, json: boolean): Promise<number> {
  const timeout = timeoutMs(parsed);
  const ecosystems = listOption(parsed, 'ecosystems');
  const summary = await updateAdvisories(db, {
    mirror: mirrorUrl(stringOption(parsed, 'mirror'), io.env),
    ...(ecosystems === undefined ? {} : { ecosystems }),
    ...(timeout === undefined ? {} : { timeoutMs: timeout }),
    ...(parsed.values['quiet'] === true ? {} : { onDownload: (_ecosystem: string, url: string) => void io.stderr.write(`palisade: fetching ${url}\n`) }),
  });
  io.stdout.write(json ? `${JSON.stringify(summary, null, 2)}\n` : updateTable(summary));
  if (summary.import !== undefined) notices(summary.import, parsed, io);
  return 0;
}

function when(timestamp: string | undefined, now: number): string {
  if (timestamp === undefined) return 'unknown';
  const time = Date.parse(timestamp);
  return Number.isNaN(time) ? timestamp : `${timestamp} (${formatAge(Math.max(0, now - time))} ago)`;
}

function statusTable(meta: AdvisoryDatabaseMeta, counts: readonly EcosystemCount[], now: number): string {
  const lines = [
    `Database   ${meta.path}`,
    `Schema     ${meta.schemaVersion}`,
    `Updated    ${when(meta.builtAt, now)}`,
    `Records    ${meta.recordCount}${meta.newestModified === undefined ? '' : `, newest modified ${meta.newestModified}`}`,
    'Sources',
  ];
  for (const source of meta.sources) {
    const etag = source.etag === undefined ? '' : `  etag ${source.etag}`;
    lines.push(`  ${source.name}${source.url === undefined ? '' : `  ${source.url}`}  ${source.recordCount} records  imported ${when(source.importedAt, now)}${etag}`);
  }
  if (meta.sources.length === 0) lines.push('  (none)');
  lines.push('Ecosystems');
  const width = Math.max(0, ...counts.map((count) => count.ecosystem.length));
  for (const count of counts) lines.push(`  ${count.ecosystem.padEnd(width)}  ${count.records}`);
  if (counts.length === 0) lines.push('  (none)');
  return `${lines.join('\n')}\n`;
}

async function runStatus(db: string, io: CliIo, json: boolean): Promise<number> {
  const database = openAdvisoryDatabase(db);
  try {
    const now = Date.now();
    const counts = database.ecosystemCounts();
    const ageMs = databaseAge(database.meta, now);
    io.stdout.write(json ? `${JSON.stringify({ ...database.meta, ...(ageMs === undefined ? {} : { ageMs }), ecosystems: counts }, null, 2)}\n` : statusTable(database.meta, counts, now));
  } finally {
    database.close();
  }
  return 0;
}
