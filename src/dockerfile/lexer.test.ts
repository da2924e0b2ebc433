import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as fc from 'fast-check';
import { createSourceDocument } from '../core/index.ts';
import { lexDockerfile } from './lexer.ts';
import { parseWithAst } from './parse-ast.ts';
import { parseLexed } from './parse-lexed.ts';
import { parseDockerfile } from './parse.ts';

/** The lexer must build exactly the model `dockerfile-ast` gives (docs/decisions/0028-a-dockerfile-tokenizer.md). */
function assertSameModel(text: string): void {
  const document = createSourceDocument('Dockerfile', text);
  const lexed = parseLexed(document);
  assert.notEqual(lexed, undefined, `the lexer left ${JSON.stringify(text)} to dockerfile-ast`);
  assert.deepEqual(lexed, parseWithAst(document), JSON.stringify(text));
}

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

  it('leaves files with here-documents to dockerfile-ast', () => {
    const document = createSourceDocument('Dockerfile', 'FROM a\nRUN <<EOF\necho hi\nEOF\n');
    assert.equal(parseLexed(document), undefined);
    const parsed = parseDockerfile(document);
    assert.ok(parsed.ok);
    const run = parsed.value.model.stages[0]?.instructions[1];
    assert.ok(run?.kind === 'run');
    assert.deepEqual(run.heredocs.map((heredoc) => [heredoc.name, heredoc.content]), [['EOF', 'echo hi']]);
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
