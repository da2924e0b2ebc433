import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { commandText, flagValue, hasFlag, isProgram, shellRuns } from '../shell/index.ts';
import { runsAnyProgram } from '../programs.ts';

export const requireUseraddNoLogInit = defineRule<DockerfileArtifact, 'logInit'>({
  meta: {
    id: 'DKR-0124',
    slug: 'require-useradd-no-log-init',
    title: 'useradd with a high UID and without -l',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'useradd writes the new user into the sparse files /var/log/lastlog and /var/log/faillog at an offset proportional to the UID; the layer stores them in full, so a large UID adds gigabytes to the image.',
    remediation: 'Add `-l` (`--no-log-init`) to useradd, or use a smaller UID.',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3046', 'https://docs.docker.com/build/building/best-practices/#user'],
    aliases: [{ tool: 'hadolint', id: 'DL3046', relation: 'same' }],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: [],
    messages: {
      logInit: 'useradd creates UID {uid} without -l, which bloats /var/log/lastlog and /var/log/faillog.',
    },
  },
  check(context, dockerfile) {
    if (!runsAnyProgram(dockerfile, ['useradd'])) return;
    for (const { script } of shellRuns(dockerfile)) {
      for (const command of script.commands) {
        if (!isProgram(command, ['useradd']) || hasFlag(command, ['l', 'no-log-init'])) continue;
        const uid = flagValue(command, 'u', 'uid');
        const value = uid?.value.replace(/^(?:--uid=|-u)/, '') ?? '';
        if (uid?.static === true && value.length > 5) context.report({ messageId: 'logInit', at: { range: command.name.range }, data: { uid: value }, identity: commandText(command) });
      }
    }
  },
});
