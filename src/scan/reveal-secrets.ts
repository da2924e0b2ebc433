import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import type { Finding } from '../core/index.ts';
import { LineIndex } from '../core/index.ts';
import { decodeText } from '../core/fs.ts';

/**
 * `--show-secrets`: secret findings carry the secret itself instead of its redacted form. The engine
 * never keeps a secret in a finding; this reads it back from the file at the finding's exact range
 * (findings from git history, whose file may no longer hold the secret, stay redacted).
 */
export function revealSecrets(findings: readonly Finding[], root: string): Finding[] {
  const files = new Map<string, { text: string; lines: LineIndex } | undefined>();
  return findings.map((finding) => {
    if (finding.kind !== 'secret') return finding;
    const secret = secretAt(finding, root, files);
    if (secret === undefined) return finding;
    const message = finding.evidence === undefined ? finding.message : finding.message.replace(finding.evidence, secret);
    return { ...finding, message, evidence: secret };
  });
}

function secretAt(finding: Finding, root: string, files: Map<string, { text: string; lines: LineIndex } | undefined>): string | undefined {
  const { path, startLine, startColumn, endLine, endColumn } = finding.location;
  if (startLine === undefined || startColumn === undefined || endLine === undefined || endColumn === undefined) return undefined;
  if (!files.has(path)) files.set(path, readInside(root, path));
  const file = files.get(path);
  if (file === undefined) return undefined;
  const start = file.lines.lineStart(startLine) + startColumn - 1;
  const end = file.lines.lineStart(endLine) + endColumn - 1;
  const text = file.text.slice(start, end);
  return text === '' ? undefined : text;
}

function readInside(root: string, path: string): { text: string; lines: LineIndex } | undefined {
  const absolute = join(root, path);
  const inside = relative(root, absolute);
  if (inside.startsWith('..') || isAbsolute(inside)) return undefined;
  try {
    const text = decodeText(readFileSync(absolute));
    return { text, lines: new LineIndex(text) };
  } catch {
    return undefined;
  }
}
