import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { allInstructions } from '../stages.ts';

/** `scheme://user:password@host` with a literal password (not `$VAR`); bounded, so a huge value stays linear. */
const URL_CREDENTIALS = /[a-z][a-z0-9+.-]{0,31}:\/\/[^\s:/@$]{1,256}:[^\s/@$]{1,256}@[^\s/]/i;
const PRIVATE_KEY_BLOCK = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

function credentialIn(value: string): string | undefined {
  if (PRIVATE_KEY_BLOCK.test(value)) return 'a private key';
  if (URL_CREDENTIALS.test(value)) return 'a URL with a password';
  return undefined;
}

export const noCredentialsInValues = defineRule<DockerfileArtifact, 'credential'>({
  meta: {
    id: 'DKR-0029',
    slug: 'no-credentials-in-values',
    title: 'Credentials in an ENV, ARG or LABEL value',
    severity: 'critical',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'A URL with a password (`https://user:pass@host`, a database or proxy URL) or a private key block written as the value of ENV, ARG or LABEL ends up in the image configuration or build history, whatever the variable is called.',
    remediation: 'Remove the credential from the value and rotate it; pass it at build time with `RUN --mount=type=secret` and at run time through the orchestrator.',
    references: ['https://docs.docker.com/build/building/secrets/', 'https://docs.docker.com/reference/dockerfile/#env'],
    aliases: [],
    compliance: ['cis-docker-1.6:4.10', 'nist-800-190:4.1.4', 'pci-dss-4.0:8.6.2'],
    packs: [],
    messages: { credential: '{keyword} "{key}" holds {what}; it is stored in the image for anyone who can pull it.' },
  },
  check(context, dockerfile) {
    for (const instruction of allInstructions(dockerfile)) {
      if (instruction.kind !== 'env' && instruction.kind !== 'arg' && instruction.kind !== 'label') continue;
      for (const pair of instruction.pairs) {
        const what = credentialIn(pair.value ?? '');
        if (what === undefined || pair.valueRange === undefined) continue;
        // Redacted: the evidence and the fingerprint name the variable, never the value.
        const evidence = `${pair.key}=<redacted>`;
        context.report({ messageId: 'credential', at: { range: pair.valueRange }, data: { keyword: instruction.keyword, key: pair.key, what }, identity: `${instruction.keyword} ${pair.key}`, evidence });
      }
    }
  },
});
