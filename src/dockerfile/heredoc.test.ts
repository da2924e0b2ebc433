import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../core/index.ts';
import { r } from './__fixtures__/parse-helpers.ts';
import { heredocName } from './heredoc-lexer.ts';
import type { CommandInstruction, CopyInstruction, DockerInstruction } from './model.ts';
import type { ParsedDockerfile } from './parse.ts';
import { parseDockerfile } from './parse.ts';

function parsed(text: string): ParsedDockerfile {
  const result = parseDockerfile(createSourceDocument('Dockerfile', text));
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  return result.value;
}

function instructions(text: string): readonly DockerInstruction[] {
  return parsed(text).model.stages.flatMap((stage) => stage.instructions);
}

function withHeredocs(text: string, index: number): CommandInstruction<'run'> | CopyInstruction<'copy'> {
  const found = instructions(text)[index];
  assert.ok(found?.kind === 'run' || found?.kind === 'copy', `instruction ${index} has no here-documents`);
  return found;
}

/** `name content@contentRange /delimiterRange` per here-document, ranges as `line:col-line:col`. */
function summary(found: CommandInstruction<'run'> | CopyInstruction<'copy'>): string[] {
  const at = (range: { start: { line: number; column: number }; end: { line: number; column: number } } | undefined): string =>
    range === undefined ? '-' : `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;
  return found.heredocs.map((heredoc) => `${heredoc.name}@${at(heredoc.range)} ${JSON.stringify(heredoc.content)}@${at(heredoc.contentRange)} /${at(heredoc.delimiterRange)}`);
}

const CASES: readonly { readonly name: string; readonly text: string; readonly index: number; readonly heredocs: readonly string[]; readonly next?: string }[] = [
  {
    name: 'a RUN body and its delimiter',
    text: 'FROM a\nRUN <<EOF\napk add curl\nEOF\nUSER app\n',
    index: 1,
    heredocs: ['EOF@2:5-2:10 "apk add curl"@3:1-3:13 /4:1-4:4'],
    next: 'USER',
  },
  {
    name: '`<<-` keeps the tabs in the body; the delimiter range starts after them',
    text: 'FROM a\nCOPY <<-CONF /etc/app.conf\n\tkey=value\n\t\tCONF\nRUN x\n',
    index: 1,
    heredocs: ['CONF@2:6-2:13 "\\tkey=value"@3:1-3:11 /4:3-4:7'],
    next: 'RUN',
  },
  {
    name: 'quoted delimiters, two bodies in order',
    text: 'FROM a\nCOPY <<"A" <<\'B\' /dst/\none\nA\ntwo\nB\n',
    index: 1,
    heredocs: ['A@2:6-2:11 "one"@3:1-3:4 /4:1-4:2', 'B@2:12-2:17 "two"@5:1-5:4 /6:1-6:2'],
  },
  {
    name: 'a heredoc after flags and a pipe, with a blank body line',
    text: "FROM a\nRUN --mount=type=cache,target=/c cat <<'EOF' | sh\nset -e\n\nEOF\n",
    index: 1,
    heredocs: ['EOF@2:38-2:45 "set -e\\n"@3:1-4:1 /5:1-5:4'],
  },
  {
    name: 'CRLF line breaks',
    text: 'FROM a\r\nRUN <<EOF\r\necho crlf\r\nEOF\r\nUSER x\r\n',
    index: 1,
    heredocs: ['EOF@2:5-2:10 "echo crlf"@3:1-3:10 /4:1-4:4'],
    next: 'USER',
  },
  {
    name: 'a delimiter indented with spaces does not close the body',
    text: 'FROM a\nRUN <<EOF\n  EOF\nEOF\n',
    index: 1,
    heredocs: ['EOF@2:5-2:10 "  EOF"@3:1-3:6 /4:1-4:4'],
  },
  {
    name: 'an empty body',
    text: 'FROM a\nRUN <<EOF\nEOF\n',
    index: 1,
    heredocs: ['EOF@2:5-2:10 ""@- /3:1-3:4'],
  },
];

describe('here-documents in the model', () => {
  for (const item of CASES) {
    it(item.name, () => {
      const found = withHeredocs(item.text, item.index);
      assert.deepEqual(summary(found), item.heredocs);
      assert.deepEqual(parsed(item.text).errors, []);
      if (item.next !== undefined) assert.equal(instructions(item.text)[item.index + 1]?.keyword, item.next);
    });
  }

  it('takes no body word of a COPY for a source', () => {
    const copy = withHeredocs('FROM a\nCOPY <<A <<B /dst/\nnot a source\nA\nB\n', 1);
    assert.ok(copy.kind === 'copy');
    assert.deepEqual([copy.sources.map((word) => word.value), copy.destination?.value, copy.destination?.range], [['<<A', '<<B'], '/dst/', r('2:14-2:19')]);
  });

  it('gives the RUN its whole text, bodies included, for the shell', () => {
    const run = withHeredocs('FROM a\nRUN <<EOF\necho hi\nEOF\n', 1);
    assert.ok(run.kind === 'run');
    assert.deepEqual([run.command, run.commandRange], ['<<EOF\necho hi\nEOF', r('2:5-4:4')]);
  });

  it('reads the body of an ONBUILD trigger, so its lines are no instructions', () => {
    assert.deepEqual(instructions('FROM a\nONBUILD RUN <<EOF\nUSER root\nEOF\nUSER app\n').map((found) => found.keyword), ['FROM', 'ONBUILD', 'USER']);
  });

  it('reads the operator names as dockerfile-ast does', () => {
    const names = ['<<EOF', '<<-EOF', '<<"E O"', "<<'x'", '<<"open', '<<<here', '<<', '<<-'].map((operator) => heredocName(operator) ?? null);
    assert.deepEqual(names, ['EOF', 'EOF', 'E O', 'x', null, null, '', '']);
  });
});

describe('here-documents: bad and hostile input', () => {
  it('reports an unterminated body with its operator, and keeps reading the file', () => {
    const result = parsed('FROM a\nRUN <<EOF\necho never closed\nUSER root\n');
    assert.deepEqual(result.errors, [{ path: 'Dockerfile', code: 'PARSE_FAILED', message: 'The here-document "EOF" of RUN has no line "EOF" closing it.', startLine: 2, startColumn: 5 }]);
    const run = result.model.stages[0]?.instructions[1];
    assert.ok(run?.kind === 'run');
    assert.deepEqual(summary(run), ['EOF@2:5-2:10 "echo never closed\\nUSER root\\n"@3:1-5:1 /-']);
  });

  it('reports every operator without a body (one line, or bodies run out)', () => {
    const result = parsed('FROM a\nCOPY <<A <<B /x\nA\n');
    assert.deepEqual(result.errors.map((error) => [error.message, error.startLine, error.startColumn]), [['The here-document "B" of COPY has no line "B" closing it.', 2, 10]]);
    assert.deepEqual(parsed('FROM a\nRUN cat <<EOF').errors.map((error) => error.startColumn), [9]);
  });

  it('ignores lines after the last body where dockerfile-ast fails', () => {
    const run = withHeredocs('FROM a\nRUN <<EOF\\\n\t\tEOF\nb\nEOF\n', 1);
    assert.ok(run.kind === 'run');
  });

  it('reads 10,000 here-documents in one instruction and a 20,000-line body', () => {
    const many = `FROM a\nRUN ${Array.from({ length: 10_000 }, (_, index) => `<<E${index}`).join(' ')}\n${Array.from({ length: 10_000 }, (_, index) => `x\nE${index}`).join('\n')}\nUSER app\n`;
    const run = withHeredocs(many, 1);
    assert.deepEqual([run.heredocs.length, run.heredocs.at(-1)?.name, run.heredocs.at(-1)?.delimiterRange?.start.line], [10_000, 'E9999', 20_002]);
    assert.equal(instructions(many)[2]?.keyword, 'USER');
    const long = withHeredocs(`FROM a\nRUN <<EOF\n${'echo x\n'.repeat(20_000)}EOF\n`, 1);
    assert.equal(long.heredocs[0]?.delimiterRange?.start.line, 20_003);
  });

  it('reads a 10 MB body line and a 1 MB operator line', () => {
    const body = withHeredocs(`FROM a\nRUN <<EOF\n${'a'.repeat(10 * 1024 * 1024)}\nEOF\n`, 1);
    assert.equal(body.heredocs[0]?.content.length, 10 * 1024 * 1024);
    const operator = withHeredocs(`FROM a\nRUN <<EOF ${'b'.repeat(1024 * 1024)}\nEOF\n`, 1);
    assert.equal(operator.heredocs[0]?.contentRange, undefined);
  });
});
