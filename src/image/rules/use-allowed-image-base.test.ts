import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Rule } from '../../core/index.ts';
import { findingsOf, runRuleTests } from '../../../test/rule-tester.ts';
import { useAllowedBaseImages } from '../../dockerfile/rules/use-allowed-base-images.ts';
import { imageConfigAnalyzer } from '../scan/index.ts';
import { useAllowedImageBase } from './use-allowed-image-base.ts';

const OPTIONS = { analyzer: imageConfigAnalyzer, path: 'config.json' };
const POLICY = { allowedRegistries: ['docker.io', 'ghcr.io'], allowedImages: ['docker.io/library/*', 'ghcr.io/acme/**'], requireDigest: true, forbiddenTags: ['edge', 'nightly'] };
const DIGEST = 'sha256:3f1d2c0e5b8a7d9e6f4c2b1a0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d';

function configured(options: Readonly<Record<string, unknown>>): Rule {
  const result = useAllowedImageBase.configure(options);
  if (!result.ok) throw new Error('invalid options');
  return result.value;
}

/** A config whose labels are `labels`, one label per line from line 4 (so findings sit on line 4). */
function config(labels: Readonly<Record<string, string>>): string {
  const lines = Object.entries(labels).map(([name, value]) => `      ${JSON.stringify(name)}: ${JSON.stringify(value)}`);
  return `{\n  "config": {\n    "Labels": {\n${lines.join(',\n')}\n    }\n  }\n}`;
}

const NAME = 'org.opencontainers.image.base.name';
const BASE_DIGEST = 'org.opencontainers.image.base.digest';
const valueColumn = 11 + NAME.length; // after 6 spaces, the quoted key and ": ": the value's opening quote

runRuleTests(configured(POLICY), OPTIONS, {
  pass: [
    config({ [NAME]: 'docker.io/library/debian:bookworm-slim', [BASE_DIGEST]: DIGEST }),
    config({ [NAME]: `debian:bookworm@${DIGEST}` }),
    config({ [NAME]: 'ghcr.io/acme/base/node:20', [BASE_DIGEST]: DIGEST }),
    config({ [NAME]: 'index.docker.io/library/alpine:3.20', [BASE_DIGEST]: DIGEST }),
    '{"config": {"Labels": {"team": "payments"}}}',
    '{"config": {}}',
    config({ [NAME]: '  ' }),
  ],
  fail: [
    {
      code: config({ [NAME]: 'quay.io/acme/app:1.2', [BASE_DIGEST]: DIGEST }),
      findings: [{ messageId: 'registry', line: 4, column: valueColumn, endColumn: valueColumn + 22, message: 'Declared base image "quay.io/acme/app:1.2" comes from registry "quay.io", which is not one of the allowed registries (docker.io, ghcr.io).' }],
    },
    {
      code: config({ [NAME]: 'bitnami/nginx:1.27', [BASE_DIGEST]: DIGEST }),
      findings: [{ messageId: 'image', line: 4, column: valueColumn, endColumn: valueColumn + 20, message: 'Declared base image "bitnami/nginx:1.27" (docker.io/bitnami/nginx) matches none of the allowed images (docker.io/library/*, ghcr.io/acme/**).' }],
    },
    {
      code: config({ [NAME]: 'docker.io/library/node:nightly', [BASE_DIGEST]: DIGEST }),
      findings: [{ messageId: 'tag', line: 4, column: valueColumn, endColumn: valueColumn + 32, message: 'Declared base image "docker.io/library/node:nightly" uses the forbidden tag "nightly".' }],
    },
    {
      code: config({ [NAME]: 'docker.io/library/node:20' }),
      findings: [{ messageId: 'digest', line: 3, column: 5, endColumn: 13, message: 'Declared base image "docker.io/library/node:20" has no digest (neither `@sha256:…` in the name nor an `org.opencontainers.image.base.digest` label), which the image policy requires.' }],
    },
    {
      code: config({ [NAME]: 'docker.io/library/node:20', [BASE_DIGEST]: 'sha256:short' }),
      findings: [{ messageId: 'digest', line: 5, column: 47, endColumn: 61 }],
    },
    {
      code: config({ [NAME]: 'Not An Image!' }),
      findings: [{ messageId: 'invalid', line: 4, column: valueColumn, endColumn: valueColumn + 15, message: 'The declared base image "Not An Image!" is not an image reference, so the image policy cannot be checked.' }],
    },
  ],
});

it('IMG-0007 reports nothing with its default options', () => {
  assert.deepEqual(findingsOf(useAllowedImageBase, OPTIONS, config({ [NAME]: 'quay.io/anything:latest' })), []);
  assert.deepEqual(findingsOf(useAllowedImageBase, OPTIONS, config({ [NAME]: 'Not An Image!' })), []);
});

it('IMG-0007 takes exactly the options of DKR-0012, with the same defaults, and shares a pack with it', () => {
  assert.deepEqual(useAllowedImageBase.meta.options?.schema, useAllowedBaseImages.meta.options?.schema);
  assert.deepEqual(useAllowedImageBase.meta.options?.defaults, useAllowedBaseImages.meta.options?.defaults);
  assert.deepEqual(useAllowedImageBase.meta.packs, ['base-image-policy']);
  assert.equal(useAllowedImageBase.configure({ allowedRegistries: 'docker.io' }).ok, false);
  assert.equal(useAllowedImageBase.configure({ trustedRegistries: ['docker.io'] }).ok, false);
});

it('IMG-0007 treats the policy options one at a time', () => {
  const registries = configured({ allowedRegistries: ['registry.example.com:5000'] });
  assert.deepEqual(findingsOf(registries, OPTIONS, config({ [NAME]: 'registry.example.com:5000/team/base:1' })), []);
  assert.equal(findingsOf(registries, OPTIONS, config({ [NAME]: 'alpine:3.20' }))[0]?.message, 'Declared base image "alpine:3.20" comes from registry "docker.io", which is not one of the allowed registries (registry.example.com:5000).');
  const tags = configured({ forbiddenTags: ['edge'] });
  assert.deepEqual(findingsOf(tags, OPTIONS, config({ [NAME]: 'alpine:3.20' })), []);
  assert.equal(findingsOf(tags, OPTIONS, config({ [NAME]: 'alpine:edge' })).length, 1);
});
