import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../core/index.ts';
import { dockerfileFinding, kubernetesFinding } from './__fixtures__/findings.ts';
import type { InlineSuppression } from './inline.ts';
import { applyInlineSuppressions, parseInlineSuppressions } from './inline.ts';

describe('parseInlineSuppressions', () => {
  it('applies an own-line comment to the next code line, skipping blank and comment lines', () => {
    const text = ['FROM alpine', '# palisade-ignore: DKR-0001 pinned by digest in CI', '', '# another comment', 'FROM node:latest', ''].join('\n');
    assert.deepEqual(parseInlineSuppressions(text), [
      { scope: 'line', selectors: ['DKR-0001'], reason: 'pinned by digest in CI', line: 2, column: 1, endColumn: 51, targetLine: 5, targetEndLine: 5 },
    ]);
  });

  it('applies a trailing comment to its own line', () => {
    const text = 'spec:\n  hostNetwork: true   # palisade-ignore: no-host-network,K8S-0002  node exporter needs it\n';
    assert.deepEqual(parseInlineSuppressions(text), [
      { scope: 'line', selectors: ['no-host-network', 'K8S-0002'], reason: 'node exporter needs it', line: 2, column: 23, endColumn: 90, targetLine: 2, targetEndLine: 2 },
    ]);
  });

  it('reads palisade-ignore-file anywhere, own line or trailing', () => {
    const text = 'a: 1\n  # palisade-ignore-file: secrets fixture with fake keys\nb: 2 # palisade-ignore-file: K8S-0003 generated\n';
    assert.deepEqual(parseInlineSuppressions(text), [
      { scope: 'file', selectors: ['secrets'], reason: 'fixture with fake keys', line: 2, column: 3, endColumn: 57 },
      { scope: 'file', selectors: ['K8S-0003'], reason: 'generated', line: 3, column: 6, endColumn: 48 },
    ]);
  });

  it('stacks several own-line comments on the same target', () => {
    const text = '# palisade-ignore: DKR-0001 a\n# palisade-ignore: DKR-0002 b\nFROM x\n';
    assert.deepEqual(
      parseInlineSuppressions(text).map((found) => [found.selectors, found.line, found.targetLine]),
      [
        [['DKR-0001'], 1, 3],
        [['DKR-0002'], 2, 3],
      ],
    );
  });

  it('covers every line of an instruction continued with a backslash (comment lines inside skipped)', () => {
    const text = ['# palisade-ignore: DKR-0005 we need the docs', 'RUN apt-get update && \\', '    # keep the list sorted', '    apt-get install -y \\', '      curl', 'USER app', ''].join('\n');
    assert.deepEqual(parseInlineSuppressions(text).map((found) => [found.targetLine, found.targetEndLine]), [[2, 5]]);
  });

  const syntax: readonly { name: string; line: string; selectors: readonly string[]; reason: string }[] = [
    { name: 'no space after #', line: '#palisade-ignore: DKR-0001 reason', selectors: ['DKR-0001'], reason: 'reason' },
    { name: 'no space after the colon', line: '# palisade-ignore:DKR-0001 reason', selectors: ['DKR-0001'], reason: 'reason' },
    { name: 'no colon', line: '# palisade-ignore DKR-0001 reason', selectors: ['DKR-0001'], reason: 'reason' },
    { name: 'spaces around commas', line: '# palisade-ignore: a , b,c  the reason ', selectors: ['a', 'b', 'c'], reason: 'the reason' },
    { name: 'a "--" before the reason', line: '# palisade-ignore: DKR-0001 -- reason here', selectors: ['DKR-0001'], reason: 'reason here' },
    { name: 'a vulnerability id', line: '# palisade-ignore: CVE-2021-23337 not reachable', selectors: ['CVE-2021-23337'], reason: 'not reachable' },
    { name: 'CRLF line endings', line: '# palisade-ignore: DKR-0001 reason\r', selectors: ['DKR-0001'], reason: 'reason' },
  ];
  for (const testCase of syntax) {
    it(`parses ${testCase.name}`, () => {
      const [found] = parseInlineSuppressions(`${testCase.line}\nFROM x\n`);
      assert.deepEqual([found?.selectors, found?.reason, found?.invalid], [testCase.selectors, testCase.reason, undefined]);
    });
  }

  const invalid: readonly { name: string; text: string; expected: InlineSuppression }[] = [
    {
      name: 'a missing reason',
      text: 'FROM node:latest # palisade-ignore: DKR-0001\n',
      expected: { scope: 'line', selectors: ['DKR-0001'], reason: '', line: 1, column: 18, endColumn: 45, targetLine: 1, targetEndLine: 1, invalid: 'missing reason' },
    },
    {
      name: 'a "--" with nothing after it',
      text: '# palisade-ignore: DKR-0001 --\nFROM x\n',
      expected: { scope: 'line', selectors: ['DKR-0001'], reason: '', line: 1, column: 1, endColumn: 31, targetLine: 2, targetEndLine: 2, invalid: 'missing reason' },
    },
    {
      name: 'a missing selector',
      text: '# palisade-ignore:\nFROM x\n',
      expected: { scope: 'line', selectors: [], reason: '', line: 1, column: 1, endColumn: 19, targetLine: 2, targetEndLine: 2, invalid: 'missing selector' },
    },
    {
      name: 'no code line after the comment',
      text: 'FROM x\n# palisade-ignore: DKR-0001 reason\n\n# end\n',
      expected: { scope: 'line', selectors: ['DKR-0001'], reason: 'reason', line: 2, column: 1, endColumn: 35, invalid: 'no target line' },
    },
    {
      name: 'a file-level comment without reason',
      text: '# palisade-ignore-file: secrets\n',
      expected: { scope: 'file', selectors: ['secrets'], reason: '', line: 1, column: 1, endColumn: 32, invalid: 'missing reason' },
    },
  ];
  for (const testCase of invalid) {
    it(`marks ${testCase.name} as invalid`, () => assert.deepEqual(parseInlineSuppressions(testCase.text), [testCase.expected]));
  }

  const ignored: readonly (readonly [string, string])[] = [
    ['a marker glued to a word', 'image: nginx#palisade-ignore: DKR-0001 reason\n'],
    ['a longer directive name', '# palisade-ignore-next-line: DKR-0001 reason\nFROM x\n'],
    ['an unrelated comment', '# palisade is great\nFROM x\n'],
    ['no comment at all', 'FROM node:latest\n'],
    ['an empty text', ''],
  ];
  for (const [name, text] of ignored) {
    it(`ignores ${name}`, () => assert.deepEqual(parseInlineSuppressions(text), []));
  }

  it('misreads a marker inside a YAML block scalar (documented limit)', () => {
    const text = 'data:\n  script: |\n    echo hi # palisade-ignore: K8S-0001 not really a comment\nkind: ConfigMap\n';
    assert.deepEqual(parseInlineSuppressions(text).map((found) => found.targetLine), [3]);
  });

  it('ends a continued instruction at a line without a backslash, and at the end of the text', () => {
    assert.deepEqual(parseInlineSuppressions('# palisade-ignore: a r\nRUN x \\\n  y\nRUN z\n').map((found) => [found.targetLine, found.targetEndLine]), [[2, 3]]);
    assert.deepEqual(parseInlineSuppressions('# palisade-ignore: a r\nRUN x \\\n\n# c').map((found) => [found.targetLine, found.targetEndLine]), [[2, 4]]);
    assert.deepEqual(parseInlineSuppressions('# palisade-ignore: a r\nRUN x \\').map((found) => [found.targetLine, found.targetEndLine]), [[2, 2]]);
  });

  it('stays linear on 50,000 suppressed lines that all continue', () => {
    const found = parseInlineSuppressions('# palisade-ignore: DKR-0001 r\nRUN a \\\n'.repeat(50_000));
    assert.equal(found.length, 50_000);
    assert.deepEqual([found[0]?.targetLine, found[0]?.targetEndLine], [2, 100_001]);
  });

  it('handles a 1 MiB single line and 100,000 comment lines without trouble', () => {
    assert.deepEqual(parseInlineSuppressions(`a: ${'#'.repeat(1 << 20)}`), []);
    const many = parseInlineSuppressions(`${'# palisade-ignore: DKR-0001 r\n'.repeat(100_000)}FROM x\n`);
    assert.equal(many.length, 100_000);
    assert.equal(many[99_999]?.targetLine, 100_001);
  });
});

describe('applyInlineSuppressions', () => {
  const path = 'services/api/Dockerfile';
  const text = [
    'FROM alpine AS build', // 1
    '# palisade-ignore: hadolint:DL3007 pinned by digest in CI', // 2
    'FROM node:latest', // 3
    'RUN echo hi # palisade-ignore: DKR-0009 no reason given in code review? fine', // 4
    '# palisade-ignore: DKR-0002', // 5 (invalid: missing reason)
    'USER root', // 6
    '',
  ].join('\n');
  const byPath = new Map([[path, parseInlineSuppressions(text)]]);
  const at = (line: number, overrides: Partial<Finding> = {}): Finding => dockerfileFinding({ location: { path, startLine: line, startColumn: 1 }, ...overrides });

  it('waives a finding on the target line, recording the reason and the comment', () => {
    assert.deepEqual(applyInlineSuppressions([at(3)], byPath), [
      { ...at(3), suppression: { kind: 'inline', reason: 'pinned by digest in CI', source: { path, startLine: 2, startColumn: 1, endLine: 2, endColumn: 58 } } },
    ]);
  });

  const untouched: readonly { name: string; finding: Finding }[] = [
    { name: 'a finding on another line', finding: at(1) },
    { name: 'a finding of another rule on the target line', finding: at(3, { ruleId: 'DKR-0003', slug: 'no-add', aliases: [] }) },
    { name: 'a finding under an invalid comment', finding: at(6, { ruleId: 'DKR-0002', slug: 'no-root-user', aliases: [] }) },
    { name: 'a finding without a line', finding: dockerfileFinding({ location: { path } }) },
    { name: 'a finding in another file', finding: dockerfileFinding({ location: { path: 'Dockerfile', startLine: 3 } }) },
  ];
  for (const testCase of untouched) {
    it(`leaves ${testCase.name}`, () => assert.deepEqual(applyInlineSuppressions([testCase.finding], byPath), [testCase.finding]));
  }

  it('keeps an existing suppression', () => {
    const baselined = at(3, { suppression: { kind: 'baseline', reason: 'in baseline b.json' } });
    assert.deepEqual(applyInlineSuppressions([baselined], byPath), [baselined]);
  });

  it('applies a trailing comment to its own line', () => {
    const [waived] = applyInlineSuppressions([at(4, { ruleId: 'DKR-0009', slug: 'no-x', aliases: [] })], byPath);
    assert.equal(waived?.suppression?.reason, 'no reason given in code review? fine');
  });

  it('waives any line of the file for a file-level comment, and none for another file', () => {
    const secrets = new Map([['k8s/web.yaml', parseInlineSuppressions('# palisade-ignore-file: K8S-0001 lab cluster only\nkind: Pod\n')]]);
    const finding = kubernetesFinding();
    assert.deepEqual(applyInlineSuppressions([finding, dockerfileFinding()], secrets), [
      { ...finding, suppression: { kind: 'inline', reason: 'lab cluster only', source: { path: 'k8s/web.yaml', startLine: 1, startColumn: 1, endLine: 1, endColumn: 50 } } },
      dockerfileFinding(),
    ]);
  });

  it('uses the matcher it is given (e.g. the catalogue’s, with packs)', () => {
    const packs = new Map([[path, parseInlineSuppressions('# palisade-ignore: dockerfile whole pack\nFROM x\n')]]);
    const byPack = (finding: Finding, selector: string): boolean => selector === 'dockerfile' && finding.ruleId.startsWith('DKR-');
    assert.equal(applyInlineSuppressions([at(2)], packs, byPack)[0]?.suppression?.reason, 'whole pack');
    assert.equal(applyInlineSuppressions([at(2)], packs)[0]?.suppression, undefined);
  });
});

describe('hadolint ignore comments', () => {
  it('applies `# hadolint ignore=` to the next instruction, as aliases, with the fixed reason', () => {
    const text = ['FROM alpine:3.20', '# hadolint ignore=DL3008, DL3015', 'RUN apt-get install -y \\', '    curl', ''].join('\n');
    assert.deepEqual(parseInlineSuppressions(text), [
      { scope: 'line', selectors: ['hadolint:DL3008', 'hadolint:DL3015'], reason: 'hadolint ignore comment', line: 2, column: 1, endColumn: 33, targetLine: 3, targetEndLine: 4 },
    ]);
  });

  it('reads `# hadolint global ignore=` as file-wide', () => {
    assert.deepEqual(parseInlineSuppressions('  #hadolint global ignore=DL3007\nFROM node:latest\n'), [
      { scope: 'file', selectors: ['hadolint:DL3007'], reason: 'hadolint ignore comment', line: 1, column: 3, endColumn: 33 },
    ]);
  });

  const ignoredForms: readonly (readonly [string, string])[] = [
    ['ShellCheck ids only (no Palisade rule)', '# hadolint ignore=SC2086\nRUN x\n'],
    ['a trailing comment (Dockerfiles have none)', 'RUN x # hadolint ignore=DL3008\n'],
    ['another hadolint pragma', '# hadolint shell=powershell\nRUN x\n'],
    ['a malformed list', '# hadolint ignore=DL3008,\nRUN x\n'],
  ];
  for (const [name, text] of ignoredForms) {
    it(`ignores ${name}`, () => assert.deepEqual(parseInlineSuppressions(text), []));
  }

  it('keeps DL ids and drops ShellCheck ids from one pragma', () => {
    assert.deepEqual(parseInlineSuppressions('# hadolint ignore=SC2086,dl3007\nFROM node\n')[0]?.selectors, ['hadolint:DL3007']);
  });

  it('waives a finding whose aliases include the DL id', () => {
    const text = '# hadolint ignore=DL3007\nFROM node:latest\n';
    const finding = dockerfileFinding({ location: { path: 'Dockerfile', startLine: 2, startColumn: 11, endLine: 2, endColumn: 17 } });
    const [waived] = applyInlineSuppressions([finding], new Map([['Dockerfile', parseInlineSuppressions(text)]]));
    assert.deepEqual(waived?.suppression, { kind: 'inline', reason: 'hadolint ignore comment', source: { path: 'Dockerfile', startLine: 1, startColumn: 1, endLine: 1, endColumn: 25 } });
  });
});
