// Hostile input through the policy and hadolint-parity rules (DKR-0012 to DKR-0031): an error entry
// or findings, never a crash, and no pathological slowness in the rules' own pattern matching.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Rule } from '../../core/index.ts';
import { createSourceDocument, nullThrows } from '../../core/index.ts';
import { runProjectRules, runRules } from '../../scan/run-rules.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { dockerfilesOnly } from '../dockerignore.ts';
import { noCopyFromOwnStage } from './no-copy-from-own-stage.ts';
import { noCredentialsInValues } from './no-credentials-in-values.ts';
import { noDuplicateStageName } from './no-duplicate-stage-name.ts';
import { noEnvSelfReference } from './no-env-self-reference.ts';
import { noFromPlatformFlag } from './no-from-platform-flag.ts';
import { noInvalidOnbuildTrigger } from './no-invalid-onbuild-trigger.ts';
import { noMultipleHealthcheck } from './no-multiple-healthcheck.ts';
import { noSecretFilesCopied } from './no-secret-files-copied.ts';
import { noSecretsInLabel } from './no-secrets-in-label.ts';
import { noUnknownCopyFromStage } from './no-unknown-copy-from-stage.ts';
import { requireDockerignore } from './require-dockerignore.ts';
import { requireFromFirst } from './require-from-first.ts';
import { requireWorkdirForRelativeCopy } from './require-workdir-for-relative-copy.ts';
import { useAddForArchiveExtraction } from './use-add-for-archive-extraction.ts';
import { useAllowedBaseImages } from './use-allowed-base-images.ts';
import { useExecFormCmd } from './use-exec-form-cmd.ts';
import { useLabelSchema } from './use-label-schema.ts';
import { useTrailingSlashCopyDestination } from './use-trailing-slash-copy-destination.ts';
import { useValidExposePort } from './use-valid-expose-port.ts';
import { useValidLabelKey } from './use-valid-label-key.ts';

function configured(rule: Rule, values: Readonly<Record<string, unknown>>): Rule {
  const result = rule.configure(values);
  assert.ok(result.ok);
  return result.value;
}

const RULES: readonly Rule[] = [
  // As in rules/index.ts: per-file rules never see the .dockerignore variant.
  noCopyFromOwnStage,
  noCredentialsInValues,
  noDuplicateStageName,
  noEnvSelfReference,
  noFromPlatformFlag,
  noInvalidOnbuildTrigger,
  noMultipleHealthcheck,
  noSecretFilesCopied,
  noSecretsInLabel,
  noUnknownCopyFromStage,
  requireDockerignore,
  requireFromFirst,
  requireWorkdirForRelativeCopy,
  useAddForArchiveExtraction,
  configured(useAllowedBaseImages, { allowedRegistries: ['ghcr.io'], allowedImages: ['ghcr.io/**'], requireDigest: true, forbiddenTags: ['edge'] }),
  useExecFormCmd,
  configured(useLabelSchema, { labelSchema: { version: 'semver', contact: 'email', created: 'rfc3339' }, strictLabels: true }),
  useTrailingSlashCopyDestination,
  useValidExposePort,
  useValidLabelKey,
].map(dockerfilesOnly);

/** Analyses one file and runs every rule; returns the analyzer errors and the finding rule ids. */
function scan(path: string, text: string): { readonly errors: readonly string[]; readonly ruleIds: readonly string[] } {
  const output = dockerfileAnalyzer.analyze(createSourceDocument(path, text));
  const perFile = runRules(output.artifacts, RULES);
  const project = runProjectRules(output.artifacts, RULES);
  assert.deepEqual([...perFile.errors, ...project.errors], [], 'a rule threw');
  return { errors: output.errors.map((error) => `${error.code} ${error.startLine ?? 0}:${error.startColumn ?? 0}`), ruleIds: [...perFile.findings, ...project.findings].map((finding) => finding.ruleId).sort() };
}

describe('policy rules on hostile input', () => {
  it('a binary file named Dockerfile is an error entry, not a crash', () => {
    assert.deepEqual(scan('Dockerfile', 'FROM a\n\u0000\u0001\u00ff\u{1F600}'), { errors: ['PARSE_FAILED 2:1'], ruleIds: [] });
  });

  it('a binary .dockerignore is read as patterns and checked without error', () => {
    assert.deepEqual(scan('.dockerignore', '\u0000\u0001\n\u00ff'), { errors: [], ruleIds: [] });
  });

  it('an unterminated here-document swallows the rest of the file, with an error entry at its operator', () => {
    // The COPY is part of the here-document body, so neither it nor the missing WORKDIR is reported.
    assert.deepEqual(scan('Dockerfile', 'FROM ghcr.io/a/b@sha256:00\nRUN <<EOF\necho hi\nCOPY . .\n'), { errors: ['PARSE_FAILED 2:5'], ruleIds: ['DKR-0030', 'DKR-0030', 'DKR-0030'] });
  });

  it('unknown instructions and lower-case keywords are kept and do not trip the rules', () => {
    const result = scan('Dockerfile', 'FROBNICATE x\nfrom ghcr.io/a/b:1@sha256:00 as Build\nWIBBLE --from=x y\ncopy --from=build a b c\nexpose 99999\n');
    assert.deepEqual(result, {
      errors: [],
      // The stage copies from itself, so it counts as a build step and needs no labels (DKR-0030 silent).
      ruleIds: ['DKR-0014', 'DKR-0015', 'DKR-0017', 'DKR-0023', 'DKR-0025'],
    });
  });

  it('a 10 MB line (an ENV value) is parsed and checked', () => {
    const huge = 'a'.repeat(10_000_000);
    const text = `FROM ghcr.io/a/b:1@sha256:00\nENV DATABASE_URL="postgres://u:${huge}"\n`;
    assert.deepEqual(scan('Dockerfile', text), { errors: [], ruleIds: ['DKR-0030', 'DKR-0030', 'DKR-0030'] });
  });

  it('long hostile values in the rules’ own patterns stay fast (labels, paths, URLs)', () => {
    const long = 'a'.repeat(200_000);
    const text = [
      'FROM ghcr.io/a/b:1@sha256:00',
      `LABEL version=${long} contact=${'a@'}${'a-'.repeat(100_000)}! created=${'9'.repeat(200_000)}`,
      `COPY ${'/'.repeat(200_000)}x ${long}.key /d/`,
      `ENV A=${'a://'.repeat(50_000)} B=${'$A'.repeat(50_000)}`,
      `EXPOSE ${'9'.repeat(100_000)}`,
    ].join('\n');
    const result = scan('Dockerfile', text);
    assert.deepEqual(result.errors, []);
    assert.ok(nullThrows(result.ruleIds, 'ids').includes('DKR-0014'));
  });
});
