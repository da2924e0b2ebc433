import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../core/index.ts';
import { dockerfileAnalyzer } from './analyzer.ts';
import type { DockerfileArtifact } from './model.ts';
import { commandsRunning, programsRun, runsAnyProgram } from './programs.ts';
import { isProgram, lastSlash, shellRuns } from './shell/index.ts';

function artifactOf(code: string): DockerfileArtifact {
  const artifact = dockerfileAnalyzer.analyze(createSourceDocument('Dockerfile', code)).artifacts[0];
  assert.ok(artifact !== undefined && artifact.kind === 'dockerfile' && 'stages' in artifact);
  return artifact;
}

/** `name@line:column` of each command `commandsRunning` gives. */
function running(dockerfile: DockerfileArtifact, names: readonly string[]): string[] {
  return commandsRunning(dockerfile, names).map(({ command }) => `${command.name.value}@${command.name.range.start.line}:${command.name.range.start.column}`);
}

/** The same list as the loop rules wrote before: every command of every POSIX RUN that `isProgram` accepts. */
function filtered(dockerfile: DockerfileArtifact, names: readonly string[]): string[] {
  const found: string[] = [];
  for (const { script } of shellRuns(dockerfile)) {
    for (const command of script.commands) if (isProgram(command, names)) found.push(`${command.name.value}@${command.name.range.start.line}:${command.name.range.start.column}`);
  }
  return found;
}

const DOCKERFILE = [
  'FROM debian:12',
  'RUN apt-get update && /usr/bin/apt-get install -y curl',
  'RUN "$APT" install x && apt install y && sudo -u root apt-get purge z',
  'FROM alpine AS tools',
  'RUN apk add git && apt-get clean',
  'SHELL ["pwsh", "-c"]',
  'RUN apt-get install -y skipped',
].join('\n');

describe('commands by program', () => {
  const dockerfile = artifactOf(DOCKERFILE);

  const cases: readonly { names: readonly string[]; expected: readonly string[] }[] = [
    { names: ['apt-get'], expected: ['apt-get@2:5', '/usr/bin/apt-get@2:23', 'apt-get@3:55', 'apt-get@5:20'] },
    { names: ['apt-get', 'apt', 'apk'], expected: ['apt-get@2:5', '/usr/bin/apt-get@2:23', 'apt@3:25', 'apt-get@3:55', 'apk@5:5', 'apt-get@5:20'] },
    { names: ['apk', 'apt'], expected: ['apt@3:25', 'apk@5:5'] },
    { names: ['sudo'], expected: ['sudo@3:42'] },
    { names: ['yum'], expected: [] },
    { names: [], expected: [] },
  ];
  for (const { names, expected } of cases) {
    it(`lists the commands running ${names.join(', ') || 'nothing'} in file order`, () => {
      assert.deepEqual(running(dockerfile, names), expected);
      assert.deepEqual(running(dockerfile, names), filtered(dockerfile, names));
    });
  }

  it('leaves out commands whose name is not static, which programsRun keeps', () => {
    // The value of a word that is not static is its raw text.
    assert.deepEqual(running(dockerfile, ['"$APT"']), []);
    assert.equal(programsRun(dockerfile).has('"$APT"'), true);
    assert.equal(runsAnyProgram(dockerfile, ['"$APT"']), true);
  });

  it('answers for each file asked about, one after the other', () => {
    const other = artifactOf('FROM alpine\nRUN apk add a && apk add b');
    assert.deepEqual(running(other, ['apk']), ['apk@2:5', 'apk@2:18']);
    assert.deepEqual(running(dockerfile, ['apk']), ['apk@5:5']);
    assert.deepEqual(running(other, ['apt-get']), []);
  });
});

describe('lastSlash', () => {
  const cases: readonly [string, number][] = [
    ['apt-get', -1],
    ['/usr/bin/apt-get', 8],
    ['a/', 1],
    ['/', 0],
    ['', -1],
    ['./x/y/z', 5],
  ];
  for (const [name, expected] of cases) {
    it(`finds the last slash of ${JSON.stringify(name)}`, () => {
      assert.equal(lastSlash(name), expected);
      assert.equal(lastSlash(name), name.lastIndexOf('/'));
    });
  }
});
