import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../../core/index.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import type { DockerfileArtifact } from '../model.ts';
import { shellRuns } from './analyze.ts';
import { APT_GET_VALUE_FLAGS, isAptGetInstall, isPipInstall, pipPackages } from './managers.ts';
import type { ShellCommand } from './model.ts';
import { commandText, flagValue, flagsOf, hasCacheMount, hasFlag, operandsOf, packagesOf, subcommandOf } from './query.ts';

function runOf(code: string): { command: ShellCommand; run: ReturnType<typeof shellRuns>[number] } {
  const output = dockerfileAnalyzer.analyze(createSourceDocument('Dockerfile', `FROM debian:12\n${code}`));
  const artifact = output.artifacts[0];
  assert.ok(artifact !== undefined && artifact.kind === 'dockerfile');
  const run = shellRuns(artifact as DockerfileArtifact)[0];
  const command = run?.script.commands[0];
  assert.ok(run !== undefined && command !== undefined);
  return { command, run };
}

const values = (words: readonly { readonly value: string }[]): string[] => words.map((word) => word.value);

describe('shell queries', () => {
  it('reads options as hadolint does: clusters, long names, up to --', () => {
    const { command } = runOf('RUN tool -abc --long=1 --flag x -- -notaflag');
    assert.deepEqual(flagsOf(command).map((flag) => flag.name), ['a', 'b', 'c', 'long', 'flag']);
  });

  it('finds an option by name as flagsOf lists them (clusters, long names with values, none after --)', () => {
    const cases: readonly [string, readonly string[], boolean][] = [
      ['RUN apt-get -qy install x', ['y'], true],
      ['RUN apt-get install x -- -y', ['y'], false],
      ['RUN tool --yes=1', ['yes'], true],
      ['RUN tool --yes-please', ['yes'], false],
      ['RUN tool "-y" - $Y', ['y'], true],
      ['RUN tool -', ['-'], false],
      ['RUN tool ${OPTS} x', ['y'], false],
    ];
    for (const [text, names, expected] of cases) {
      const { command } = runOf(text);
      assert.equal(hasFlag(command, names), expected, text);
      assert.equal(flagsOf(command).some((flag) => names.includes(flag.name)), expected, text);
    }
  });

  it('skips the values of options that take one, and keeps everything after --', () => {
    const { command } = runOf('RUN apt-get -o Dpkg::Options::=--force-confold -t bookworm install -y curl -- -weird');
    assert.deepEqual(values(operandsOf(command, APT_GET_VALUE_FLAGS)), ['install', 'curl', '-weird']);
    assert.deepEqual(values(operandsOf(command, APT_GET_VALUE_FLAGS, 2)), ['install', 'curl']);
    assert.deepEqual(values(operandsOf(runOf('RUN apt-get -- -y install').command, APT_GET_VALUE_FLAGS, 1)), ['-y']);
    assert.equal(subcommandOf(runOf('RUN apt-get -t install update').command, ['install', 'update'], APT_GET_VALUE_FLAGS)?.value, 'update');
    assert.equal(subcommandOf(command, ['install'], APT_GET_VALUE_FLAGS)?.value, 'install');
    assert.deepEqual(values(packagesOf(command, ['install'], APT_GET_VALUE_FLAGS)), ['curl', '-weird']);
    assert.equal(isAptGetInstall(command), true);
  });

  it('reads option values in every spelling', () => {
    assert.equal(flagValue(runOf('RUN useradd -u 1001 app').command, 'u', 'uid')?.value, '1001');
    assert.equal(flagValue(runOf('RUN useradd --uid 1002 app').command, 'u', 'uid')?.value, '1002');
    assert.equal(flagValue(runOf('RUN useradd --uid=1003 app').command, 'u', 'uid')?.value, '--uid=1003');
    assert.equal(flagValue(runOf('RUN useradd -u1004 app').command, 'u', 'uid')?.value, '-u1004');
    assert.equal(flagValue(runOf('RUN useradd app').command, 'u', 'uid'), undefined);
  });

  it('recognises pip installs and their packages', () => {
    const direct = runOf('RUN pip3.12 install --index-url https://x/simple -U requests flask==3').command;
    assert.equal(isPipInstall(direct), true);
    assert.deepEqual(values(pipPackages(direct)), ['requests', 'flask==3']);
    const module = runOf('RUN python3 -m pip install black').command;
    assert.equal(isPipInstall(module), true);
    assert.deepEqual(values(pipPackages(module)), ['black']);
    assert.equal(isPipInstall(runOf('RUN pipx install black').command), false);
  });

  it('finds cache mounts by target prefix', () => {
    const { run } = runOf('RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=bind,target=/src apt-get update');
    assert.equal(hasCacheMount(run.instruction, ['/var/cache/apt']), true);
    assert.equal(hasCacheMount(run.instruction, ['/src']), false);
  });

  it('renders a command for fingerprints', () => {
    assert.equal(commandText(runOf('RUN apt-get install -y "curl"').command), 'apt-get install -y "curl"');
    const packages = Array.from({ length: 60 }, (_, index) => `package-${index}`).join(' ');
    assert.equal(commandText(runOf(`RUN apt-get install -y ${packages}`).command), `apt-get install -y ${packages}`.slice(0, 200));
    assert.equal(commandText(runOf('RUN x').command), 'x');
  });
});
