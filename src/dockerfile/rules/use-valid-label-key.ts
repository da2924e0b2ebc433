import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { allInstructions } from '../stages.ts';

const RESERVED_NAMESPACES = ['com.docker.', 'io.docker.', 'org.dockerproject.'];

/** Docker's label key format: lower-case alphanumerics, `.` and `-`, starting with a letter, ending with an alphanumeric, no `..` or `--`. */
function problemOf(key: string): string | undefined {
  if (RESERVED_NAMESPACES.some((namespace) => key.startsWith(namespace))) return 'uses a namespace reserved by Docker';
  if (!/^[a-z]/.test(key)) return 'does not start with a lower-case letter';
  if (!/[a-z0-9]$/.test(key)) return 'does not end with a lower-case letter or digit';
  if (/[^a-z0-9.-]/.test(key)) return 'has characters other than lower-case letters, digits, "." and "-"';
  if (key.includes('..') || key.includes('--')) return 'has consecutive separators';
  return undefined;
}

export const useValidLabelKey = defineRule<DockerfileArtifact, 'invalidKey'>({
  meta: {
    id: 'DKR-0024',
    slug: 'use-valid-label-key',
    title: 'LABEL key does not follow the label key format',
    severity: 'info',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'Docker recommends label keys of lower-case letters, digits, `.` and `-` (reverse-DNS such as `org.opencontainers.image.source`), and reserves the `com.docker.*`, `io.docker.*` and `org.dockerproject.*` namespaces; tools that query labels expect that form.',
    remediation: 'Rename the label to a lower-case reverse-DNS key outside the Docker namespaces.',
    references: ['https://docs.docker.com/engine/manage-resources/labels/#key-format-recommendations', 'https://github.com/hadolint/hadolint/wiki/DL3048'],
    aliases: [{ tool: 'hadolint', id: 'DL3048', relation: 'same' }],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: [],
    messages: { invalidKey: 'Label key "{key}" {problem}.' },
  },
  check(context, dockerfile) {
    for (const instruction of allInstructions(dockerfile)) {
      if (instruction.kind !== 'label') continue;
      for (const pair of instruction.pairs) {
        const problem = problemOf(pair.key);
        if (problem !== undefined) context.report({ messageId: 'invalidKey', at: { range: pair.keyRange }, data: { key: pair.key, problem } });
      }
    }
  },
});
