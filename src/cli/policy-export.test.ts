import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { isPalisadeError } from '../core/index.ts';
import type { CliIo } from './io.ts';
import { POLICY_EXPORT_HELP, policyExportCommand } from './policy-export.ts';

function fakeIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, env: {}, stdout: { write: (text: string) => out.push(text) }, stderr: { write: (text: string) => err.push(text) } };
}

test('policy export --format vap writes policies and bindings to stdout and a summary to stderr', async () => {
  const io = fakeIo();
  assert.equal(await policyExportCommand(['export', '--format', 'vap'], io), 0);
  const documents = parseAllDocuments(io.out.join(''));
  assert.ok(documents.length >= 20);
  assert.ok(documents.every((document) => document.errors.length === 0));
  assert.match(io.err.join(''), /^Exported \d+ ValidatingAdmissionPolicies with their bindings; \d+ Kubernetes rules have no CEL form \(docs\/policy-export\.md\)\.\n$/);
});

test('policy export --output FILE writes the file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'palisade-export-'));
  try {
    const io = fakeIo();
    const file = join(dir, 'out', 'vap.yaml');
    assert.equal(await policyExportCommand(['--format', 'vap', '-o', file], io), 0);
    assert.deepEqual(io.out, []);
    assert.match(await readFile(file, 'utf8'), /kind: ValidatingAdmissionPolicyBinding/);
    assert.match(io.err.join(''), new RegExp(`to ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('policy export --help', async () => {
  const io = fakeIo();
  assert.equal(await policyExportCommand(['--help'], io), 0);
  assert.equal(io.out.join(''), POLICY_EXPORT_HELP);
});

const USAGE_ERRORS: readonly (readonly [readonly string[], string])[] = [
  [[], '--format is required (vap)'],
  [['--format', 'rego'], '--format must be one of vap (got "rego")'],
  [['--format', 'vap', 'extra'], 'Unexpected argument "extra"; see `palisade policy export --help`'],
  [['--bogus'], "Unknown option '--bogus'."],
];

for (const [args, message] of USAGE_ERRORS) {
  test(`policy export ${args.join(' ')}: usage error`, async () => {
    await assert.rejects(policyExportCommand(args, fakeIo()), (error: unknown) => isPalisadeError(error) && error.code === 'USAGE' && (error.message === message || error.message.startsWith(`${message} `)));
  });
}
