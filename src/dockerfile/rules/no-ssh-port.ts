import { defineRule } from '../../core/index.ts';
import { unquote } from '../exec-words.ts';
import type { DockerfileArtifact, ExposedPort } from '../model.ts';
import { allInstructions } from '../stages.ts';

const SSH_PORT = 22;

/** `22`, `22/tcp`, or a range such as `20-30`; variables and UDP/SCTP never match. */
function exposesSsh(port: ExposedPort): boolean {
  const protocol = port.protocol?.toLowerCase();
  if (protocol !== undefined && protocol !== 'tcp') return false;
  const match = /^(\d+)(?:-(\d+))?$/.exec(unquote(port.port));
  if (match === null) return false;
  const low = Number(match[1]);
  const high = match[2] === undefined ? low : Number(match[2]);
  return low <= SSH_PORT && SSH_PORT <= high;
}

export const noSshPort = defineRule<DockerfileArtifact, 'sshPort'>({
  meta: {
    id: 'DKR-0007',
    slug: 'no-ssh-port',
    title: 'SSH port 22 exposed',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'Exposing port 22 means an SSH server runs in the container: one more service to patch and to attack, and a way around the orchestrator’s access control and audit.',
    remediation: 'Remove port 22 from EXPOSE and the SSH server from the image; use `docker exec` or `kubectl exec` to get into a running container.',
    references: ['https://docs.docker.com/reference/dockerfile/#expose'],
    aliases: [
      { tool: 'trivy', id: 'DS004', relation: 'same' },
      { tool: 'checkov', id: 'CKV_DOCKER_1', relation: 'same' },
    ],
    compliance: ['pci-dss-4.0:1.3.1', 'pci-dss-4.0:2.2.5'],
    packs: [],
    messages: {
      sshPort: 'EXPOSE "{port}" publishes the SSH port 22.',
    },
  },
  check(context, dockerfile) {
    for (const instruction of allInstructions(dockerfile)) {
      if (instruction.kind !== 'expose') continue;
      for (const port of instruction.ports) {
        if (exposesSsh(port)) context.report({ messageId: 'sshPort', at: { range: port.range }, data: { port: port.value } });
      }
    }
  },
});
