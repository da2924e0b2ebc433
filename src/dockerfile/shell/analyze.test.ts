import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SourceRange } from '../../core/index.ts';
import { createSourceDocument } from '../../core/index.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import type { DockerfileArtifact } from '../model.ts';
import { isPosixShell, scriptOf, shellRuns } from './analyze.ts';
import { buildScript, MAX_SCRIPT_LENGTH } from './build.ts';
import { shellParserAvailable } from './grammar.ts';
import type { ShellScript } from './model.ts';

function artifactOf(code: string): DockerfileArtifact {
  const output = dockerfileAnalyzer.analyze(createSourceDocument('Dockerfile', code));
  const artifact = output.artifacts[0];
  assert.ok(artifact !== undefined && artifact.kind === 'dockerfile');
  return artifact as DockerfileArtifact;
}

function scriptsOf(code: string): ShellScript[] {
  return shellRuns(artifactOf(code)).map((run) => run.script);
}

/** `line:column-line:column`, end exclusive. */
function at(range: SourceRange): string {
  return `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;
}

function commandsOf(script: ShellScript | undefined): string[] {
  return (script?.commands ?? []).map((command) => [command.name, ...command.args].map((word) => `${word.value}@${at(word.range)}`).join(' '));
}

describe('shell analysis of RUN', () => {
  it('loads the bash grammar', () => {
    assert.equal(shellParserAvailable(), true);
  });

  it('maps commands and arguments to exact positions, quotes removed', () => {
    const [script] = scriptsOf('FROM debian:12\nRUN apt-get install -y "curl" \'git\' x=$V');
    assert.deepEqual(commandsOf(script), ['apt-get@2:5-2:12 install@2:13-2:20 -y@2:21-2:23 curl@2:24-2:30 git@2:31-2:36 x=$V@2:37-2:41']);
    assert.equal(script?.commands[0]?.args[4]?.static, false);
    assert.equal(script?.commands[0]?.args[2]?.raw, '"curl"');
  });

  it('follows line continuations and skips comment lines inside them', () => {
    const [script] = scriptsOf('FROM debian:12\nRUN apt-get update \\\n# a comment\n    && apt-get install -y \\\n      curl');
    assert.deepEqual(commandsOf(script), ['apt-get@2:5-2:12 update@2:13-2:19', 'apt-get@4:8-4:15 install@4:16-4:23 -y@4:24-4:26 curl@5:7-5:11']);
    assert.equal(script?.commands[1]?.joinedBy, '&&');
  });

  it('honours the escape directive', () => {
    const [script] = scriptsOf('# escape=`\nFROM debian:12\nRUN echo a `\n  && echo b');
    assert.deepEqual(commandsOf(script), ['echo@3:5-3:9 a@3:10-3:11', 'echo@4:6-4:10 b@4:11-4:12']);
  });

  it('records joins, pipes, subshells and cd targets', () => {
    const [script] = scriptsOf('FROM debian:12\nRUN cd /src && (cd sub; make) || true; curl -s x | tar -x');
    assert.deepEqual(script?.commands.map((command) => [command.name.value, command.joinedBy, command.subshellDepth]), [
      ['cd', undefined, 0],
      ['cd', '&&', 1],
      ['make', ';', 1],
      ['true', '||', 0],
      ['curl', ';', 0],
      ['tar', '|', 0],
    ]);
    assert.deepEqual(script?.pipes.map((pipe) => [pipe.operator, at(pipe.range), pipe.left, pipe.right]), [['|', '2:50-2:51', 4, 5]]);
    assert.deepEqual(script?.cdTargets.map((cd) => cd.target?.value), ['/src', 'sub']);
  });

  it('finds commands inside command substitutions and control structures', () => {
    const [script] = scriptsOf('FROM debian:12\nRUN if [ -f x ]; then arch="$(dpkg --print-architecture)"; fi; for p in a b; do echo $p; done');
    assert.deepEqual(script?.commands.map((command) => command.name.value), ['dpkg', 'echo']);
    assert.equal(script?.commands[0]?.subshellDepth, 1);
    assert.deepEqual(script?.assignments.map((word) => [word.value, word.static]), [['arch="$(dpkg --print-architecture)"', false]]);
  });

  it('unwraps sudo, env and xargs to the command they run', () => {
    const [script] = scriptsOf('FROM debian:12\nRUN sudo -u app pip install x && env A=1 npm i y && xargs -r apt-get install -y < list');
    assert.deepEqual(script?.commands.map((command) => [command.name.value, command.wrappedBy]), [
      ['sudo', undefined],
      ['pip', 0],
      ['env', undefined],
      ['npm', 2],
      ['xargs', undefined],
      ['apt-get', 4],
    ]);
  });

  it('parses a bare here-document RUN as a script, with body positions', () => {
    const [script] = scriptsOf('FROM debian:12\nRUN <<EOF\nset -e\napt-get install -y curl\nEOF');
    assert.equal(script?.origin, 'heredoc');
    assert.deepEqual(commandsOf(script), ['set@3:1-3:4 -e@3:5-3:7', 'apt-get@4:1-4:8 install@4:9-4:16 -y@4:17-4:19 curl@4:20-4:24']);
  });

  it('parses a here-document fed to a shell, but not one fed to another program', () => {
    const [shell, data, python] = scriptsOf('FROM debian:12\nRUN bash <<EOF\ncd /x\nEOF\nRUN cat <<EOF > /etc/x.conf\nrm -rf /\nEOF\nRUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF');
    assert.deepEqual(commandsOf(shell), ['bash@2:5-2:9', 'cd@3:1-3:3 /x@3:4-3:6']);
    assert.deepEqual(commandsOf(data), ['cat@5:5-5:8']);
    assert.deepEqual(commandsOf(python), []);
  });

  it('reads the exec form as one command with its argv', () => {
    const [script] = scriptsOf('FROM debian:12\nRUN ["apt-get", "install", "curl"]');
    assert.equal(script?.origin, 'exec-form');
    assert.deepEqual(commandsOf(script), ['apt-get@2:6-2:15 install@2:17-2:26 curl@2:28-2:34']);
  });

  it('leaves out stages whose SHELL is PowerShell, and Windows images', () => {
    const runs = shellRuns(artifactOf('FROM debian:12\nRUN echo a\nSHELL ["pwsh", "-Command"]\nRUN Write-Host b\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir\nFROM debian:12 AS c\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN echo c'));
    assert.deepEqual(runs.map((run) => [run.instruction.range.start.line, run.shell.join(' ')]), [
      [2, '/bin/sh -c'],
      [9, '/bin/bash -o pipefail -c'],
    ]);
    assert.equal(isPosixShell(['C:\\Program Files\\PowerShell\\pwsh.exe']), false);
    assert.equal(isPosixShell(['/bin/ash']), true);
  });

  it('honours hadolint shell pragmas until the next FROM', () => {
    const code = [
      '# hadolint shell=powershell',
      'FROM local-windows-base',
      '# hadolint shell=powershell',
      'RUN & C:/tools/install.ps1 --plugins a:1',
      'FROM debian:12',
      'RUN echo a',
      '  #hadolint shell = /bin/bash',
      'RUN echo b',
      '# hadolint shell=pwsh (not a pragma: more after the shell)',
      'RUN echo c',
    ].join('\n');
    assert.deepEqual(
      shellRuns(artifactOf(code)).map((run) => [run.instruction.range.start.line, run.shell.join(' ')]),
      [
        [6, '/bin/sh -c'],
        [8, '/bin/bash'],
        [10, '/bin/bash'],
      ],
    );
  });

  it('inherits SHELL from the stage it is built FROM', () => {
    const runs = shellRuns(artifactOf('FROM debian:12 AS base\nSHELL ["pwsh", "-c"]\nFROM base\nRUN Get-Item x'));
    assert.deepEqual(runs, []);
  });

  it('parses each RUN once and caches the result', () => {
    const artifact = artifactOf('FROM debian:12\nRUN echo a');
    const run = shellRuns(artifact)[0];
    assert.ok(run !== undefined);
    assert.equal(shellRuns(artifact), shellRuns(artifact));
    assert.equal(scriptOf(artifact, run.instruction), run.script);
  });
});

describe('shell analysis of hostile input', () => {
  it('survives unterminated quotes and here-documents', () => {
    const scripts = scriptsOf('FROM debian:12\nRUN echo "unterminated \'x\nRUN $(((((\nRUN `oops\nRUN cat <<EOF\nno end\nRUN more');
    assert.deepEqual(scripts.map((script) => script.hasErrors), [true, true, true, true]);
  });

  it('survives deeply nested subshells', () => {
    const depth = 2000;
    const [script] = scriptsOf(`FROM debian:12\nRUN ${'('.repeat(depth)}echo deep${')'.repeat(depth)}`);
    assert.ok(script !== undefined);
  });

  it('skips a 10 MB script instead of hanging', () => {
    const script = buildScript(`echo ${'a'.repeat(10 * 1024 * 1024)}`, () => ({ start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }), 'shell-form');
    assert.deepEqual(script.commands, []);
    assert.equal(script.hasErrors, true);
  });

  it('skips a RUN longer than the limit (the file still parses)', () => {
    const [script] = scriptsOf(`FROM debian:12\nRUN echo ${'a'.repeat(MAX_SCRIPT_LENGTH)}`);
    assert.deepEqual(script?.commands, []);
    assert.equal(script?.hasErrors, true);
  });

  it('parses a script just under the limit', () => {
    const script = buildScript(`echo ${'a'.repeat(MAX_SCRIPT_LENGTH - 10)}`, () => ({ start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }), 'shell-form');
    assert.equal(script.commands.length, 1);
  });

  it('keeps positions right after non-ASCII text', () => {
    const [script] = scriptsOf('FROM debian:12\nRUN echo "héllo 👋" && curl x');
    assert.deepEqual(commandsOf(script).at(-1), 'curl@2:24-2:28 x@2:29-2:30');
  });
});
