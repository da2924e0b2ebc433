import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { isProgram, shellRuns } from '../shell/index.ts';
import { runsAnyProgram } from '../programs.ts';

export const useShellInstruction = defineRule<DockerfileArtifact, 'relink'>({
  meta: {
    id: 'DKR-0128',
    slug: 'use-shell-instruction',
    title: 'RUN replaces /bin/sh with a link instead of using SHELL',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'Linking another shell over `/bin/sh` changes the shell of every program in the image that runs `/bin/sh`, not only of the build; the SHELL instruction changes the shell of the RUN instructions alone, visibly.',
    remediation: 'Remove the `ln … /bin/sh` and add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (or the shell you need) before the RUN instructions.',
    references: ['https://github.com/hadolint/hadolint/wiki/DL4005', 'https://docs.docker.com/reference/dockerfile/#shell'],
    aliases: [{ tool: 'hadolint', id: 'DL4005', relation: 'same' }],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: [],
    messages: {
      relink: 'RUN links over /bin/sh; use the SHELL instruction to change the shell.',
    },
  },
  check(context, dockerfile) {
    if (!runsAnyProgram(dockerfile, ['ln'])) return;
    for (const { script } of shellRuns(dockerfile)) {
      for (const command of script.commands) {
        if (!isProgram(command, ['ln'])) continue;
        const target = command.args.find((arg) => arg.static && arg.value === '/bin/sh');
        if (target !== undefined) context.report({ messageId: 'relink', at: { range: target.range } });
      }
    }
  },
});
