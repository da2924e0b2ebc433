import { readFile } from 'node:fs/promises';
import type { RuleMeta } from '../core/index.ts';
import { PalisadeError, aliasStrings } from '../core/index.ts';
import { ruleMetas } from '../catalog.ts';
import { findRuleMeta, packsOf } from '../scan/select-rules.ts';
import { oneOf, parseCommandArgs, stringOption } from './args.ts';
import { RULES_HELP } from './help.ts';
import type { CliIo } from './io.ts';

const OPTIONS = { format: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' } } as const;

export async function rulesCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, OPTIONS);
  const [action, name, ...extra] = parsed.positionals;
  if (parsed.values['help'] === true || action === undefined) {
    io.stdout.write(RULES_HELP);
    return action === undefined && parsed.values['help'] !== true ? 2 : 0;
  }
  if (action === 'list' && name === undefined) {
    const format = oneOf('format', stringOption(parsed, 'format') ?? 'table', ['table', 'json'] as const);
    io.stdout.write(format === 'json' ? `${JSON.stringify({ rules: ruleMetas.map(withPacks) }, null, 2)}\n` : listTable(ruleMetas));
    return 0;
  }
  if (action === 'explain' && name !== undefined && extra.length === 0) {
    io.stdout.write(await explain(findMeta(name)));
    return 0;
  }
  throw new PalisadeError('USAGE', `Unknown rules command "${parsed.positionals.join(' ')}"; expected "list" or "explain <id|slug>"`);
}

function withPacks(meta: RuleMeta): RuleMeta & { packs: readonly string[] } {
  return { ...meta, packs: packsOf(meta) };
}

function findMeta(name: string): RuleMeta {
  const meta = findRuleMeta(ruleMetas, name);
  if (meta === undefined) throw new PalisadeError('RULE_UNKNOWN', `No rule "${name}". Run \`palisade rules list\` to see every rule.`);
  return meta;
}

function listTable(metas: readonly RuleMeta[]): string {
  const rows = metas.map((meta) => [meta.id, meta.severity, meta.slug, meta.stability === 'stable' ? '' : meta.stability, aliasStrings(meta).join(' ')]);
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const lines = rows.map((row) => row.map((cell, column) => (column < 4 ? cell.padEnd(widths[column] ?? 0) : cell)).join('  ').trimEnd());
  return `${lines.join('\n')}\n\n${metas.length} rules. \`palisade rules explain <id|slug>\` for details.\n`;
}

/** The generated rule page (header from metadata + narrative), or the metadata alone if the page is missing. */
async function explain(meta: RuleMeta): Promise<string> {
  try {
    return await readFile(new URL(`../../docs/rules/${meta.slug}.md`, import.meta.url), 'utf8');
  } catch {
    return `${meta.id} ${meta.slug} (${meta.severity})\n${meta.title}\n\n${meta.description}\n\nFix: ${meta.remediation}\n`;
  }
}
