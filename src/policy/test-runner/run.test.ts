import assert from 'node:assert/strict';
import { relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { dockerfileAnalyzer } from '../../dockerfile/index.ts';
import { npmLockAnalyzer } from '../../packages/index.ts';
import { findPolicyTestSuites, formatPolicyTestResults, runPolicyTestSuite } from './index.ts';

const FIXTURES = relative(process.cwd(), fileURLToPath(new URL('./__fixtures__/', import.meta.url))).replaceAll('\\', '/');
const options = { analyzers: [dockerfileAnalyzer, npmLockAnalyzer] };

describe('policy test suites', () => {
  it('finds the suites of a folder', () => {
    assert.deepEqual(findPolicyTestSuites(`${FIXTURES}/passing`), [`${FIXTURES}/passing/dockerfiles.test.yaml`, `${FIXTURES}/passing/replica-limit.test.yaml`, `${FIXTURES}/passing/vulnerabilities.test.yaml`]);
  });

  it('runs cases by name, Kind/namespace/name, file and inline object', () => {
    const result = runPolicyTestSuite(`${FIXTURES}/passing/replica-limit.test.yaml`, options);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      result.cases.map((item) => [item.name, item.expected, item.got, item.passed]),
      [
        ['test/test-five', 'deny', 'deny', true],
        ['Deployment/test/test-three', 'admit', 'admit', true],
        ['prod-five', 'admit', 'admit', true],
        ['inline deployment in a namespace labelled test', 'deny', 'deny', true],
      ],
    );
  });

  it('runs Palisade policies on Dockerfiles, with deny and warn', () => {
    const result = runPolicyTestSuite(`${FIXTURES}/passing/dockerfiles.test.yaml`, options);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      result.cases.map((item) => [item.name, item.got, item.messages]),
      [
        ['good.dockerfile', 'admit', []],
        ['bad.dockerfile', 'deny', ['base image from a registry that is not allowed: quay.io/org/app:1']],
        ['bad.dockerfile', 'warn', ['the image runs as root']],
      ],
    );
  });

  it('runs Palisade policies on lockfiles, with the vulnerabilities the suite lists', () => {
    const result = runPolicyTestSuite(`${FIXTURES}/passing/vulnerabilities.test.yaml`, options);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      result.cases.map((item) => [item.name, item.got, item.messages, item.passed]),
      [['app/package-lock.json', 'deny', ['critical vulnerabilities: GHSA-xvch-5gv4-984h in minimist@1.2.5'], true]],
    );
  });

  it('prints a table and a readable diff for mismatches', () => {
    const result = runPolicyTestSuite(`${FIXTURES}/failing/mismatch.test.yaml`, options);
    assert.equal(
      formatPolicyTestResults([result]),
      [
        'RESULT  SUITE     CASE   EXPECTED                                               GOT',
        'FAIL    mismatch  nginx  deny "object.spec.replicas must be no greater than 4"  deny',
        'FAIL    mismatch  small  deny                                                   admit',
        'PASS    mismatch  nginx  deny "object.spec.replicas must be no greater than 3"  deny',
        '',
        'FAIL mismatch › nginx',
        '  - expected: deny "object.spec.replicas must be no greater than 4"',
        '  + got:      deny "object.spec.replicas must be no greater than 3"',
        '',
        'FAIL mismatch › small',
        '  - expected: deny',
        '  + got:      admit',
        '',
        '1 passed, 2 failed',
        '',
      ].join('\n'),
    );
  });

  const BROKEN: readonly [string, readonly string[]][] = [
    [
      'bad-fields.test.yaml',
      ['8:13 cases[0].expect: expect must be one of admit, deny, warn, audit', '5:12 resources: must be a list of file names', '1:1 policies: list at least one policy file or folder'],
    ],
    [
      'bad-policy.test.yaml',
      [
        "- Cannot read policies: ENOENT: no such file or directory, stat 'src/policy/test-runner/__fixtures__/broken/missing.yaml'",
        '13:38 ValidatingAdmissionPolicy "bad": spec.validations[0].expression: CEL compile error: Unexpected token: EOF',
      ],
    ],
    ['unknown-object.test.yaml', ['- no resource "nowhere" among the suite\'s resources', '- cases[1]: no policy named "not-a-policy" among the suite\'s policies']],
  ];
  for (const [file, expected] of BROKEN) {
    it(`reports a bad suite: ${file}`, () => {
      const result = runPolicyTestSuite(`${FIXTURES}/broken/${file}`, options);
      assert.deepEqual(result.cases, []);
      assert.deepEqual(
        result.errors.map((error) => `${error.startLine === undefined ? '-' : `${error.startLine}:${error.startColumn}`} ${error.message}`),
        expected,
      );
    });
  }

  it('a file that is not a suite is an error', () => {
    const result = runPolicyTestSuite(`${FIXTURES}/broken/bad-policy.yaml`, options);
    assert.deepEqual(result.errors.map((error) => error.message), ['Not a PolicyTest (apiVersion palisade.dev/v1)']);
  });
});
