import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import * as fc from 'fast-check';
import { createSourceDocument } from '../core/index.ts';
import { lexDockerfile } from './lexer.ts';
import { parseWithAst } from './parse-ast.ts';
import { parseLexed } from './parse-lexed.ts';


/** The lexer must build exactly the model `dockerfile-ast` gives (docs/decisions/0028-a-dockerfile-tokenizer.md). */
function assertSameModel(text: string): void {
  const document = createSourceDocument('Dockerfile', text);
  assert.deepEqual(withoutHeredocErrors(parseLexed(document)), parseWithAst(document), JSON.stringify(text));
}

/** The lexer adds an error entry per unterminated here-document, which dockerfile-ast does not report. */
function withoutHeredocErrors(parsed: ReturnType<typeof parseLexed>): ReturnType<typeof parseLexed> {
  if (!parsed.ok) return parsed;
  return { ...parsed, value: { ...parsed.value, errors: parsed.value.errors.filter((error) => !error.message.startsWith('The here-document')) } };
}

/** Here-documents (docs/decisions/0034-h-heredocs-in-the-lexer.md). */
const HEREDOCS: readonly string[] = [
  'FROM a\nRUN <<EOF\necho hi\nEOF\nRUN x\n',
  'FROM a\nRUN <<EOF \\\n  && b\necho hi\nEOF\n',
  'FROM a\nCOPY <<A <<-"B" /dst\na\nA\n\tb\n\tB\nRUN y\n',
  "FROM a\nRUN --mount=type=cache,target=/c cat <<'EOF' | sh\nset -e\n\nEOF\nCOPY --from=x <<EOF /f\nEOF\n",
  'FROM a\nRUN <<-EOF\n\t\techo tabs\n\t\tEOF\n  EOF\nRUN z\n',
  'FROM a\r\nRUN <<EOF\r\necho crlf\r\nEOF\r\nCOPY <<A /x\r\nA\r\n',
  'FROM a\nRUN <<EOF\necho never closed\nCOPY x \\',
  'FROM a\nRUN cat <<EOF',
  'FROM a\nRUN <<EOF\n',
  'FROM a\nONBUILD RUN <<EOF\necho on build\nEOF\nONBUILD COPY <<A /a\nA\nONBUILD\n',
  'FROM a\nADD <<EOF /dst\nbody words\nEOF\n',
  'FROM a\nRUN echo <<< here-string && cat <<"E O" <<\'x\n1\nE O\n',
  'FROM a\nRUN <<EOF\n# not a comment\n  indented\n\\\nEOF\n',
  '# escape=`\nFROM a\nRUN <<EOF `\n  && x\nbody\nEOF\n',
  'FROM a\nRUN \\<\\<EOF\nescaped\nEOF\n',
  'FROM a\nRUN <<A <<B\na\nA\nb\nB\nRUN <<A\nA\n',
  'FROM a\nRUN <<\nEOF\nRUN <<-\nRUN << EOF\nEOF\n',
];

const TRICKY: readonly string[] = [
  'FROM alpine:3.20\n',
  '\uFEFFFROM alpine\n',
  '# syntax=docker/dockerfile:1\n# escape=`\nFROM alpine\nRUN echo a `\n  b\n',
  '#escape = `  \n# syntax=x\nFROM alpine\n',
  '# escape=\\\n\nFROM alpine\n',
  '# not a directive\n# escape=`\nFROM alpine\nRUN a \\\n b\n',
  '# escape=\nFROM a\n',
  'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nFROM build as final\nFROM scratch\n',
  'FROM a AS\nFROM b x y\nFROM --platform= c\nFROM --platform d\n',
  'ARG A=1 B\nARG C="two words"\nFROM a:${A}\nARG A\n',
  'FROM a\nENV A=1 B="two \\" words" C=\'x y\' D=${X:-a b}\nENV legacy value with spaces\nENV K V\n',
  'FROM a\nENV A=1 \\\n    B=2 \\\n    # comment\n    C=3\n',
  'FROM a\nENV A=1\\\n  B=2\nLABEL "quoted key"="v" x=y\\ z \\\n  a=b\n',
  'FROM a\nLABEL a="x\\\n  y" b=\'c\\\n d\'\nENV X \\\n\n  y\n',
  'FROM a\nENV A="unterminated\nENV B=${unterminated\nLABEL c=\'open\n',
  'FROM a\nRUN apt-get update \\\n  # a comment\n  && apt-get install -y curl \\\n\n  && rm -rf /var/lib/apt/lists/*\n',
  'FROM a\nRUN ["sh", "-c", "echo \\"hi\\""]\nCMD [ "a" , "b" ]\nENTRYPOINT ["broken"\nCMD []\n',
  'FROM a\nRUN --mount=type=cache,target=/root/.cache --network=none pip install x\nRUN a--b --c d\n',
  'FROM a\nCOPY --from=build --chown=app:app --chmod=0755 /out /app/\nADD --checksum=sha256:x https://e.x/a.tgz /tmp/\nCOPY ["a b", "c"]\n',
  'FROM a\nHEALTHCHECK --interval=5s --timeout=3s CMD curl -f http://x/ || exit 1\nHEALTHCHECK NONE\nHEALTHCHECK\n',
  'FROM a\nUSER app:app\nUSER "quoted"\nEXPOSE 80/tcp 443 8000-8010/udp ${PORT}\nWORKDIR /a \\\n  b\nWORKDIR\n',
  'FROM a\nONBUILD RUN echo x\nSHELL ["/bin/bash", "-c"]\nVOLUME /data\nSTOPSIGNAL SIGTERM\nMAINTAINER me\nBOGUS x y\n',
  'FROM a\r\nRUN echo \\\r\n  hi\r\nENV A=1 \\\r\n  B=2\r\nUSER app\r\n',
  'FROM a\rRUN x\r\n',
  'FROM a\nRUN \\\n  echo x\nR\\\nUN echo split keyword\nRUN\\ \n  x\n',
  'FROM a\nRUN echo \\ \nRUN echo \\  x\nRUN echo a\\\\b c\\$d \\\n',
  'FROM a\nRUN x \\',
  'FROM a\nENV A=1 \\',
  'FROM a\n   \t  RUN   indented\n\t# comment\n',
  'ARG X\nRUN y\n',
  'FROM\nRUN x\n',
  'from a\nrun b\nEnV c=d\n',
  'FROM a\nENV \\\n  A=1\nARG \\\n\nLABEL\n',
  'FROM a\nENV A \\\n  # not a comment?\n  B\n',
  // A property whose name range runs backwards (dockerfile-ast's substring swaps the ends).
  '\r\nFROM a\nENV \\ \n \\\n  # x\n   \\\\#',
];

describe('lexDockerfile', () => {
  it('splits directives and instructions at the offsets dockerfile-ast uses', () => {
    assert.deepEqual(lexDockerfile('# escape=`\nFROM a `\n  AS b\nRUN x\n', (line) => [0, 11, 20, 27, 33][line - 1] ?? 33), {
      escapeChar: '`',
      directives: [{ start: 0, end: 10, nameStart: 2, nameEnd: 8, valueStart: 9, valueEnd: 10 }],
      instructions: [
        { instruction: 'FROM', start: 11, keywordEnd: 15, end: 26 },
        { instruction: 'RUN', start: 27, keywordEnd: 30, end: 32 },
      ],
    });
  });

  it('runs an instruction with here-documents to the end of its last body', () => {
    const text = 'FROM a\nRUN <<A <<-B\na\nA\n\tb\n\tB\nRUN x\n';
    assert.deepEqual(lexDockerfile(text, () => 0).instructions, [
      { instruction: 'FROM', start: 0, keywordEnd: 4, end: 6 },
      { instruction: 'RUN', start: 7, keywordEnd: 10, end: 29 },
      { instruction: 'RUN', start: 30, keywordEnd: 33, end: 35 },
    ]);
  });

  it('reads here-documents itself: a scan never loads dockerfile-ast', () => {
    const url = (path: string): string => pathToFileURL(new URL(path, import.meta.url).pathname).href;
    const code = [
      `import { createRequire } from 'node:module';`,
      `import { createSourceDocument } from ${JSON.stringify(url('../core/index.ts'))};`,
      `import { parseDockerfile } from ${JSON.stringify(url('./parse.ts'))};`,
      `const parsed = parseDockerfile(createSourceDocument('Dockerfile', 'FROM a\\nRUN <<EOF\\necho hi\\nEOF\\nCOPY <<A /a\\nA\\n'));`,
      `const loaded = Object.keys(createRequire(import.meta.url).cache).some((path) => path.includes('dockerfile-ast'));`,
      `console.log(parsed.ok && parsed.value.model.stages[0].instructions.map((i) => i.heredocs?.length ?? '-').join(','), loaded);`,
    ].join('\n');
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
    assert.equal(result.stdout.trim(), '-,1,1 false', result.stderr);
  });
});

describe('parseLexed reads here-documents as dockerfile-ast does', () => {
  for (const text of HEREDOCS) it(JSON.stringify(text).slice(0, 70), () => assertSameModel(text));

  it('on random Dockerfiles made of here-document lines', () => {
    const lines = [
      'RUN <<EOF ', 'COPY <<A <<-B /x', 'RUN --mount=x cat <<"EOF" | sh', 'ONBUILD RUN <<EOF', 'RUN a \\\n  <<EOF', 'ADD <<E /y', 'RUN <<-X\n\tX',
      "COPY <<'E' /z", 'echo x', '\tB', 'A', 'EOF', 'E', '\t\tEOF', ' EOF', '', 'B\r', 'FROM b', '# c', '\\', '`', '# escape=`',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...lines), { maxLength: 12 }), fc.boolean(), (parts, newline) => {
        const document = createSourceDocument('Dockerfile', `FROM a\n${parts.join('\n')}${newline ? '\n' : ''}`);
        let reference: ReturnType<typeof parseWithAst>;
        try {
          reference = parseWithAst(document);
        } catch {
          // dockerfile-ast fails on a line after the last body it pairs up; the lexer ignores such lines.
          assert.ok(parseLexed(document).ok);
          return;
        }
        assert.deepEqual(withoutHeredocErrors(parseLexed(document)), reference);
      }),
      { numRuns: 600, seed: 34 },
    );
  });
});

describe('parseLexed builds the same model as dockerfile-ast', () => {
  for (const text of TRICKY) it(JSON.stringify(text).slice(0, 70), () => assertSameModel(text));

  it('on random Dockerfile-like input', () => {
    const tokens = [
      'FROM ', 'RUN ', 'ENV ', 'ARG ', 'LABEL ', 'COPY ', 'ADD ', 'CMD ', 'USER ', 'EXPOSE ', 'WORKDIR ', 'HEALTHCHECK ', 'ONBUILD ', 'SHELL ',
      ' ', '  ', '\t', '\n', '\n', '\r\n', '\r', '\\', '\\\n', '\\ \n', '`', '#', '# escape=`\n', '=', '"', "'", '${', '}', '$', 'a', 'b=c',
      ' AS ', '--', '--platform=x', '--from=a', '[', ']', '","', ',', 'img:1@sha256:ab', '\uFEFF', 'é', 'NONE', 'CMD', ' #c\n',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...tokens), { maxLength: 60 }), (parts) => {
        const document = createSourceDocument('Dockerfile', parts.join(''));
        assert.deepEqual(parseLexed(document), parseWithAst(document));
      }),
      { numRuns: 400, seed: 28 },
    );
  });

  it('on random RUN, CMD and ENTRYPOINT instructions (flags, then arguments read for their span only)', () => {
    const tokens = [
      'FROM a\n', 'RUN ', 'CMD ', 'ENTRYPOINT ', 'COPY ', ' ', '\t', '\n', '\r\n', '\\', '\\\n', '\\ \n', '\\ ', '#', ' #c\n', '--', '--mount=type=cache',
      'a--b', '--network=none', '-x', 'apt-get', '"', "'", '[', ']', '","', '<', '<<EOF', 'EOF\n', '$', '`', '# escape=`\n', 'é', ' \\\n  # x\n  ',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...tokens), { maxLength: 50 }), (parts) => assertSameModel(parts.join(''))),
      { numRuns: 600, seed: 13 },
    );
  });

  it('on random ENV, ARG and LABEL instructions', () => {
    const tokens = ['FROM a\n', 'ENV ', 'LABEL ', 'ARG ', ' ', '\t', '\n', '\r\n', '\\', '\\\n', '\\ \n', '\\ ', '#', ' # c\n', '=', '"', "'", '${', '}', '$', 'a', 'c=d', '\\"', '`', '# escape=`\n', ' \\\n  # x\n  '];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...tokens), { maxLength: 60 }), (parts) => {
        const document = createSourceDocument('Dockerfile', parts.join(''));
        assert.deepEqual(parseLexed(document), parseWithAst(document));
      }),
      { numRuns: 400, seed: 2028 },
    );
  });
});
