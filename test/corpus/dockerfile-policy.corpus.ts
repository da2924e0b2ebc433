// Corpus suite for the Dockerfile policy and hadolint-parity rules (DKR-0012 to DKR-0031): every real
// Dockerfile of ../shared/corpora/dockerfiles, per-file and project rules, with a strict image policy
// and a label schema configured. Pins the finding count per rule so that a new false positive shows.
// Run: npm run test:corpus. Skips with a message where ../shared is absent.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Artifact, Rule } from '../../src/core/index.ts';
import { createSourceDocument } from '../../src/core/index.ts';
import { dockerfileAnalyzer, dockerfileRules } from '../../src/dockerfile/index.ts';
import { runProjectRules, runRules } from '../../src/scan/run-rules.ts';
import { REPO_ROOT } from '../cli-helpers.ts';

const FOLDER = join(REPO_ROOT, '..', 'shared', 'corpora', 'dockerfiles');
const skip = existsSync(FOLDER) ? false : `corpus not found at ${FOLDER} (needs ../shared beside the clone)`;

/** Options as a strict organisation would set them. */
const OPTIONS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  'use-allowed-base-images': { allowedRegistries: ['docker.io'], requireDigest: true, forbiddenTags: ['edge'] },
  'use-label-schema': { labelSchema: { 'org.opencontainers.image.source': 'url' } },
};

/**
 * Findings per rule on the corpus, each reviewed. The corpus has no `.dockerignore` files (its
 * Dockerfiles are flattened into one folder), so require-dockerignore reports every `COPY . .`.
 */
const EXPECTED: Readonly<Record<string, number>> = {
  'require-dockerignore': 15,
  // GoogleCloudPlatform builder stages without WORKDIR (true positives, as hadolint DL3045), and the
  // mongo Windows COPY whose `C:\\…\\` line continues onto the ENV line (see use-trailing-slash…).
  'require-workdir-for-relative-copy': 6,
  'use-exec-form-cmd': 1,
  'use-trailing-slash-copy-destination': 2,
  'use-valid-label-key': 1,
};

function configured(rule: Rule): Rule {
  const options = OPTIONS[rule.meta.slug];
  if (options === undefined) return rule;
  const result = rule.configure(options);
  assert.ok(result.ok);
  return result.value;
}

describe('corpus: Dockerfile policy rules', { skip }, () => {
  it('run without errors, with the reviewed number of findings per rule', () => {
    const mine = dockerfileRules.filter((rule) => /^DKR-00(1[2-9]|2\d|3[01])$/.test(rule.meta.id)).map(configured);
    const artifacts: Artifact[] = [];
    const counts = new Map<string, number>();
    const names = readdirSync(FOLDER).filter((name) => !name.endsWith('.md') && name !== 'index.json');
    for (const name of names) {
      const output = dockerfileAnalyzer.analyze(createSourceDocument(`${name}/Dockerfile`, readFileSync(join(FOLDER, name), 'utf8')));
      assert.deepEqual(output.errors, [], name);
      artifacts.push(...output.artifacts);
    }
    const perFile = runRules(artifacts, mine);
    const project = runProjectRules(artifacts, mine);
    assert.deepEqual([...perFile.errors, ...project.errors], []);
    for (const finding of [...perFile.findings, ...project.findings]) counts.set(finding.slug, (counts.get(finding.slug) ?? 0) + 1);
    const policy = Object.fromEntries([...counts].filter(([slug]) => slug === 'use-allowed-base-images' || slug === 'use-label-schema'));
    assert.ok(Object.keys(policy).length === 2, 'the configured policy rules report on the corpus');
    const rest = Object.fromEntries([...counts].filter(([slug]) => !(slug in policy)).sort());
    assert.deepEqual(rest, EXPECTED);
  });
});
