import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ErrorPosition } from '../core/index.ts';
import { loadConfig } from './load.ts';

const PATH = '.palisade.yaml';

/** The error's message and position, or a failure when the text loads. */
function failure(text: string): { code: string; message: string; position: ErrorPosition | undefined } {
  const result = loadConfig(PATH, text);
  assert.equal(result.ok, false, 'expected the configuration to be rejected');
  if (result.ok) throw new Error('unreachable');
  return { code: result.error.code, message: result.error.message, position: result.error.position };
}

describe('loadConfig: valid files', () => {
  it('reads every key', () => {
    const text = [
      '# Palisade settings',
      'scanners: [misconfig, secret, vuln, policy]',
      'failOn: medium',
      'format: sarif',
      'rules:',
      '  - recommended',
      '  - hadolint:DL3007',
      'skipRules: [no-latest-tag]',
      'exceptions: security/exceptions.yaml',
      'baseline: .palisade/baseline.json',
      'ignorePaths:',
      '  - vendor/',
      '  - "**/testdata/**"',
      'maxFileSize: 1048576',
      '',
    ].join('\n');
    assert.deepEqual(loadConfig(PATH, text), {
      ok: true,
      value: {
        scanners: ['misconfig', 'secret', 'vuln', 'policy'],
        failOn: 'medium',
        format: 'sarif',
        rules: ['recommended', 'hadolint:DL3007'],
        skipRules: ['no-latest-tag'],
        exceptions: 'security/exceptions.yaml',
        baseline: '.palisade/baseline.json',
        ignorePaths: ['vendor/', '**/testdata/**'],
        maxFileSize: 1048576,
      },
    });
  });

  const empty: readonly (readonly [string, string])[] = [
    ['an empty file', ''],
    ['only a comment', '# nothing configured yet\n'],
    ['only blank lines', '\n\n   \n'],
    ['an explicit null document', '~\n'],
    ['an empty mapping', '{}\n'],
  ];
  for (const [name, text] of empty) {
    it(`reads ${name} as an empty configuration`, () => {
      assert.deepEqual(loadConfig(PATH, text), { ok: true, value: {} });
    });
  }

  it('accepts failOn: none and CRLF line endings', () => {
    assert.deepEqual(loadConfig(PATH, 'failOn: none\r\nformat: json\r\n'), { ok: true, value: { failOn: 'none', format: 'json' } });
  });

  it('accepts a few aliases (real YAML feature, not an attack)', () => {
    assert.deepEqual(loadConfig(PATH, 'rules: &r [recommended]\nskipRules: *r\n'), { ok: true, value: { rules: ['recommended'], skipRules: ['recommended'] } });
  });
});

describe('loadConfig: schema errors name file, line, column and key', () => {
  const cases: readonly { name: string; text: string; message: string; line: number; column: number }[] = [
    { name: 'misspelt key (case)', text: 'format: json\nscanners: [secret]\nfailon: high\n', message: '.palisade.yaml:3:1: unknown key "failon" (did you mean "failOn"?)', line: 3, column: 1 },
    { name: 'misspelt key (snake case)', text: 'skip_rules: [x]\n', message: '.palisade.yaml:1:1: unknown key "skip_rules" (did you mean "skipRules"?)', line: 1, column: 1 },
    { name: 'misspelt key (typo)', text: 'scaners: [secret]\n', message: '.palisade.yaml:1:1: unknown key "scaners" (did you mean "scanners"?)', line: 1, column: 1 },
    {
      name: 'unknown key without a close match',
      text: 'output: report.json\n',
      message: '.palisade.yaml:1:1: unknown key "output" (known keys: scanners, failOn, format, rules, skipRules, exceptions, baseline, ignorePaths, maxFileSize, maxLayerBytes, maxImageBytes, severityOverrides, ruleOptions, advisories, vulnerabilityDatabase, databaseMaxAge, vex, policies)',
      line: 1,
      column: 1,
    },
    { name: 'bad enum value', text: 'format: json\nfailOn: severe\n', message: '.palisade.yaml:2:9: "failOn" must be one of critical, high, medium, low, info, none', line: 2, column: 9 },
    { name: 'enum key with the wrong type', text: 'format: 3\n', message: '.palisade.yaml:1:9: "format" must be one of table, json, sarif, junit, markdown, gitlab-sast', line: 1, column: 9 },
    { name: 'bad list item', text: 'scanners:\n  - secret\n  - sast\n', message: '.palisade.yaml:3:5: "scanners[1]" must be one of misconfig, secret, vuln, policy', line: 3, column: 5 },
    { name: 'duplicate list item', text: 'scanners: [secret, vuln, secret]\n', message: '.palisade.yaml:1:26: "scanners" lists "secret" more than once', line: 1, column: 26 },
    { name: 'string instead of list', text: 'rules: no-latest-tag\n', message: '.palisade.yaml:1:8: "rules" must be a list (found a string)', line: 1, column: 8 },
    { name: 'mapping instead of list', text: 'ignorePaths:\n  vendor: true\n', message: '.palisade.yaml:2:3: "ignorePaths" must be a list (found a mapping)', line: 2, column: 3 },
    { name: 'number instead of string', text: 'exceptions: 12\n', message: '.palisade.yaml:1:13: "exceptions" must be a string (found an integer)', line: 1, column: 13 },
    { name: 'empty string', text: 'baseline: ""\n', message: '.palisade.yaml:1:11: "baseline" must not be empty', line: 1, column: 11 },
    { name: 'null value', text: 'baseline:\n', message: '.palisade.yaml:1:10: "baseline" must be a string (found nothing)', line: 1, column: 10 },
    { name: 'empty list item', text: 'ignorePaths: ["", vendor/]\n', message: '.palisade.yaml:1:15: "ignorePaths[0]" must not be empty', line: 1, column: 15 },
    { name: 'size as text', text: 'maxFileSize: 10MB\n', message: '.palisade.yaml:1:14: "maxFileSize" must be an integer (found a string)', line: 1, column: 14 },
    { name: 'fractional size', text: 'maxFileSize: 1.5\n', message: '.palisade.yaml:1:14: "maxFileSize" must be an integer (found a number)', line: 1, column: 14 },
    { name: 'zero size', text: 'maxFileSize: 0\n', message: '.palisade.yaml:1:14: "maxFileSize" must be at least 1', line: 1, column: 14 },
    { name: 'boolean instead of list', text: 'skipRules: false\n', message: '.palisade.yaml:1:12: "skipRules" must be a list (found true or false)', line: 1, column: 12 },
  ];
  for (const testCase of cases) {
    it(testCase.name, () => {
      assert.deepEqual(failure(testCase.text), {
        code: 'CONFIG_INVALID',
        message: testCase.message,
        position: { path: PATH, line: testCase.line, column: testCase.column },
      });
    });
  }

  it('reports every problem, one per line, in document order, the first in `position`', () => {
    const text = 'maxFileSize: -1\nfailon: high\nformat: xml\nscanners: [vuln, vuln]\n';
    assert.deepEqual(failure(text), {
      code: 'CONFIG_INVALID',
      message: [
        '.palisade.yaml:1:14: "maxFileSize" must be at least 1',
        '.palisade.yaml:2:1: unknown key "failon" (did you mean "failOn"?)',
        '.palisade.yaml:3:9: "format" must be one of table, json, sarif, junit, markdown, gitlab-sast',
        '.palisade.yaml:4:18: "scanners" lists "vuln" more than once',
      ].join('\n'),
      position: { path: PATH, line: 1, column: 14 },
    });
  });

  it('names the file it was given', () => {
    const result = loadConfig('ci/palisade.yaml', 'failOn: loud\n');
    assert.equal(result.ok ? '' : result.error.message, 'ci/palisade.yaml:1:9: "failOn" must be one of critical, high, medium, low, info, none');
    assert.deepEqual(result.ok ? undefined : result.error.position, { path: 'ci/palisade.yaml', line: 1, column: 9 });
  });
});

describe('loadConfig: the top level must be a mapping', () => {
  const cases: readonly { name: string; text: string; message: string }[] = [
    { name: 'a list', text: '- failOn: high\n', message: '.palisade.yaml:1:1: the file must be a mapping of keys to values (found a list)' },
    { name: 'a string', text: 'failOn high\n', message: '.palisade.yaml:1:1: the file must be a mapping of keys to values (found a string)' },
    { name: 'a number', text: '42\n', message: '.palisade.yaml:1:1: the file must be a mapping of keys to values (found an integer)' },
    { name: 'a boolean after a comment', text: '# settings\ntrue\n', message: '.palisade.yaml:2:1: the file must be a mapping of keys to values (found true or false)' },
  ];
  for (const testCase of cases) {
    it(testCase.name, () => {
      const { message, position } = failure(testCase.text);
      assert.equal(message, testCase.message);
      assert.deepEqual(position, { path: PATH, line: Number(testCase.message.split(':')[1]), column: 1 });
    });
  }
});

describe('loadConfig: YAML syntax errors keep the parser position', () => {
  const cases: readonly { name: string; text: string; message: string; line: number; column: number }[] = [
    {
      name: 'unclosed flow sequence',
      text: 'scanners: [secret, vuln\nfailOn: high\n',
      message: '.palisade.yaml:2:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
      line: 2,
      column: 1,
    },
    { name: 'unterminated quote', text: 'baseline: "base.json\n', message: '.palisade.yaml:2:1: YAML syntax error: Missing closing "quote', line: 2, column: 1 },
    { name: 'tab indentation', text: 'rules:\n\t- x\n', message: '.palisade.yaml:2:1: YAML syntax error: Tabs are not allowed as indentation', line: 2, column: 1 },
    { name: 'compact nested mapping', text: 'failOn: high: low\n', message: '.palisade.yaml:1:9: YAML syntax error: Nested mappings are not allowed in compact mappings', line: 1, column: 9 },
    { name: 'duplicate key', text: 'failOn: high\nformat: json\nfailOn: low\n', message: '.palisade.yaml:3:1: duplicate key "failOn"', line: 3, column: 1 },
    {
      name: 'two documents',
      text: 'failOn: high\n---\nformat: json\n',
      message: '.palisade.yaml:2:1: YAML syntax error: the file holds more than one document (remove the "---" separator)',
      line: 2,
      column: 1,
    },
  ];
  for (const testCase of cases) {
    it(testCase.name, () => {
      assert.deepEqual(failure(testCase.text), {
        code: 'CONFIG_INVALID',
        message: testCase.message,
        position: { path: PATH, line: testCase.line, column: testCase.column },
      });
    });
  }
});

describe('loadConfig: hostile input', () => {
  it('refuses a "billion laughs" document, pointing at the first alias', () => {
    assert.deepEqual(failure(BILLION_LAUGHS), {
      code: 'CONFIG_INVALID',
      message: '.palisade.yaml:2:8: aliases expand to too many nodes (a "billion laughs" document?); the file was not loaded',
      position: { path: PATH, line: 2, column: 8 },
    });
  });

  it('rejects 1 MiB of printable garbage with at most 20 positioned problems and a count of the rest', () => {
    const { code, message } = failure(garbage(1 << 20));
    const lines = message.split('\n');
    assert.equal(code, 'CONFIG_INVALID');
    assert.equal(lines.length, 21);
    for (const line of lines.slice(0, 20)) assert.match(line, /^\.palisade\.yaml:\d+:\d+: .{1,320}$/);
    assert.match(lines[20] ?? '', /^\.palisade\.yaml: … and \d+ more problems$/);
  });

  it('rejects binary content as a non-mapping', () => {
    const binary = String.fromCharCode(...Array.from({ length: 4096 }, (_value, index) => (index * 7919) % 256));
    assert.equal(failure(binary).message, '.palisade.yaml:1:1: the file must be a mapping of keys to values (found a string)');
  });

  it('reports nesting deeper than the parser allows as a syntax error, not a crash', () => {
    const { code, message } = failure(`rules: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    assert.equal(code, 'CONFIG_INVALID');
    assert.match(message.split('\n')[0] ?? '', /^\.palisade\.yaml:1:\d+: YAML syntax error: the document nests too deeply$/);
  });

  it('caps the report for twenty thousand unknown keys', () => {
    const text = Array.from({ length: 20_000 }, (_value, index) => `key${index}: 1`).join('\n');
    const lines = failure(text).message.split('\n');
    assert.equal(lines.length, 21);
    assert.equal(lines[0], '.palisade.yaml:1:1: unknown key "key0" (known keys: scanners, failOn, format, rules, skipRules, exceptions, baseline, ignorePaths, maxFileSize, maxLayerBytes, maxImageBytes, severityOverrides, ruleOptions, advisories, vulnerabilityDatabase, databaseMaxAge, vex, policies)');
    assert.equal(lines[20], '.palisade.yaml: … and 19980 more problems');
  });

  it('clips a huge value in a message', () => {
    const lines = failure(`failOn: high\nrules: [${'x'.repeat(100_000)}\n`).message.split('\n');
    assert.ok(lines.every((line) => line.length <= 240));
  });
});

const BILLION_LAUGHS = [
  'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
  'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
  'f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]',
  'g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]',
  'h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]',
  'i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]',
  '',
].join('\n');

/** Deterministic printable noise with newlines (a linear congruential generator). */
function garbage(size: number): string {
  const chars: string[] = [];
  let seed = 1;
  while (chars.length < size) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    chars.push(seed % 37 === 0 ? '\n' : String.fromCharCode(32 + (seed % 95)));
  }
  return chars.join('');
}
