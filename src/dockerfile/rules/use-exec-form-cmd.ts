import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { allInstructions } from '../stages.ts';

export const useExecFormCmd = defineRule<DockerfileArtifact, 'shellForm'>({
  meta: {
    id: 'DKR-0019',
    slug: 'use-exec-form-cmd',
    title: 'CMD or ENTRYPOINT in shell form',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'In shell form, CMD and ENTRYPOINT run under `/bin/sh -c`: the shell becomes PID 1, the program does not receive SIGTERM on `docker stop` and is killed after the grace period, and an ENTRYPOINT ignores the arguments given to `docker run`.',
    remediation: 'Write the command as a JSON array (`CMD ["node", "server.js"]`); call a shell explicitly only where shell features are needed.',
    references: ['https://docs.docker.com/reference/dockerfile/#shell-and-exec-form', 'https://github.com/hadolint/hadolint/wiki/DL3025'],
    aliases: [{ tool: 'hadolint', id: 'DL3025', relation: 'same' }],
    compliance: ['nist-800-190:4.1.2'],
    packs: [],
    messages: { shellForm: '{keyword} uses the shell form, so the program runs under /bin/sh and does not receive stop signals.' },
  },
  check(context, dockerfile) {
    for (const instruction of allInstructions(dockerfile)) {
      if (instruction.kind !== 'cmd' && instruction.kind !== 'entrypoint') continue;
      if (instruction.form === 'exec' || instruction.commandRange === undefined) continue;
      context.report({ messageId: 'shellForm', at: { range: instruction.commandRange }, data: { keyword: instruction.keyword } });
    }
  },
});
