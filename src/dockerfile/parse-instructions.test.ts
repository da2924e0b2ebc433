import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../core/index.ts';
import { instruction, parse, r, stage } from './__fixtures__/parse-helpers.ts';
import { parseDockerfile } from './parse.ts';

describe('parseDockerfile: continuations', () => {
  const model = parse(
    [
      'FROM alpine:3.20',
      'RUN apk add --no-cache \\',
      '    # a comment inside',
      '    curl',
      'ENV A=1 \\',
      '    B="two words"',
      'CMD ["sh", \\',
      '     "-c", "echo hi"]',
      '',
    ].join('\n'),
  );

  it('keeps the raw RUN text across lines, comment included', () => {
    const run = instruction(model, 0, 1);
    assert.equal(run.kind, 'run');
    assert.deepEqual(
      [run.range, run.arguments],
      [r('2:1-4:9'), 'apk add --no-cache \\\n    # a comment inside\n    curl'],
    );
  });

  it('reads ENV pairs on continuation lines', () => {
    const env = instruction(model, 0, 2);
    assert.ok(env.kind === 'env');
    assert.deepEqual(env.pairs, [
      { key: 'A', keyRange: r('5:5-5:6'), value: '1', valueRange: r('5:7-5:8') },
      { key: 'B', keyRange: r('6:5-6:6'), value: 'two words', valueRange: r('6:7-6:18') },
    ]);
  });

  it('reads an exec form split over lines', () => {
    const cmd = instruction(model, 0, 3);
    assert.ok(cmd.kind === 'cmd');
    assert.deepEqual(
      [cmd.form, cmd.range, cmd.exec],
      [
        'exec',
        r('7:1-8:22'),
        [
          { value: 'sh', range: r('7:6-7:10') },
          { value: '-c', range: r('8:6-8:10') },
          { value: 'echo hi', range: r('8:12-8:21') },
        ],
      ],
    );
  });
});

describe('parseDockerfile: heredocs', () => {
  const model = parse(['FROM alpine:3.20', 'RUN <<EOF', 'apk add curl', 'EOF', 'COPY <<-CONF /etc/app.conf', '\tkey=value', '\tCONF', ''].join('\n'));

  it('keeps a RUN heredoc with its body', () => {
    assert.deepEqual(instruction(model, 0, 1), {
      keyword: 'RUN',
      range: r('2:1-4:4'),
      keywordRange: r('2:1-2:4'),
      arguments: '<<EOF\napk add curl\nEOF',
      argumentsRange: r('2:5-4:4'),
      flags: [],
      kind: 'run',
      form: 'shell',
      command: '<<EOF\napk add curl\nEOF',
      commandRange: r('2:5-4:4'),
      exec: [],
      heredocs: [{ name: 'EOF', range: r('2:5-2:10'), content: 'apk add curl', contentRange: r('3:1-3:13'), delimiterRange: r('4:1-4:4') }],
    });
  });

  it('does not take a COPY heredoc body for sources', () => {
    const copy = instruction(model, 0, 2);
    assert.ok(copy.kind === 'copy');
    assert.deepEqual(
      [copy.sources, copy.destination, copy.heredocs],
      [
        [{ value: '<<-CONF', range: r('5:6-5:13') }],
        { value: '/etc/app.conf', range: r('5:14-5:27') },
        [{ name: 'CONF', range: r('5:6-5:13'), content: '\tkey=value', contentRange: r('6:1-6:11'), delimiterRange: r('7:2-7:6') }],
      ],
    );
  });

  it('keeps an unterminated heredoc and reports it as an error entry', () => {
    const result = parseDockerfile(createSourceDocument('Dockerfile', 'FROM alpine:3.20\nRUN <<EOF\necho\n'));
    assert.ok(result.ok);
    assert.deepEqual(result.value.errors, [{ path: 'Dockerfile', code: 'PARSE_FAILED', message: 'The here-document "EOF" of RUN has no line "EOF" closing it.', startLine: 2, startColumn: 5 }]);
    const run = instruction(result.value.model, 0, 1);
    assert.ok(run.kind === 'run');
    assert.deepEqual(
      run.heredocs.map((heredoc) => [heredoc.name, heredoc.content, heredoc.contentRange, heredoc.delimiterRange]),
      [['EOF', 'echo\n', r('3:1-4:1'), undefined]],
    );
  });
});

describe('parseDockerfile: exec (JSON) form', () => {
  const model = parse(['FROM alpine:3.20', 'ENTRYPOINT ["/bin/app", "--flag=\\"x\\""]', 'CMD ["a", b]', 'CMD ["unterminated"', 'RUN []', 'SHELL ["/bin/sh", "-c"]', ''].join('\n'));

  it('decodes JSON strings and keeps their ranges, quotes included', () => {
    const entrypoint = instruction(model, 0, 1);
    assert.ok(entrypoint.kind === 'entrypoint');
    assert.deepEqual(
      [entrypoint.form, entrypoint.exec, entrypoint.commandRange],
      [
        'exec',
        [
          { value: '/bin/app', range: r('2:13-2:23') },
          { value: '--flag="x"', range: r('2:25-2:39') },
        ],
        r('2:12-2:40'),
      ],
    );
  });

  it('treats a malformed or unterminated array as shell form, as Docker does', () => {
    const forms = stage(model, 0).instructions.map((each) => [each.keyword, 'form' in each ? each.form : '-', each.kind]);
    assert.deepEqual(forms, [
      ['FROM', '-', 'from'],
      ['ENTRYPOINT', 'exec', 'entrypoint'],
      ['CMD', 'shell', 'cmd'],
      ['CMD', 'shell', 'cmd'],
      ['RUN', 'exec', 'run'],
      ['SHELL', '-', 'other'],
    ]);
  });

  it('reads an exec-form COPY, spaces in names included', () => {
    const copy = instruction(parse('FROM a:1\nCOPY ["my file", "/dst dir/"]\n'), 0, 1);
    assert.ok(copy.kind === 'copy');
    assert.deepEqual(
      [copy.form, copy.sources, copy.destination],
      ['exec', [{ value: 'my file', range: r('2:7-2:16') }], { value: '/dst dir/', range: r('2:18-2:29') }],
    );
  });
});

describe('parseDockerfile: other instructions', () => {
  const model = parse(
    [
      'from alpine:3.20 as base',
      'user app:staff',
      'EXPOSE 80/tcp 8000-8010 ${PORT}',
      'LABEL org.opencontainers.image.title="My app" version=1',
      'HEALTHCHECK NONE',
      'HEALTHCHECK --interval=30s CMD wget -q -O- http://localhost/',
      'ONBUILD RUN make',
      'MAINTAINER Jane <jane@example.com>',
      '',
    ].join('\n'),
  );

  it('upper-cases keywords and reads a lower-case alias', () => {
    assert.deepEqual(
      stage(model, 0).instructions.map((each) => [each.keyword, each.kind, each.keywordRange.end.column]),
      [
        ['FROM', 'from', 5],
        ['USER', 'user', 5],
        ['EXPOSE', 'expose', 7],
        ['LABEL', 'label', 6],
        ['HEALTHCHECK', 'healthcheck', 12],
        ['HEALTHCHECK', 'healthcheck', 12],
        ['ONBUILD', 'other', 8],
        ['MAINTAINER', 'other', 11],
      ],
    );
    assert.deepEqual([stage(model, 0).name, stage(model, 0).nameRange], ['base', r('1:21-1:25')]);
  });

  it('splits USER into user and group', () => {
    const user = instruction(model, 0, 1);
    assert.ok(user.kind === 'user');
    assert.deepEqual([user.value, user.valueRange, user.user, user.group], ['app:staff', r('2:6-2:15'), 'app', 'staff']);
  });

  it('reads EXPOSE ports, ranges and variables', () => {
    const expose = instruction(model, 0, 2);
    assert.ok(expose.kind === 'expose');
    assert.deepEqual(expose.ports, [
      { value: '80/tcp', port: '80', protocol: 'tcp', range: r('3:8-3:14') },
      { value: '8000-8010', port: '8000-8010', protocol: undefined, range: r('3:15-3:24') },
      { value: '${PORT}', port: '${PORT}', protocol: undefined, range: r('3:25-3:32') },
    ]);
  });

  it('reads LABEL pairs with quoted values', () => {
    const label = instruction(model, 0, 3);
    assert.ok(label.kind === 'label');
    assert.deepEqual(label.pairs, [
      { key: 'org.opencontainers.image.title', keyRange: r('4:7-4:37'), value: 'My app', valueRange: r('4:38-4:46') },
      { key: 'version', keyRange: r('4:47-4:54'), value: '1', valueRange: r('4:55-4:56') },
    ]);
  });

  it('tells HEALTHCHECK NONE from HEALTHCHECK CMD', () => {
    const none = instruction(model, 0, 4);
    const check = instruction(model, 0, 5);
    assert.ok(none.kind === 'healthcheck' && check.kind === 'healthcheck');
    assert.deepEqual([none.disabled, none.subcommand], [true, { value: 'NONE', range: r('5:13-5:17') }]);
    assert.deepEqual([check.disabled, check.subcommand, check.flags.map((flag) => [flag.name, flag.value])], [false, { value: 'CMD', range: r('6:28-6:31') }, [['interval', '30s']]]);
  });

  it('keeps the raw arguments of any other instruction', () => {
    const maintainer = instruction(model, 0, 7);
    assert.deepEqual([maintainer.kind, maintainer.arguments, maintainer.argumentsRange], ['other', 'Jane <jane@example.com>', r('8:12-8:35')]);
  });
});
