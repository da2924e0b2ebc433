import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { instructionsOfKind } from '../stages.ts';

const MAX_PORT = 65535;

/** The out-of-range ends of `80`, `8000-8010`; nothing for variables and text that is not a port. */
function invalidPort(port: string): string | undefined {
  if (!/^\d+(-\d+)?$/.test(port)) return undefined;
  return port.split('-').find((end) => Number(end) > MAX_PORT);
}

export const useValidExposePort = defineRule<DockerfileArtifact, 'outOfRange'>({
  meta: {
    id: 'DKR-0014',
    slug: 'use-valid-expose-port',
    title: 'EXPOSE names a port outside 0-65535',
    severity: 'high',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description: 'TCP and UDP ports range from 0 to 65535. An EXPOSE with a larger number documents a port that cannot exist, usually a typo, and the build fails on it.',
    remediation: 'Fix the port number so it lies between 0 and 65535.',
    references: ['https://docs.docker.com/reference/dockerfile/#expose', 'https://github.com/hadolint/hadolint/wiki/DL3011'],
    aliases: [{ tool: 'hadolint', id: 'DL3011', relation: 'same' }],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: [],
    messages: { outOfRange: 'EXPOSE names port {port}, outside the valid range 0-65535.' },
  },
  check(context, dockerfile) {
    const ports = dockerfile.stages.flatMap((stage) => instructionsOfKind(stage, 'expose').flatMap((expose) => expose.ports));
    for (const port of ports) {
      const invalid = invalidPort(port.port);
      if (invalid !== undefined) context.report({ messageId: 'outOfRange', at: { range: port.range }, data: { port: invalid } });
    }
  },
});
