// Secret detection benchmark: throughput (MB/s, one thread) and findings per MB on real trees.
// Run: node bench/secrets.ts [--show 40] [dir …]. Never part of `npm test`. Default trees: this repo's
// node_modules and ../shared/corpora (the precision set), plus system source trees that exist (Python's
// standard library, C headers, global node_modules, Perl) to reach 200+ MB of real text for throughput.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Finding } from '../src/core/index.ts';
import { walk } from '../src/core/walk.ts';
import { createTextScanner, emptyTextResult } from '../src/scan/text-pool.ts';
import { createFileReader } from '../src/secrets/file-bytes.ts';
import { createKeywordPrefilter, secretKeywords, secretRules, textAnalyzer } from '../src/secrets/index.ts';

const ROOT = join(import.meta.dirname, '..');
const { values, positionals } = parseArgs({ allowPositionals: true, options: { show: { type: 'string', default: '30' }, 'max-file': { type: 'string', default: String(8 * 1024 * 1024) } } });
const SYSTEM_TREES = ['/usr/lib/python3.11', '/usr/lib/python3', '/usr/include', '/usr/lib/node_modules', '/usr/share/perl'];
const targets = positionals.length > 0 ? positionals : [join(ROOT, 'node_modules'), join(ROOT, '..', 'shared', 'corpora'), ...SYSTEM_TREES.filter((tree) => existsSync(tree))];
const textRules = secretRules.filter((rule) => rule.meta.target === 'text');
const maxFile = Number(values['max-file']);

interface Totals {
  files: number;
  skipped: number;
  bytes: number;
  walkedBytes: number;
  ms: number;
  cpuMs: number;
  findings: Finding[];
}

/** The scan's own text path (src/scan/text-pool.ts): one read per file, keyword pass on the bytes, gated rules. */
function scanTree(target: string): Totals {
  const totals: Totals = { files: 0, skipped: 0, bytes: 0, walkedBytes: 0, ms: 0, cpuMs: 0, findings: [] };
  const scan = createTextScanner([textAnalyzer], textRules);
  const result = emptyTextResult();
  const start = performance.now();
  const cpu = process.cpuUsage();
  for (const entry of walk(target)) {
    if (entry.kind === 'error') continue;
    const { file } = entry;
    totals.walkedBytes += file.size;
    const before = result.filesScanned;
    if (file.size <= maxFile && textAnalyzer.matchesName(file)) scan({ ...file, checkContent: true }, result);
    if (result.filesScanned === before) {
      totals.skipped += 1;
      continue;
    }
    totals.files += 1;
    totals.bytes += file.size;
  }
  totals.findings.push(...result.findings);
  totals.ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  totals.cpuMs = (used.user + used.system) / 1000;
  return totals;
}

/**
 * The floor on the same machine and moment: read the same files and run only the keyword pass (on
 * the bytes), no rule, no decoding. Machine load moves both numbers alike, so the ratio is the stable figure.
 */
function floorCpuMs(target: string): number {
  const prefilter = createKeywordPrefilter(secretKeywords);
  const reader = createFileReader();
  const cpu = process.cpuUsage();
  for (const entry of walk(target)) {
    if (entry.kind === 'error' || entry.file.size > maxFile) continue;
    const { file } = entry;
    if (!textAnalyzer.matchesName(file)) continue;
    const { bytes, length } = reader.read(file.absolutePath, file.size);
    if (textAnalyzer.matchesHeadBytes(file, bytes, length)) prefilter.scanBytes(bytes, length);
  }
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / 1000;
}

const mb = (bytes: number): number => bytes / 1024 / 1024;
const all = { bytes: 0, ms: 0, cpuMs: 0, floorMs: 0, findings: 0 };
for (const target of targets) {
  const totals = scanTree(target);
  all.bytes += totals.bytes;
  all.ms += totals.ms;
  all.cpuMs += totals.cpuMs;
  all.findings += totals.findings.length;
  const floor = floorCpuMs(target);
  all.floorMs += floor;
  const byRule = new Map<string, number>();
  for (const finding of totals.findings) byRule.set(finding.slug, (byRule.get(finding.slug) ?? 0) + 1);
  console.log(`\n${target}`);
  console.log(`  walked ${mb(totals.walkedBytes).toFixed(1)} MB; scanned ${totals.files} files, ${mb(totals.bytes).toFixed(1)} MB (skipped ${totals.skipped}: binary, lockfile, minified, > max-file)`);
  console.log(`  wall ${(totals.ms / 1000).toFixed(2)} s (${(mb(totals.bytes) / (totals.ms / 1000)).toFixed(1)} MB/s); CPU ${(totals.cpuMs / 1000).toFixed(2)} s (${(mb(totals.bytes) / (totals.cpuMs / 1000)).toFixed(1)} MB/s per core); one thread, ${textRules.length} rules`);
  console.log(`  floor (read + keyword pass on the bytes only): CPU ${(floor / 1000).toFixed(2)} s (${(mb(totals.bytes) / (floor / 1000)).toFixed(1)} MB/s); full scan at ${((100 * floor) / totals.cpuMs).toFixed(0)}% of the floor`);
  console.log(`  ${totals.findings.length} findings, ${(totals.findings.length / mb(totals.bytes)).toFixed(3)} per MB scanned`);
  for (const [slug, count] of [...byRule].sort((a, b) => b[1] - a[1])) console.log(`    ${String(count).padStart(5)} ${slug}`);
  for (const finding of totals.findings.slice(0, Number(values.show))) console.log(`    ${finding.slug} ${finding.location.path}:${finding.location.startLine ?? 0} ${finding.evidence ?? ''}`);
}
console.log(`\nall trees: ${mb(all.bytes).toFixed(1)} MB scanned; wall ${(mb(all.bytes) / (all.ms / 1000)).toFixed(1)} MB/s; CPU ${(mb(all.bytes) / (all.cpuMs / 1000)).toFixed(1)} MB/s per core (floor ${(mb(all.bytes) / (all.floorMs / 1000)).toFixed(1)} MB/s; ${((100 * all.floorMs) / all.cpuMs).toFixed(0)}% of it); ${all.findings} findings (${(all.findings / mb(all.bytes)).toFixed(3)} per MB)`);
