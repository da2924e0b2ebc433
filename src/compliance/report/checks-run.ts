import type { Analyzer, ArtifactKind } from '../../core/index.ts';
import { readHead } from '../../core/fs.ts';
import { walk } from '../../core/walk.ts';
import { analyzers as allAnalyzers } from '../../catalog.ts';
import type { ScanSettings } from '../../scan/settings.ts';
import { VULN_CHECK } from '../evidence.ts';

/** Artifact kinds an image target yields (its config, its files' text, its packages). */
const IMAGE_KINDS: readonly string[] = ['image-config', 'text', 'package-inventory'];

/**
 * The checks that ran on something in the target: a selected rule whose artifact kind the target
 * holds (the gate's own rules whenever selected), and `scanner:vuln` when the vuln scanner ran on package inventories.
 * The artifact kinds of a directory come from the analyzers' cheap `matches` over its files.
 */
export function checksRunFor(target: string, settings: ScanSettings, analyzers: readonly Analyzer[] = allAnalyzers): string[] {
  const kinds = kindsPresent(target, settings, analyzers);
  const rules = settings.rules.filter((rule) => rule.meta.target === 'gate' || kinds.has(rule.meta.target)).map((rule) => rule.meta.id);
  const gate = [...settings.gateRules];
  const vuln = settings.scanners.includes('vuln') && kinds.has('package-inventory') ? [VULN_CHECK] : [];
  return [...new Set([...rules, ...gate, ...vuln])].sort();
}

function kindsPresent(target: string, settings: ScanSettings, analyzers: readonly Analyzer[]): ReadonlySet<string> {
  if (settings.target.kind === 'image') return new Set(IMAGE_KINDS);
  if (settings.target.kind === 'sbom') return new Set(['package-inventory']);
  const kinds = new Set<ArtifactKind>();
  const producible = new Set(analyzers.map((analyzer) => analyzer.produces));
  for (const entry of walk(target, { ignorePatterns: settings.config.ignorePaths })) {
    if (entry.kind !== 'file') continue;
    let head: string | undefined;
    const sniff = (): string => (head ??= readHead(entry.file.absolutePath));
    for (const analyzer of analyzers) if (!kinds.has(analyzer.produces) && analyzer.matches(entry.file, sniff)) kinds.add(analyzer.produces);
    if (kinds.size === producible.size) break;
  }
  return kinds;
}
