import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { commandText, isProgram, programOf, shellRuns } from '../shell/index.ts';
import { runsAnyProgram } from '../programs.ts';

const DOWNLOADERS = ['curl', 'wget'];

export const noBothWgetAndCurl = defineRule<DockerfileArtifact, 'both'>({
  meta: {
    id: 'DKR-0127',
    slug: 'no-both-wget-and-curl',
    title: 'Stage uses both wget and curl',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description: 'wget and curl do the same job; a stage that uses both ships (or installs) two tools where one would do: a larger image and one more program to patch.',
    remediation: 'Pick one of the two for every download of the stage.',
    references: ['https://github.com/hadolint/hadolint/wiki/DL4001'],
    aliases: [{ tool: 'hadolint', id: 'DL4001', relation: 'same' }],
    compliance: ['cis-docker-1.6:4.3'],
    packs: [],
    messages: {
      both: 'RUN uses "{command}" in a stage that already uses {other}; use only one of wget and curl.',
    },
  },
  check(context, dockerfile) {
    if (!runsAnyProgram(dockerfile, ['curl']) || !runsAnyProgram(dockerfile, ['wget'])) return;
    const seen = new Map<number, Set<string>>();
    for (const { stage, script } of shellRuns(dockerfile)) {
      const used = seen.get(stage.index) ?? new Set<string>();
      seen.set(stage.index, used);
      const downloads = script.commands.filter((command) => isProgram(command, DOWNLOADERS));
      for (const command of downloads) used.add(programOf(command));
      const first = downloads[0];
      if (first === undefined || used.size < 2) continue;
      const program = programOf(first);
      context.report({ messageId: 'both', at: { range: first.name.range }, data: { command: program, other: program === 'curl' ? 'wget' : 'curl' }, identity: commandText(first) });
    }
  },
});
