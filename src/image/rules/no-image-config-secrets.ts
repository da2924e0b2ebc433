import { defineRule } from '../../core/index.ts';
import type { ImageConfigArtifact } from '../scan/index.ts';
import { isLiteral, isSecretName } from '../../secrets/index.ts';

export const noImageConfigSecrets = defineRule<ImageConfigArtifact, 'env' | 'label'>({
  meta: {
    id: 'IMG-0004',
    slug: 'no-image-config-secrets',
    title: 'Secret stored in the image config (Env or Labels)',
    severity: 'critical',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'image-config',
    description:
      'Environment variables and labels are stored in clear in the image config: anyone who can pull the image reads them with `docker inspect`, and every container started from it receives the environment. A password, token or key there has leaked.',
    remediation:
      'Rotate the secret, remove it from the Dockerfile (`ENV`, `ARG` used in `ENV`, `LABEL`) and rebuild; give it to the container at run time from a secret store or the orchestrator (a mounted file or a secret reference).',
    references: ['https://docs.docker.com/build/building/secrets/', 'https://github.com/opencontainers/image-spec/blob/main/config.md#properties'],
    aliases: [],
    compliance: ['cis-docker-1.6:4.10', 'nist-800-190:4.1.4', 'pci-dss-4.0:8.6.2'],
    packs: [],
    messages: {
      env: 'The image config sets the environment variable "{name}" to a literal value; anyone who can pull the image can read it.',
      label: 'The image config sets the label "{name}" to a literal value; anyone who can pull the image can read it.',
    },
  },
  check(context, artifact) {
    for (const { name, value, pointer } of artifact.config.env) {
      if (!isSecretName(name) || !isLiteral(value)) continue;
      // The name, never the value: evidence and fingerprint must not carry the secret.
      context.report({ messageId: 'env', at: { pointer }, data: { name }, identity: `env ${name}`, evidence: `${name}=<redacted>` });
    }
    for (const { name, value, pointer } of artifact.config.labels) {
      if (!isSecretName(name) || !isLiteral(value)) continue;
      const range = artifact.keyRange(pointer);
      context.report({ messageId: 'label', at: range === undefined ? { pointer } : { range }, data: { name }, identity: `label ${name}`, evidence: `${name}=<redacted>` });
    }
  },
});
