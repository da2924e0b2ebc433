// Golden artifacts for the package analyzers: parse a fixture, compare a plain summary with
// `<fixture>.expected.json` beside it. UPDATE_SNAPSHOTS=1 rewrites the expected files (review them).
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { SourceRange } from '../../core/index.ts';
import { createSourceDocument } from '../../core/index.ts';
import type { ParsedInventory } from '../model.ts';

export function rangeText(range: SourceRange): string {
  return `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;
}

/** The inventory as plain, stable data (positions as `line:column-line:column`). */
export function summarise(parsed: ParsedInventory): unknown {
  const artifact = parsed.artifact;
  return {
    format: artifact?.format,
    ecosystem: artifact?.ecosystem,
    includes: artifact?.includes.map((include) => ({ path: include.path, range: rangeText(include.range) })),
    packages: artifact?.packages.map((entry) => ({ ...entry, range: rangeText(entry.range) })),
    errors: parsed.errors,
  };
}

/** Parses `fixture` (a file URL) as `projectPath` and compares with its golden file. */
export function assertGolden(parse: (document: ReturnType<typeof createSourceDocument>) => ParsedInventory, fixture: URL, projectPath: string): void {
  const text = readFileSync(fixture, 'utf8');
  const actual = JSON.parse(JSON.stringify(summarise(parse(createSourceDocument(projectPath, text)))));
  const goldenUrl = new URL(`${fixture.href}.expected.json`);
  if (process.env['UPDATE_SNAPSHOTS'] === '1') writeFileSync(goldenUrl, `${JSON.stringify(actual, null, 2)}\n`);
  assert.ok(existsSync(goldenUrl), `missing golden file ${goldenUrl.pathname}: run with UPDATE_SNAPSHOTS=1 and review it`);
  assert.deepEqual(actual, JSON.parse(readFileSync(goldenUrl, 'utf8')));
}

/** Parses inline text and returns the packages as `name@version` plus skip reasons. */
export function packageKeys(parsed: ParsedInventory): string[] {
  return (parsed.artifact?.packages ?? []).map((entry) => `${entry.name}@${entry.version}${entry.skipReason === undefined ? '' : ` (${entry.skipReason})`}`);
}
