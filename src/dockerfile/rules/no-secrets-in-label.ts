import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { isLiteral, isSecretName } from '../../secrets/secret-names.ts';
import { allInstructions } from '../stages.ts';

export const noSecretsInLabel = defineRule<DockerfileArtifact, 'literalSecret'>({
  meta: {
    id: 'DKR-0028',
    slug: 'no-secrets-in-label',
    title: 'Secret hard-coded in a LABEL',
    severity: 'critical',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'Labels are the most visible part of an image: `docker inspect`, registry web pages and scanners show them to anyone who can see the image. A password, token or key in a label is published with it.',
    remediation: 'Remove the label and rotate the secret; labels are for public metadata (source, version, licence), never credentials.',
    references: ['https://docs.docker.com/reference/dockerfile/#label', 'https://docs.docker.com/build/building/secrets/'],
    aliases: [],
    compliance: ['cis-docker-1.6:4.10', 'nist-800-190:4.1.4', 'pci-dss-4.0:8.6.2'],
    packs: [],
    messages: { literalSecret: 'LABEL sets "{key}" to a literal value; a secret there is shown to anyone who can inspect the image.' },
  },
  check(context, dockerfile) {
    for (const instruction of allInstructions(dockerfile)) {
      if (instruction.kind !== 'label') continue;
      for (const pair of instruction.pairs) {
        if (!isSecretName(pair.key) || !isLiteral(pair.value)) continue;
        // The key, never the value: evidence and fingerprint must not carry the secret.
        context.report({ messageId: 'literalSecret', at: { range: pair.keyRange }, data: { key: pair.key }, identity: `LABEL ${pair.key}`, evidence: pair.key });
      }
    }
  },
});
