import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { instruction, parse, r, stage, withoutInstructions } from './__fixtures__/parse-helpers.ts';

describe('parseDockerfile: stages', () => {
  const model = parse(
    [
      'FROM --platform=linux/amd64 golang:1.22 AS build',
      'WORKDIR /src',
      'FROM gcr.io/distroless/static:nonroot@sha256:abc AS final',
      'COPY --from=build --chown=app:app --chmod=0755 /out /app/',
      'FROM build AS test',
      'FROM scratch',
      '',
    ].join('\n'),
  );

  it('keeps the alias, platform and image parts of each FROM', () => {
    assert.deepEqual(withoutInstructions(stage(model, 0)), {
      index: 0,
      name: 'build',
      nameRange: r('1:44-1:49'),
      from: {
        kind: 'image',
        raw: 'golang:1.22',
        text: 'golang:1.22',
        range: r('1:29-1:40'),
        registry: undefined,
        repository: 'golang',
        name: 'golang',
        nameRange: r('1:29-1:35'),
        tag: '1.22',
        tagRange: r('1:36-1:40'),
        digest: undefined,
        digestRange: undefined,
        stageIndex: undefined,
      },
      platform: 'linux/amd64',
      platformRange: r('1:17-1:28'),
      range: r('1:1-2:13'),
      args: [],
    });
  });

  it('splits registry, repository, tag and digest', () => {
    assert.deepEqual(stage(model, 1).from, {
      kind: 'image',
      raw: 'gcr.io/distroless/static:nonroot@sha256:abc',
      text: 'gcr.io/distroless/static:nonroot@sha256:abc',
      range: r('3:6-3:49'),
      registry: 'gcr.io',
      repository: 'distroless/static',
      name: 'gcr.io/distroless/static',
      nameRange: r('3:6-3:30'),
      tag: 'nonroot',
      tagRange: r('3:31-3:38'),
      digest: 'sha256:abc',
      digestRange: r('3:39-3:49'),
      stageIndex: undefined,
    });
    assert.deepEqual([stage(model, 1).name, stage(model, 1).nameRange], ['final', r('3:53-3:58')]);
  });

  it('resolves an earlier alias to a stage and names scratch', () => {
    assert.deepEqual(
      model.stages.map((each) => [each.index, each.from.kind, each.from.stageIndex, each.range]),
      [
        [0, 'image', undefined, r('1:1-2:13')],
        [1, 'image', undefined, r('3:1-4:58')],
        [2, 'stage', 0, r('5:1-5:19')],
        [3, 'scratch', undefined, r('6:1-6:13')],
      ],
    );
  });

  it('keeps COPY flags, sources and destination', () => {
    assert.deepEqual(instruction(model, 1, 1), {
      keyword: 'COPY',
      range: r('4:1-4:58'),
      keywordRange: r('4:1-4:5'),
      arguments: '--from=build --chown=app:app --chmod=0755 /out /app/',
      argumentsRange: r('4:6-4:58'),
      flags: [
        { name: 'from', value: 'build', range: r('4:6-4:18'), nameRange: r('4:8-4:12'), valueRange: r('4:13-4:18') },
        { name: 'chown', value: 'app:app', range: r('4:19-4:34'), nameRange: r('4:21-4:26'), valueRange: r('4:27-4:34') },
        { name: 'chmod', value: '0755', range: r('4:35-4:47'), nameRange: r('4:37-4:42'), valueRange: r('4:43-4:47') },
      ],
      kind: 'copy',
      form: 'shell',
      sources: [{ value: '/out', range: r('4:48-4:52') }],
      destination: { value: '/app/', range: r('4:53-4:58') },
      heredocs: [],
    });
  });

  it('does not take a later alias, or a stage of another case, for an image', () => {
    const later = parse('FROM app\nFROM alpine:3.20 AS app\nFROM APP\n');
    assert.deepEqual(
      later.stages.map((each) => [each.from.kind, each.from.stageIndex]),
      [
        ['image', undefined],
        ['image', undefined],
        ['stage', 1],
      ],
    );
  });
});

describe('parseDockerfile: global ARGs and substitution in FROM', () => {
  const model = parse(
    [
      'ARG REGISTRY=registry.example.com:5000',
      'ARG TAG=1.2',
      'ARG NOVALUE',
      'FROM ${REGISTRY}/team/app:${TAG} AS a',
      'ARG TAG',
      'ARG OTHER=x',
      'FROM node:$NOVALUE',
      'FROM node:${NOVALUE:-20}-alpine',
      'FROM "alpine:3.20"',
      '',
    ].join('\n'),
  );

  it('lists the global ARGs with their defaults', () => {
    assert.deepEqual(model.globalArgs, [
      { name: 'REGISTRY', nameRange: r('1:5-1:13'), default: 'registry.example.com:5000', effectiveDefault: 'registry.example.com:5000' },
      { name: 'TAG', nameRange: r('2:5-2:8'), default: '1.2', effectiveDefault: '1.2' },
      { name: 'NOVALUE', nameRange: r('3:5-3:12'), default: undefined, effectiveDefault: undefined },
    ]);
    assert.deepEqual(
      model.preamble.map((each) => each.kind),
      ['arg', 'arg', 'arg'],
    );
  });

  it('substitutes defaults and maps each part back to the raw text', () => {
    assert.deepEqual(stage(model, 0).from, {
      kind: 'image',
      raw: '${REGISTRY}/team/app:${TAG}',
      text: 'registry.example.com:5000/team/app:1.2',
      range: r('4:6-4:33'),
      registry: 'registry.example.com:5000',
      repository: 'team/app',
      name: 'registry.example.com:5000/team/app',
      nameRange: r('4:6-4:26'),
      tag: '1.2',
      tagRange: r('4:27-4:33'),
      digest: undefined,
      digestRange: undefined,
      stageIndex: undefined,
    });
  });

  it('scopes ARGs per stage: a bare ARG inherits the global default', () => {
    assert.deepEqual(stage(model, 0).args, [
      { name: 'TAG', nameRange: r('5:5-5:8'), default: undefined, effectiveDefault: '1.2' },
      { name: 'OTHER', nameRange: r('6:5-6:10'), default: 'x', effectiveDefault: 'x' },
    ]);
    assert.deepEqual(stage(model, 1).args, []);
  });

  it('marks a variable without a value unresolved and keeps it as written', () => {
    const { from } = stage(model, 1);
    assert.deepEqual(
      [from.kind, from.raw, from.text, from.range, from.name, from.tag, from.tagRange],
      ['unresolved', 'node:$NOVALUE', 'node:$NOVALUE', r('7:6-7:19'), 'node', '$NOVALUE', r('7:11-7:19')],
    );
  });

  it('applies ${VAR:-default} and removes quotes', () => {
    const withDefault = stage(model, 2).from;
    assert.deepEqual(
      [withDefault.kind, withDefault.text, withDefault.tag, withDefault.tagRange],
      ['image', 'node:20-alpine', '20-alpine', r('8:11-8:32')],
    );
    const quoted = stage(model, 3).from;
    assert.deepEqual(
      [quoted.kind, quoted.raw, quoted.text, quoted.range, quoted.nameRange, quoted.tagRange],
      ['image', '"alpine:3.20"', 'alpine:3.20', r('9:6-9:19'), r('9:7-9:13'), r('9:14-9:18')],
    );
  });

  it('does not let a stage ARG change a later FROM', () => {
    const scoped = parse('ARG V=1\nFROM a:$V\nARG V=2\nFROM b:$V\n');
    assert.deepEqual(
      scoped.stages.map((each) => each.from.text),
      ['a:1', 'b:1'],
    );
  });
});

describe('parseDockerfile: escape directive', () => {
  const model = parse(
    ['# escape=`', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'RUN powershell -Command `', '    Write-Host hi', 'WORKDIR C:\\app', ''].join(
      '\n',
    ),
  );

  it('honours the backtick escape character', () => {
    assert.equal(model.escapeChar, '`');
    assert.deepEqual(model.directives, [{ name: 'escape', value: '`', range: r('1:1-1:11'), nameRange: r('1:3-1:9'), valueRange: r('1:10-1:11') }]);
  });

  it('follows backtick continuations and keeps backslashes literal', () => {
    assert.deepEqual(instruction(model, 0, 1), {
      keyword: 'RUN',
      range: r('3:1-4:18'),
      keywordRange: r('3:1-3:4'),
      arguments: 'powershell -Command `\n    Write-Host hi',
      argumentsRange: r('3:5-4:18'),
      flags: [],
      kind: 'run',
      form: 'shell',
      command: 'powershell -Command `\n    Write-Host hi',
      commandRange: r('3:5-4:18'),
      exec: [],
      heredocs: [],
    });
    assert.deepEqual(instruction(model, 0, 2), {
      keyword: 'WORKDIR',
      range: r('5:1-5:15'),
      keywordRange: r('5:1-5:8'),
      arguments: 'C:\\app',
      argumentsRange: r('5:9-5:15'),
      flags: [],
      kind: 'workdir',
      path: 'C:\\app',
      pathRange: r('5:9-5:15'),
    });
    assert.deepEqual(stage(model, 0).from.registry, 'mcr.microsoft.com');
  });

  it('keeps the syntax directive', () => {
    const withSyntax = parse('# syntax=docker/dockerfile:1\nFROM alpine:3.20\n');
    assert.deepEqual(withSyntax.directives, [
      { name: 'syntax', value: 'docker/dockerfile:1', range: r('1:1-1:29'), nameRange: r('1:3-1:9'), valueRange: r('1:10-1:29') },
    ]);
    assert.equal(withSyntax.escapeChar, '\\');
  });
});
