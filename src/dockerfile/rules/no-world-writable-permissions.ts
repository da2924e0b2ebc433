import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { operandsOf } from '../shell/index.ts';
import { commandsRunning } from '../programs.ts';

/**
 * True when the mode gives write access to others: `777`, `0666`, `o+w`, `a=rwx`. A mode with the
 * sticky bit (`1777`, `+t`) is the shared-directory pattern of /tmp and is left alone; `+w` without
 * a `who` follows the umask and is not reported.
 */
export function isWorldWritable(mode: string): boolean {
  const octal = /^0*([0-7]?)([0-7]{3})$/.exec(mode);
  if (octal !== null) {
    const special = Number(octal[1] === '' ? '0' : octal[1]);
    const others = Number(octal[2]?.at(-1) ?? '0');
    return (others & 2) !== 0 && (special & 1) === 0;
  }
  if (/t/.test(mode.replace(/^.*?[-+=]/, ''))) return false;
  return mode.split(',').some((clause) => /^[ugo]*[ao][ugoa]*[+=][rwxXst]*w/.test(clause));
}

export const noWorldWritablePermissions = defineRule<DockerfileArtifact, 'worldWritable'>({
  meta: {
    id: 'DKR-0131',
    slug: 'no-world-writable-permissions',
    title: 'chmod makes files world-writable',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'A world-writable file or directory (`chmod 777`, `o+w`) can be changed by any user in the container, so a compromised unprivileged process can replace programs, scripts or configuration that others, root included, run.',
    remediation: 'Give write access to the owning user or group only (`chmod 755`, `chown app:app` with `chmod 775`).',
    references: ['https://man7.org/linux/man-pages/man1/chmod.1.html', 'https://csrc.nist.gov/pubs/sp/800/190/final'],
    aliases: [],
    compliance: ['nist-800-190:4.1.2', 'pci-dss-4.0:7.2.2'],
    packs: [],
    messages: {
      worldWritable: 'chmod {mode} makes files writable by every user.',
    },
  },
  check(context, dockerfile) {
    for (const { command } of commandsRunning(dockerfile, ['chmod'])) {
      const mode = operandsOf(command, new Set(['reference']))[0];
      if (mode?.static === true && isWorldWritable(mode.value)) context.report({ messageId: 'worldWritable', at: { range: mode.range }, data: { mode: mode.value } });
    }
  },
});
