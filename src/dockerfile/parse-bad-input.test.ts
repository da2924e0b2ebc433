import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../core/index.ts';
import { parseWithAst } from './parse-ast.ts';
import { parseDockerfile } from './parse.ts';
import { instruction, parse, parseError, r, stage } from './__fixtures__/parse-helpers.ts';

describe('parseDockerfile: bad input', () => {
  it('rejects binary content at the first NUL byte', () => {
    assert.deepEqual(parseError('FROM alpine\n\u0000\u0001\u0002'), {
      path: 'build/Dockerfile',
      code: 'PARSE_FAILED',
      message: 'Binary content (a NUL byte) is not a Dockerfile.',
      startLine: 2,
      startColumn: 1,
    });
  });

  it('rejects an empty file', () => {
    assert.deepEqual(parseError(''), {
      path: 'build/Dockerfile',
      code: 'PARSE_FAILED',
      message: 'No FROM instruction: a Dockerfile needs at least one build stage.',
      startLine: 1,
      startColumn: 1,
    });
  });

  it('rejects a file without FROM, pointing where FROM was due', () => {
    assert.deepEqual(
      [parseError('# comment only\n'), parseError('ARG A=1\n\nRUN echo\n')].map((error) => [error.code, error.startLine, error.startColumn]),
      [
        ['PARSE_FAILED', 1, 1],
        ['PARSE_FAILED', 3, 1],
      ],
    );
  });

  it('keeps a FROM without an image as an unresolved stage and reports it', () => {
    const result = parseDockerfile(createSourceDocument('Dockerfile', 'FROM\nRUN x\n'));
    assert.ok(result.ok);
    assert.deepEqual(result.value.errors, [
      { path: 'Dockerfile', code: 'PARSE_FAILED', message: 'FROM names no image; the stage is kept with an unresolved base.', startLine: 1, startColumn: 1 },
    ]);
    const only = result.value.model.stages[0];
    assert.deepEqual([only?.from.kind, only?.from.raw, only?.from.range, only?.instructions.length], ['unresolved', '', r('1:1-1:5'), 2]);
  });

  it('parses a 50,000-line file', () => {
    const lines = ['FROM alpine:3.20'];
    for (let index = 1; index < 50_000; index += 1) lines.push(index % 1000 === 0 ? `FROM alpine:3.20 AS s${index}` : `RUN echo ${index}`);
    const model = parse(`${lines.join('\n')}\n`);
    assert.equal(model.stages.length, 50);
    assert.equal(model.stages.reduce((count, each) => count + each.instructions.length, 0), 50_000);
    assert.deepEqual(model.stages.at(-1)?.range, r('49001:1-50000:15'));
  });

  it('parses a very long line', () => {
    const model = parse(`FROM alpine:3.20\nRUN ${'a'.repeat(200_000)}\n`);
    const run = instruction(model, 0, 1);
    assert.deepEqual([run.range, run.arguments.length], [r('2:1-2:200005'), 200_000]);
  });

  it('gives CRLF files the same positions as LF files', () => {
    const model = parse('FROM alpine:3.20 AS a\r\nRUN echo \\\r\n  hi\r\nUSER app\r\n');
    const run = instruction(model, 0, 1);
    const user = instruction(model, 0, 2);
    assert.ok(user.kind === 'user');
    assert.deepEqual([run.range, run.arguments], [r('2:1-3:5'), 'echo \\\r\n  hi']);
    assert.deepEqual([user.value, user.valueRange], ['app', r('4:6-4:9')]);
    assert.deepEqual(stage(model, 0).range, r('1:1-4:9'));
  });

  it('does not break lines at a lone CR, as Docker does not', () => {
    const model = parse('FROM alpine:3.20\rRUN x\n');
    assert.deepEqual([model.stages.length, stage(model, 0).instructions.length, stage(model, 0).range], [1, 1, r('1:1-1:23')]);
  });

  it('keeps an unterminated ${ as an unresolved reference', () => {
    const { from } = stage(parse('FROM node:${TAG\n'), 0);
    assert.deepEqual([from.kind, from.text, from.tagRange], ['unresolved', 'node:${TAG', r('1:11-1:16')]);
  });

  it('never throws on random Dockerfile-like input', () => {
    const pieces = ['FROM', 'RUN', 'ARG', 'ENV', 'COPY', 'USER', '\\', '`', '\n', '\r\n', ' ', '[', ']', '"', "'", '$', '${', '}', '<<EOF', 'EOF', '--from=', '=', ':', '@', '#', 'a', '\t', '# escape=`\n'];
    let seed = 42;
    const next = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed;
    };
    for (let round = 0; round < 300; round += 1) {
      let text = '';
      for (let index = next() % 60; index > 0; index -= 1) text += pieces[next() % pieces.length] ?? '';
      const result = parseDockerfile(createSourceDocument('Dockerfile', text));
      assert.ok(result.ok ? result.value.model.stages.length > 0 : result.error.code === 'PARSE_FAILED', JSON.stringify(text));
    }
  });
});

describe('parseDockerfile: hostile input through the lexer (lexer.ts)', () => {
  it('reads a 10 MB RUN line', () => {
    const parsed = parseDockerfile(createSourceDocument('Dockerfile', `FROM a\nRUN echo ${'x'.repeat(10_000_000)}\n`));
    assert.ok(parsed.ok);
    const run = parsed.value.model.stages[0]?.instructions[1];
    assert.ok(run?.kind === 'run');
    assert.deepEqual([run.command.length, run.range.end], [10_000_005, { line: 2, column: 10_000_010 }]);
  });

  it('reads a 1 MB ENV of escapes and quotes as dockerfile-ast does', () => {
    const document = createSourceDocument('Dockerfile', `FROM a\nENV A="${'\\"'.repeat(500_000)}" B=${"'".repeat(1000)}\n`);
    const parsed = parseDockerfile(document);
    assert.ok(parsed.ok);
    const env = parsed.value.model.stages[0]?.instructions[1];
    assert.ok(env?.kind === 'env');
    assert.deepEqual(
      env.pairs.map((pair) => [pair.key, pair.value?.length, pair.value?.slice(0, 2)]),
      [
        ['A', 500_000, '""'],
        ['B', 998, "''"],
      ],
    );
    assert.deepEqual(parsed, parseWithAst(document));
  });

  it('reads 20,000 continuation lines and a file of escapes only', () => {
    const long = parseDockerfile(createSourceDocument('Dockerfile', `FROM a\nRUN x${' \\\n  y'.repeat(20_000)}\n`));
    assert.ok(long.ok);
    assert.equal(long.value.model.stages[0]?.instructions[1]?.range.end.line, 20_002);
    const escapes = parseDockerfile(createSourceDocument('Dockerfile', '\\\n'.repeat(1000)));
    assert.ok(!escapes.ok);
    assert.equal(escapes.error.code, 'PARSE_FAILED');
  });

  it('keeps an unknown instruction, an unterminated here-document and a lone escape at the end', () => {
    const result = parseDockerfile(createSourceDocument('Dockerfile', 'FROM a\nFOO bar baz\nRUN <<EOF\necho never closed\nCOPY x \\'));
    assert.ok(result.ok);
    assert.deepEqual(result.value.errors.map((error) => [error.message, error.startLine, error.startColumn]), [['The here-document "EOF" of RUN has no line "EOF" closing it.', 3, 5]]);
    const [, foo, run] = result.value.model.stages[0]?.instructions ?? [];
    assert.deepEqual([foo?.kind, foo?.keyword, foo?.arguments, foo?.range], ['other', 'FOO', 'bar baz', r('2:1-2:12')]);
    assert.ok(run?.kind === 'run');
    assert.deepEqual([run.heredocs.length, run.heredocs[0]?.name, run.range.end], [1, 'EOF', { line: 5, column: 9 }]);
  });

  it('reads control characters and a lone surrogate as text', () => {
    const model = parse('FROM a\nENV A=\u0001\u0007\uD800 B=\u001b[31m\nLABEL \u2028=x\n');
    const env = model.stages[0]?.instructions[1];
    assert.ok(env?.kind === 'env');
    assert.deepEqual(env.pairs.map((pair) => [pair.key, pair.value]), [['A', '\u0001\u0007\uD800'], ['B', '\u001b[31m']]);
  });
});
