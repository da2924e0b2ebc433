import { join } from 'node:path';
import { readTextIfReadable } from '../core/fs.ts';
import type { Finding } from '../core/index.ts';
import { isGitleaksIgnored, parseGitleaksIgnore } from '../secrets/gitleaks.ts';

/**
 * gitleaks migration: `gitleaks:allow` comments (collected per file while scanning) and a
 * `.gitleaksignore` at the scan root waive secret findings, as gitleaks does.
 */
export async function applyGitleaksWaivers(findings: readonly Finding[], allowLines: ReadonlyMap<string, ReadonlySet<number>>, root: string, notices: string[]): Promise<Finding[]> {
  const ignoreText = readTextIfReadable(join(root, '.gitleaksignore'));
  const ignore = ignoreText === undefined ? undefined : parseGitleaksIgnore(ignoreText);
  if (ignore !== undefined) notices.push(...ignore.errors);
  return findings.map((finding) => {
    if (finding.kind !== 'secret' || finding.suppression !== undefined) return finding;
    if (allowLines.get(finding.location.path)?.has(finding.location.startLine ?? 0) === true) {
      return { ...finding, suppression: { kind: 'inline', reason: 'gitleaks:allow comment' } };
    }
    if (ignore !== undefined && isGitleaksIgnored(ignore.entries, finding)) {
      return { ...finding, suppression: { kind: 'exception', reason: 'listed in .gitleaksignore' } };
    }
    return finding;
  });
}
