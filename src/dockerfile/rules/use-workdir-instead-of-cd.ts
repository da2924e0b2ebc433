import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { commandText, shellRuns } from '../shell/index.ts';

export const useWorkdirInsteadOfCd = defineRule<DockerfileArtifact, 'cd'>({
  meta: {
    id: 'DKR-0101',
    slug: 'use-workdir-instead-of-cd',
    title: 'RUN changes directory with cd instead of WORKDIR',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'A `cd` lasts only for the RUN it is in, so later instructions silently run elsewhere; WORKDIR states the directory once, for every following instruction, and is visible in the image configuration.',
    remediation: 'Set the directory with a WORKDIR instruction before the RUN, or give the commands absolute paths.',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3003', 'https://docs.docker.com/build/building/best-practices/#workdir'],
    aliases: [{ tool: 'hadolint', id: 'DL3003', relation: 'same' }],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: [],
    messages: {
      cd: 'RUN changes directory with "cd {target}"; use WORKDIR instead.',
    },
  },
  check(context, dockerfile) {
    for (const { script } of shellRuns(dockerfile)) {
      for (const cd of script.cdTargets) {
        const command = script.commands[cd.command];
        if (command === undefined) continue;
        context.report({ messageId: 'cd', at: { range: command.name.range }, data: { target: cd.target?.value ?? '' }, identity: commandText(command) });
      }
    }
  },
});
