// GATE-0003 through a whole scan: a recognised file left unchecked fails the gate unless waived.
// (Dockerfiles only: loading the Kubernetes area would double the test's cost; its parse errors are ScanErrors alike.)
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runScan } from '../scan/run-scan.ts';
import type { ScanOptions } from '../scan/settings.ts';

const NUL_DOCKERFILE = 'FROM node:20.11.1@sha256:0000000000000000000000000000000000000000000000000000000000000000\nRUN ec\u0000ho hi\nUSER node\n';
const EXCEPTIONS = `exceptions:
  - rule: no-unparsed-files
    paths: ["fixtures/**"]
    reason: parser fixture, broken on purpose
    owner: platform-team
    expires: 2099-12-31
`;

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function tree(files: Readonly<Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'palisade-gate-0003-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const CASES: readonly { name: string; files: Readonly<Record<string, string>>; options?: Partial<ScanOptions>; exitCode: 0 | 1; gate: readonly (readonly [string, number | undefined, string | undefined])[] }[] = [
  {
    name: 'a NUL byte in a Dockerfile fails the gate at the byte',
    files: { Dockerfile: NUL_DOCKERFILE },
    exitCode: 1,
    gate: [['Dockerfile', 2, undefined]],
  },
  {
    name: 'a palisade-ignore-file comment waives it',
    files: { Dockerfile: `# palisade-ignore-file: no-unparsed-files parser fixture\n${NUL_DOCKERFILE}` },
    exitCode: 0,
    gate: [['Dockerfile', 3, 'inline']],
  },
  {
    name: 'an exception for the rule and the path waives it',
    files: { 'fixtures/Dockerfile': NUL_DOCKERFILE, '.palisade/exceptions.yaml': EXCEPTIONS },
    exitCode: 0,
    gate: [['fixtures/Dockerfile', 2, 'exception']],
  },
  {
    name: 'failOn none lets it pass, still reported',
    files: { Dockerfile: NUL_DOCKERFILE, '.palisade.yaml': 'failOn: none\n' },
    exitCode: 0,
    gate: [['Dockerfile', 2, undefined]],
  },
  {
    name: 'a Dockerfile over maxFileSize fails the gate; a text file over it does not',
    files: { Dockerfile: 'FROM node:20\nUSER node\n', 'notes.txt': 'x'.repeat(100), '.palisade.yaml': 'maxFileSize: 20\n' },
    exitCode: 1,
    gate: [['Dockerfile', undefined, undefined]],
  },
  {
    name: '--skip-rules drops it like any rule',
    files: { Dockerfile: NUL_DOCKERFILE },
    options: { skipRules: ['no-unparsed-files'] },
    exitCode: 0,
    gate: [],
  },
  {
    name: '--rules naming only other rules leaves it out',
    files: { Dockerfile: NUL_DOCKERFILE },
    options: { rules: ['dockerfile'] },
    exitCode: 0,
    gate: [],
  },
  {
    name: 'a severity override below failOn lets it pass, still reported',
    files: { Dockerfile: NUL_DOCKERFILE, '.palisade.yaml': 'severityOverrides:\n  GATE-0003: low\n' },
    exitCode: 0,
    gate: [['Dockerfile', 2, undefined]],
  },
];

describe('GATE-0003 in a scan', () => {
  for (const { name, files, options, exitCode, gate } of CASES) {
    it(name, async () => {
      const outcome = await runScan({ target: tree(files), scanners: ['misconfig', 'secret'], env: { PALISADE_WORKERS: '0' }, now: new Date('2027-01-01T00:00:00Z'), ...options });
      const found = outcome.report.findings.filter((finding) => finding.ruleId === 'GATE-0003');
      assert.deepEqual(
        found.map((finding) => [finding.location.path, finding.location.startLine, finding.suppression?.kind]),
        gate,
      );
      assert.equal(outcome.exitCode, exitCode);
      assert.equal(outcome.report.rules.some((meta) => meta.id === 'GATE-0003'), gate.length > 0);
    });
  }
});
