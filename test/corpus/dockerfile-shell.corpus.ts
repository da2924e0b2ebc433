// Corpus suite for the common-subset shell parser (src/dockerfile/shell/common-parse.ts): every RUN of
// every real Dockerfile of ../shared/corpora/dockerfiles is parsed by both engines (`auto`, which tries
// the common-subset parser first, and tree-sitter alone), and the shell models must be identical.
// Run: npm run test:corpus. Skips with a message where ../shared is absent.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../../src/core/index.ts';
import { dockerfileAnalyzer } from '../../src/dockerfile/index.ts';
import type { DockerfileArtifact } from '../../src/dockerfile/model.ts';
import { joinContinuations } from '../../src/dockerfile/logical-text.ts';
import { buildRunScript } from '../../src/dockerfile/shell/analyze.ts';
import { parseCommonShell } from '../../src/dockerfile/shell/common-parse.ts';
import { shellRuns } from '../../src/dockerfile/shell/index.ts';
import { REPO_ROOT } from '../cli-helpers.ts';
import { plainScript } from '../../src/dockerfile/__fixtures__/plain-script.ts';

const FOLDER = join(REPO_ROOT, '..', 'shared', 'corpora', 'dockerfiles');
const skip = existsSync(FOLDER) ? false : `corpus not found at ${FOLDER} (needs ../shared beside the clone)`;

function artifacts(): DockerfileArtifact[] {
  const names = readdirSync(FOLDER).filter((name) => !name.endsWith('.json') && !name.endsWith('.md'));
  return names.flatMap((name) => {
    const output = dockerfileAnalyzer.analyze(createSourceDocument(name, readFileSync(join(FOLDER, name), 'utf8')));
    return output.artifacts.filter((artifact): artifact is DockerfileArtifact => artifact.kind === 'dockerfile' && 'stages' in artifact);
  });
}

describe('common-subset shell parser on the Dockerfile corpus', { skip }, () => {
  it('gives the shell model tree-sitter gives for every RUN, and reads most of them itself', (t) => {
    let runs = 0;
    let common = 0;
    /** POSIX RUNs (those a scan parses) that still need tree-sitter, and so load the bash grammar. */
    const fallbacks: string[] = [];
    for (const artifact of artifacts()) {
      const { lines, text } = artifact.source;
      const posix = new Set(shellRuns(artifact).map((run) => run.instruction));
      for (const stage of artifact.stages) {
        for (const instruction of stage.instructions) {
          if (instruction.kind !== 'run') continue;
          runs += 1;
          const where = `${artifact.source.path}:${instruction.range.start.line}`;
          assert.deepEqual(plainScript(buildRunScript(artifact, instruction, 'auto')), plainScript(buildRunScript(artifact, instruction, 'tree-sitter')), where);
          const range = instruction.commandRange;
          if (instruction.form !== 'shell' || range === undefined || instruction.heredocs.length > 0) continue;
          const start = lines.lineStart(range.start.line) + range.start.column - 1;
          const end = lines.lineStart(range.end.line) + range.end.column - 1;
          const logical = joinContinuations(text, start, end, artifact.escapeChar).text;
          if (parseCommonShell(logical, () => range) !== undefined) common += 1;
          else if (posix.has(instruction)) fallbacks.push(where);
        }
      }
    }
    t.diagnostic(`${runs} RUN instructions, ${common} read by the common-subset parser; on tree-sitter: ${fallbacks.join(', ')}`);
    assert.ok(runs > 1000, `expected over 1000 RUNs, found ${runs}`);
    // 1125 of 1162 (session 5; 1100 when written): the rest are Windows stages, which a scan does not parse.
    assert.ok(common >= 1120, `the common-subset parser read only ${common} RUNs`);
    // None: the last one, `RUN & C:/…ps1`, is in a file marked `# hadolint shell=powershell`, so a scan
    // does not read it as sh. A corpus scan never loads the bash grammar.
    assert.deepEqual(fallbacks, []);
  });
});
