import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Location, ScanError } from '../../core/index.ts';
import { fingerprint } from '../../core/index.ts';
import { unparsedFileFindings, unparsedFileRule } from './no-unparsed-files.ts';

const COMMON = {
  ruleId: 'GATE-0003',
  slug: 'no-unparsed-files',
  aliases: [],
  kind: 'policy',
  severity: 'high',
  title: 'Recognised file could not be fully checked',
  compliance: [],
  remediation:
    'Fix the file so that it parses (the message names the problem and its position), or raise `maxFileSize` for a large file. Waive a file that is broken on purpose, such as a test fixture, with an exception or a `palisade-ignore-file` comment that gives the reason.',
  helpUri: 'https://github.com/palisade-dev/palisade/blob/main/docs/rules/no-unparsed-files.md',
} as const;

/** Files a structured analyzer (not only secret detection) reads, for FILE_TOO_LARGE. */
const STRUCTURED = new Set(['Dockerfile', 'package-lock.json']);
const recognised = (path: string): boolean => STRUCTURED.has(path);

const NUL: ScanError = { path: 'Dockerfile', code: 'PARSE_FAILED', message: 'Binary content (a NUL byte) is not a Dockerfile.', startLine: 2, startColumn: 7 };

const CASES: readonly { name: string; errors: readonly ScanError[]; expected: readonly { messageId: string; message: string; location: Location; ordinal: number; code: string }[] }[] = [
  {
    name: 'a PARSE_FAILED error becomes a finding at its position',
    errors: [NUL],
    expected: [{ messageId: 'unparsed', message: 'The file could not be parsed cleanly, so it was not fully checked: Binary content (a NUL byte) is not a Dockerfile.', location: { path: 'Dockerfile', startLine: 2, startColumn: 7 }, ordinal: 0, code: 'PARSE_FAILED' }],
  },
  {
    name: 'an error without a position (a chart that did not render) is located at the file',
    errors: [{ path: 'chart/Chart.yaml', code: 'PARSE_FAILED', message: 'helm template chart failed: exit 1; its templates were not scanned' }],
    expected: [
      { messageId: 'unparsed', message: 'The file could not be parsed cleanly, so it was not fully checked: helm template chart failed: exit 1; its templates were not scanned', location: { path: 'chart/Chart.yaml' }, ordinal: 0, code: 'PARSE_FAILED' },
    ],
  },
  {
    name: 'a line without a column keeps the line',
    errors: [{ path: 'k8s/pod.yaml', code: 'PARSE_FAILED', message: 'bad', startLine: 4 }],
    expected: [{ messageId: 'unparsed', message: 'The file could not be parsed cleanly, so it was not fully checked: bad', location: { path: 'k8s/pod.yaml', startLine: 4 }, ordinal: 0, code: 'PARSE_FAILED' }],
  },
  {
    name: 'a FILE_TOO_LARGE error counts for a file a structured analyzer reads',
    errors: [{ path: 'package-lock.json', code: 'FILE_TOO_LARGE', message: 'File is 20 bytes, over the limit of 10 (maxFileSize); not scanned' }],
    expected: [{ messageId: 'tooLarge', message: 'The file was not read, so no rule checked it: File is 20 bytes, over the limit of 10 (maxFileSize); not scanned', location: { path: 'package-lock.json' }, ordinal: 0, code: 'FILE_TOO_LARGE' }],
  },
  {
    name: 'a FILE_TOO_LARGE error of a file only secret detection reads does not count',
    errors: [{ path: 'data/dump.sql', code: 'FILE_TOO_LARGE', message: 'File is 20 bytes, over the limit of 10 (maxFileSize); not scanned' }],
    expected: [],
  },
  {
    name: 'unreadable files, failed rules and other errors do not count',
    errors: [
      { path: 'secret-dir', code: 'FILE_UNREADABLE', message: 'Cannot read: EACCES' },
      { path: 'Dockerfile', code: 'RULE_FAILED', message: 'rule DKR-0001 failed: boom', startLine: 1, startColumn: 1 },
      { path: 'policies/p.yaml', code: 'POLICY_INVALID', message: 'bad policy' },
      { path: 'advisories/x.json', code: 'ADVISORY_INVALID', message: 'bad advisory' },
    ],
    expected: [],
  },
  {
    name: 'several errors of one file each count, with an ordinal per file and code',
    errors: [
      { path: 'all.yaml', code: 'PARSE_FAILED', message: 'YAML syntax error in document 1: x', startLine: 3, startColumn: 1 },
      { path: 'other.yaml', code: 'PARSE_FAILED', message: 'YAML syntax error in document 1: y', startLine: 1, startColumn: 1 },
      { path: 'all.yaml', code: 'PARSE_FAILED', message: 'YAML syntax error in document 3: z', startLine: 30, startColumn: 5 },
    ],
    expected: [
      { messageId: 'unparsed', message: 'The file could not be parsed cleanly, so it was not fully checked: YAML syntax error in document 1: x', location: { path: 'all.yaml', startLine: 3, startColumn: 1 }, ordinal: 0, code: 'PARSE_FAILED' },
      { messageId: 'unparsed', message: 'The file could not be parsed cleanly, so it was not fully checked: YAML syntax error in document 1: y', location: { path: 'other.yaml', startLine: 1, startColumn: 1 }, ordinal: 0, code: 'PARSE_FAILED' },
      { messageId: 'unparsed', message: 'The file could not be parsed cleanly, so it was not fully checked: YAML syntax error in document 3: z', location: { path: 'all.yaml', startLine: 30, startColumn: 5 }, ordinal: 1, code: 'PARSE_FAILED' },
    ],
  },
  {
    name: 'a message spanning lines (a YAML excerpt) is quoted up to its first line',
    errors: [{ path: 'pod.yaml', code: 'PARSE_FAILED', message: 'Nested mappings are not allowed at line 2, column 4:\n\na: b: c\n   ^\n', startLine: 2, startColumn: 4 }],
    expected: [
      { messageId: 'unparsed', message: 'The file could not be parsed cleanly, so it was not fully checked: Nested mappings are not allowed at line 2, column 4:', location: { path: 'pod.yaml', startLine: 2, startColumn: 4 }, ordinal: 0, code: 'PARSE_FAILED' },
    ],
  },
];

describe('unparsedFileFindings', () => {
  for (const { name, errors, expected } of CASES) {
    it(name, () => {
      assert.deepEqual(
        unparsedFileFindings(errors, recognised),
        expected.map(({ messageId, message, location, ordinal, code }) => ({
          ...COMMON,
          messageId,
          message,
          location,
          fingerprint: fingerprint(['GATE-0003', location.path, code, String(ordinal)]),
        })),
      );
    });
  }

  it('clips a very long message', () => {
    const [finding] = unparsedFileFindings([{ path: 'Dockerfile', code: 'PARSE_FAILED', message: 'x'.repeat(10_000) }], recognised);
    assert.equal(finding?.message, `The file could not be parsed cleanly, so it was not fully checked: ${'x'.repeat(239)}…`);
  });

  it('keeps fingerprints when the error moves to another line', () => {
    const moved = unparsedFileFindings([{ ...NUL, startLine: 40, startColumn: 1 }], recognised);
    assert.deepEqual(
      moved.map((finding) => finding.fingerprint),
      unparsedFileFindings([NUL], recognised).map((finding) => finding.fingerprint),
    );
  });

  it('asks whether a file is recognised only for FILE_TOO_LARGE errors', () => {
    const asked: string[] = [];
    unparsedFileFindings([NUL, { path: 'big.txt', code: 'FILE_TOO_LARGE', message: 'too large' }], (path) => {
      asked.push(path);
      return false;
    });
    assert.deepEqual(asked, ['big.txt']);
  });

  it('has a message for every kind of error it counts', () => {
    assert.deepEqual(Object.keys(unparsedFileRule.messages).sort(), ['tooLarge', 'unparsed']);
  });
});
