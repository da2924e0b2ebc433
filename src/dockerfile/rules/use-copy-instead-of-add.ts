import { defineRule } from '../../core/index.ts';
import { unquote } from '../exec-words.ts';
import type { DockerfileArtifact, Word } from '../model.ts';
import { allInstructions } from '../stages.ts';

/** What ADD extracts (hadolint's list, plus zstd which BuildKit extracts too). */
const ARCHIVE_EXTENSIONS = ['.tar', '.z', '.bz2', '.gz', '.lz', '.lzma', '.tz', '.tb2', '.tbz', '.tbz2', '.tgz', '.tlz', '.tpz', '.txz', '.xz', '.zst', '.tzst'];
const REMOTE = /^([a-z][a-z0-9+.-]*:\/\/|git@)/i;

/** A source that COPY could take as well: not a URL, not an archive ADD would extract, no variable. */
function isPlainLocal(source: Word): boolean {
  const value = unquote(source.value);
  if (REMOTE.test(value) || value.includes('$')) return false;
  const lower = value.toLowerCase();
  return !ARCHIVE_EXTENSIONS.some((extension) => lower.endsWith(extension));
}

export const useCopyInsteadOfAdd = defineRule<DockerfileArtifact, 'useCopy'>({
  meta: {
    id: 'DKR-0004',
    slug: 'use-copy-instead-of-add',
    title: 'ADD used to copy local files',
    severity: 'low',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'ADD also fetches URLs and unpacks archives. Used for plain local files it hides that behaviour from reviewers, and a file that later becomes an archive is silently extracted into the image.',
    remediation: 'Use COPY for local files and folders; keep ADD for remote URLs and for archives that must be extracted.',
    references: [
      'https://docs.docker.com/reference/dockerfile/#add',
      'https://docs.docker.com/build/building/best-practices/#add-or-copy',
      'https://github.com/hadolint/hadolint/wiki/DL3020',
    ],
    aliases: [
      { tool: 'hadolint', id: 'DL3020', relation: 'same' },
      { tool: 'trivy', id: 'DS005', relation: 'same' },
      { tool: 'checkov', id: 'CKV_DOCKER_4', relation: 'similar' },
    ],
    compliance: ['cis-docker-1.6:4.9'],
    packs: [],
    messages: {
      useCopy: 'ADD copies the local path "{source}"; COPY does the same without fetching URLs or extracting archives.',
    },
  },
  check(context, dockerfile) {
    for (const instruction of allInstructions(dockerfile)) {
      if (instruction.kind !== 'add') continue;
      const local = instruction.sources.find(isPlainLocal);
      if (local === undefined) continue;
      context.report({
        messageId: 'useCopy',
        at: { range: instruction.keywordRange },
        data: { source: local.value },
        identity: `ADD ${instruction.arguments.replace(/\s+/g, ' ').trim()}`,
      });
    }
  },
});
