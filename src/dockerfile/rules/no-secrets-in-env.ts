import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { isLiteral, isSecretName } from '../../secrets/secret-names.ts';
import { allInstructions } from '../stages.ts';

export const noSecretsInEnv = defineRule<DockerfileArtifact, 'literalSecret'>({
  meta: {
    id: 'DKR-0005',
    slug: 'no-secrets-in-env',
    title: 'Secret hard-coded in ENV or ARG',
    severity: 'critical',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'A password, token or key written as the value of ENV or ARG is stored in the Dockerfile and in the image (its config or its build history), where anyone who can read the repository or pull the image can read it.',
    remediation:
      'Remove the value from the Dockerfile and rotate the secret. Pass build-time secrets with `RUN --mount=type=secret`, and runtime secrets through the orchestrator (a mounted file or a secret store).',
    references: [
      'https://docs.docker.com/build/building/secrets/',
      'https://docs.docker.com/reference/dockerfile/#env',
      'https://docs.docker.com/reference/dockerfile/#arg',
    ],
    aliases: [{ tool: 'trivy', id: 'DS031', relation: 'similar' }],
    compliance: ['cis-docker-1.6:4.10', 'nist-800-190:4.1.4', 'pci-dss-4.0:8.6.2'],
    packs: [],
    messages: {
      literalSecret: '{keyword} sets "{key}" to a literal value; a secret there is readable by anyone with the Dockerfile or the image.',
    },
  },
  check(context, dockerfile) {
    for (const instruction of allInstructions(dockerfile)) {
      if (instruction.kind !== 'env' && instruction.kind !== 'arg') continue;
      for (const pair of instruction.pairs) {
        if (!isSecretName(pair.key) || !isLiteral(pair.value)) continue;
        // The key, never the value: evidence and fingerprint must not carry the secret.
        context.report({
          messageId: 'literalSecret',
          at: { range: pair.keyRange },
          data: { keyword: instruction.keyword, key: pair.key },
          identity: `${instruction.keyword} ${pair.key}`,
        });
      }
    }
  },
});
