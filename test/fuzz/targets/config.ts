// Configuration files: `.palisade.yaml` (src/config), hadolint and gitleaks ignore files,
// exception and baseline files (src/gate), the watcher's config, kit manifests and kubeconfigs.
// Each returns a typed result or its coded error (CONFIG_INVALID, EXCEPTIONS_INVALID, ...) naming the file.
import { parse as parseYaml } from 'yaml';
import { parseKubeconfig } from '../../../src/cluster/kubeconfig.ts';
import { loadConfigDocument } from '../../../src/config/load.ts';
import { parseHadolintConfig } from '../../../src/dockerfile/hadolint-config.ts';
import { dockerfileFinding, kubernetesFinding, vulnerabilityFinding } from '../../../src/gate/__fixtures__/findings.ts';
import { createBaseline, loadBaseline } from '../../../src/gate/baseline.ts';
import { loadExceptions } from '../../../src/gate/exceptions.ts';
import { KIT_KIND, KIT_SCHEMA_VERSION, parseManifest, serializeManifest } from '../../../src/kit/manifest.ts';
import { parseGitleaksIgnore } from '../../../src/secrets/gitleaks.ts';
import { parseWatchConfig } from '../../../src/watch/config.ts';
import type { FuzzTarget } from '../harness.ts';
import { onlyCodedErrors, utf8, violation } from '../harness.ts';
import { fixture } from './shared.ts';

const EXCEPTIONS = `exceptions:
  - rule: hadolint:DL3007          # pinned by digest in CI
    paths: ["services/*/Dockerfile", ./ops/Dockerfile]
    reason: "Base image pinned by digest in CI"
    owner: platform-team@example.com
    ticket: SEC-123
    expires: 2027-03-31
  - vulnerability: CVE-2021-23337
    package: lodash
    object: { kind: Deployment, namespace: shop, name: web }
    reason: Not reachable
    owner: app-team
    expires: "2026-12-31"
`;
const WATCH = `store: state/watch.db
interval: 5m
repositories:
  - registry.example.com/shop/web
  - { repository: registry.example.com/shop/api, tags: ["v1.*", "main"] }
sinks:
  - stdout
  - { webhook: "https://hooks.example.com/palisade", secretEnv: HOOK_SECRET }
listen: 127.0.0.1:9464
cluster: { context: prod }
`;
const HADOLINT = 'ignored:\n  - DL3008\n  - SC2086\nfailure-threshold: warning\noverride:\n  error: [DL3001]\n  info: [DL3032]\ntrustedRegistries:\n  - docker.io\n  - "*.gcr.io"\nlabel-schema:\n  maintainer: text\n  build-date: rfc3339\nstrict-labels: true\n';
const GITLEAKSIGNORE = 'abc123def456:src/config.ts:generic-api-key:12\nsrc/a.env:aws-access-token:3\n# comment\n';
const KIT = serializeManifest({ kind: KIT_KIND, schemaVersion: KIT_SCHEMA_VERSION, createdBy: 'palisade 0.1.0', created: '2026-11-27T12:00:00Z', signer: `sha256:${'d'.repeat(64)}`, files: [{ path: 'advisories.db', size: 4096, sha256: 'e'.repeat(64) }, { path: 'policies/a.yaml', size: 10, sha256: 'f'.repeat(64) }] });
const KUBECONFIG = `apiVersion: v1
kind: Config
current-context: prod
clusters:
- name: prod
  cluster: { server: "https://10.0.0.1:6443", certificate-authority-data: "LS0tLS1CRUdJTg==" }
users:
- name: admin
  user: { token: abc }
contexts:
- name: prod
  context: { cluster: prod, user: admin, namespace: shop }
`;

export const targets: readonly FuzzTarget[] = [
  {
    name: 'palisade-yaml',
    syntax: 'yaml',
    samples: [fixture('.palisade.yaml'), fixture('examples/insecure-app/.palisade.yaml'), 'failOn: high\nruleOptions:\n  pod-security: { level: baseline }\n  DKR-0001: { allowed: [a, b] }\nignorePaths: ["x/**"]\nseverityOverrides: { KUB-0001: low }\n'],
    check(input) {
      const result = onlyCodedErrors(() => loadConfigDocument('fuzz/.palisade.yaml', utf8(input)), []);
      if (result !== undefined && !result.ok) {
        violation(['CONFIG_INVALID', 'CONFIG_UNREADABLE'].includes(result.error.code), `unexpected code ${result.error.code}`);
        violation(result.error.message.includes('fuzz/.palisade.yaml') || result.error.position?.path === 'fuzz/.palisade.yaml', `the error does not name the file: ${result.error.message}`);
      }
    },
  },
  {
    name: 'hadolint-yaml',
    syntax: 'yaml',
    samples: [HADOLINT],
    check(input) {
      const settings = onlyCodedErrors(() => parseHadolintConfig(utf8(input)), []);
      for (const problem of settings?.problems ?? []) violation(problem.line >= 1 && problem.message !== '', `hadolint problem without a position: ${JSON.stringify(problem)}`);
    },
  },
  {
    name: 'gitleaksignore',
    syntax: 'text',
    samples: [GITLEAKSIGNORE],
    check: (input) => void onlyCodedErrors(() => parseGitleaksIgnore(utf8(input)), []),
  },
  {
    name: 'exceptions',
    syntax: 'yaml',
    samples: [EXCEPTIONS],
    check(input) {
      const result = onlyCodedErrors(() => loadExceptions('fuzz/exceptions.yaml', utf8(input)), []);
      if (result !== undefined && !result.ok) violation(result.error.code === 'EXCEPTIONS_INVALID', `unexpected code ${result.error.code}`);
    },
  },
  {
    name: 'baseline',
    syntax: 'json',
    samples: [createBaseline([dockerfileFinding(), kubernetesFinding(), vulnerabilityFinding()], new Date('2026-11-27T12:00:00Z'))],
    check(input) {
      const result = onlyCodedErrors(() => loadBaseline('fuzz/baseline.json', utf8(input)), []);
      if (result !== undefined && !result.ok) violation(result.error.code === 'BASELINE_INVALID', `unexpected code ${result.error.code}`);
    },
  },
  {
    name: 'watch-config',
    syntax: 'yaml',
    samples: [WATCH],
    check(input) {
      let value: unknown;
      try {
        value = parseYaml(utf8(input), { maxAliasCount: 100 });
      } catch {
        return; // loadWatchConfig reports YAML errors as CONFIG_INVALID before this point
      }
      onlyCodedErrors(() => parseWatchConfig(value, '/etc/palisade/watch.yaml'), ['CONFIG_INVALID']);
    },
  },
  {
    name: 'kit-manifest',
    syntax: 'json',
    samples: [KIT],
    check(input) {
      const manifest = onlyCodedErrors(() => parseManifest(input, 'fuzz.kit'), ['PARSE_FAILED']);
      if (manifest === undefined) return;
      const again = parseManifest(serializeManifest(manifest), 'fuzz.kit');
      violation(JSON.stringify(again) === JSON.stringify(manifest), 'kit manifest round trip changed it');
    },
  },
  {
    name: 'kubeconfig',
    syntax: 'yaml',
    samples: [KUBECONFIG],
    check: (input) => void onlyCodedErrors(() => parseKubeconfig(utf8(input), '/nonexistent', 'fuzz-kubeconfig'), ['CONFIG_INVALID']),
  },
];
