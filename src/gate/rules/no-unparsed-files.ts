import type { Finding, Location, RuleMeta, ScanError } from '../../core/index.ts';
import { gateFinding } from './gate-finding.ts';

type MessageId = 'unparsed' | 'tooLarge';

/** The parser's message is quoted up to this many characters (its first line only). */
const MAX_REASON = 240;

/**
 * The gate's own rule: a file Palisade recognised (a Dockerfile, a Kubernetes manifest, a lockfile, a
 * Helm chart or Kustomization) that it could not parse, or skipped for its size, so that no rule
 * checked it. It reads no artifact (target `gate`): the scan turns its errors into findings.
 */
export const unparsedFileRule: RuleMeta<MessageId> = Object.freeze({
  id: 'GATE-0003',
  slug: 'no-unparsed-files',
  title: 'Recognised file could not be fully checked',
  severity: 'high',
  kind: 'policy',
  stability: 'stable',
  since: '0.1.0',
  target: 'gate',
  description:
    'Palisade recognised a file it checks but could not parse it, or not all of it (or skipped it as larger than `maxFileSize`), so its rules did not run on all of it. Docker, kubectl or a package manager may still accept the file: without this finding, a file made unparseable on purpose (a NUL byte, invalid UTF-8) would pass the gate unchecked.',
  remediation:
    'Fix the file so that it parses (the message names the problem and its position), or raise `maxFileSize` for a large file. Waive a file that is broken on purpose, such as a test fixture, with an exception or a `palisade-ignore-file` comment that gives the reason.',
  references: ['https://github.com/palisade-dev/palisade/blob/main/docs/errors.md', 'https://github.com/palisade-dev/palisade/blob/main/docs/exceptions.md'],
  aliases: [],
  compliance: ['hipaa:164.308(a)(1)(ii)(B)', 'nist-800-190:4.1.2', 'pci-dss-4.0:2.2.1'],
  packs: [],
  messages: {
    unparsed: 'The file could not be parsed cleanly, so it was not fully checked: {reason}',
    tooLarge: 'The file was not read, so no rule checked it: {reason}',
  },
});

/**
 * One `GATE-0003` finding per scan error that left a recognised file (or one document of it) unchecked:
 * every `PARSE_FAILED`, and each `FILE_TOO_LARGE` whose file `isRecognised` says a structured analyzer
 * (not only secret detection) reads. Located at the error's position; the fingerprint is the file, the
 * code and the error's ordinal in that file, so it survives lines moving.
 */
export function unparsedFileFindings(errors: readonly ScanError[], isRecognised: (path: string) => boolean): Finding[] {
  const seen = new Map<string, number>();
  const findings: Finding[] = [];
  for (const error of errors) {
    const messageId = messageIdOf(error, isRecognised);
    if (messageId === undefined) continue;
    const identity = `${error.path}\n${error.code}`;
    const ordinal = seen.get(identity) ?? 0;
    seen.set(identity, ordinal + 1);
    findings.push(unparsedFileFinding(error, messageId, ordinal));
  }
  return findings;
}

function messageIdOf(error: ScanError, isRecognised: (path: string) => boolean): MessageId | undefined {
  if (error.code === 'PARSE_FAILED') return 'unparsed';
  if (error.code === 'FILE_TOO_LARGE' && isRecognised(error.path)) return 'tooLarge';
  return undefined;
}

function unparsedFileFinding(error: ScanError, messageId: MessageId, ordinal: number): Finding {
  return gateFinding(unparsedFileRule, {
    messageId,
    data: { reason: reasonOf(error.message) },
    location: locationOf(error),
    identity: [error.path, error.code, String(ordinal)],
  });
}

/** The error's position: a point (the parsers report where reading stopped, not a range). */
function locationOf(error: ScanError): Location {
  if (error.startLine === undefined) return { path: error.path };
  return { path: error.path, startLine: error.startLine, ...(error.startColumn === undefined ? {} : { startColumn: error.startColumn }) };
}

/** The first line of the parser's message, clipped (YAML errors append an excerpt of the file). */
function reasonOf(message: string): string {
  const first = (message.split('\n', 1)[0] ?? '').trim();
  return first.length > MAX_REASON ? `${first.slice(0, MAX_REASON - 1)}…` : first;
}
