// Advisory input (src/vuln): OSV records, OSV zips, VEX documents, CVSS vectors and the version
// schemes of every ecosystem. Typed results or coded errors with a position; parsed records can be
// matched; the version order is antisymmetric on whatever parses.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCvssVector, scoreCvssVector } from '../../../src/vuln/cvss/index.ts';
import { buildZip, osvRecord } from '../../../src/vuln/db/__fixtures__/zip-writer.ts';
import { parseOsvRecord } from '../../../src/vuln/db/record.ts';
import { readZipEntries } from '../../../src/vuln/db/zip.ts';
import * as records from '../../../src/vuln/match/__fixtures__/records.ts';
import { isAffected } from '../../../src/vuln/match/evaluate.ts';
import { parseVex } from '../../../src/vuln/vex/index.ts';
import type { SchemeId } from '../../../src/vuln/versioning/index.ts';
import { versionSchemes } from '../../../src/vuln/versioning/index.ts';
import type { FuzzTarget } from '../harness.ts';
import { PropertyViolation, checkScanErrors, onlyCodedErrors, onlyCodedErrorsAsync, utf8, violation } from '../harness.ts';

const VERSIONS: Readonly<Record<SchemeId, readonly string[]>> = {
  apk: ['1.2.3-r0', '1.2.3_rc1-r1', '2.0_p1', '1.0a-r2', '3.1.4_git20230101'],
  cran: ['1.0-1', '2.3.4', '0.9.1-12'],
  dpkg: ['1:2.3.4-5ubuntu1', '2.36.1-8+deb12u1', '0~rc1', '1.0+dfsg-1~bpo11+1'],
  go: ['v1.2.3', 'v0.0.0-20230101000000-abcdef123456', 'v2.0.0+incompatible', '1.21.0'],
  hackage: ['1.2.3.4', '0.1'],
  maven: ['1.0.0-SNAPSHOT', '2.17.1', '1.0-alpha-1', '3.0.0.RELEASE', '1.0.0-rc.1+build'],
  nuget: ['1.0.0', '6.0.0-preview.7.21377.19', '1.2.3.4'],
  packagist: ['v1.2.3', '2.0.0-beta1', 'dev-main', '1.0.0-RC2'],
  pep440: ['1.0.0', '2!1.0.post1.dev3', '1.0rc1+local.7', '0.9b2'],
  pub: ['1.0.0', '2.0.0-nullsafety.0', '1.2.3+4'],
  rpm: ['1:3.0.7-27.el9', '5.1.8-9.el9', '1.0~rc1-1', '2.0^git1-1'],
  rubygems: ['1.0.0', '2.7.0.pre.1', '3.0.0.rc2'],
  semver: ['1.2.3', '1.0.0-alpha.1+build.5', '0.0.0', '10.20.30-rc.1'],
};

function versionTarget(scheme: SchemeId, samples: readonly string[]): FuzzTarget {
  const spec = versionSchemes[scheme];
  return {
    name: `version-${scheme}`,
    syntax: 'text',
    samples: samples.flatMap((a) => samples.map((b) => `${a}\n${b}`)),
    check(input) {
      const [a = '', b = ''] = utf8(input).split('\n', 2);
      const left = onlyCodedErrors(() => spec.parse(a), []);
      const right = onlyCodedErrors(() => spec.parse(b), []);
      for (const parsed of [left, right]) if (parsed !== undefined && !parsed.ok) violation(Number.isInteger(parsed.error.column) && parsed.error.column >= 1, `column ${parsed.error.column} is not 1-based`);
      if (left === undefined || right === undefined || !left.ok || !right.ok) return;
      const forward = Math.sign(onlyCodedErrors(() => spec.compare(left.value, right.value), []) ?? 0);
      const backward = Math.sign(onlyCodedErrors(() => spec.compare(right.value, left.value), []) ?? 0);
      violation(forward === -backward, `${scheme}: compare(${JSON.stringify(a)}, ${JSON.stringify(b)}) = ${forward} but the reverse is ${backward}`);
      violation(spec.compare(left.value, left.value) === 0, `${scheme}: ${JSON.stringify(a)} is not equal to itself`);
    },
  };
}

const OSV_SAMPLES = Object.values(records).map((record) => JSON.stringify(record, null, 2));
const PROBE_VERSIONS = ['0', '1.0.0', '4.17.20', '1:3.0.7-27.el9', 'v1.2.3'];

const workDir = mkdtempSync(join(tmpdir(), 'palisade-fuzz-zip-'));
process.on('exit', () => rmSync(workDir, { recursive: true, force: true }));
let zipCounter = 0;

const OPENVEX = JSON.stringify({
  '@context': 'https://openvex.dev/ns/v0.2.0',
  '@id': 'https://example.com/vex/1',
  author: 'Security',
  timestamp: '2024-03-01T00:00:00Z',
  version: 1,
  statements: [
    { vulnerability: { name: 'CVE-2021-23337', aliases: ['GHSA-35jh-r3h4-6jhm'] }, products: [{ '@id': 'pkg:oci/app@sha256%3Aabc', subcomponents: [{ '@id': 'pkg:npm/lodash@4.17.11' }] }], status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' },
    { vulnerability: 'GHSA-jf85-cpcp-j695', products: ['pkg:npm/lodash'], status: 'fixed' },
  ],
}, null, 2);
const CYCLONEDX_VEX = JSON.stringify({
  bomFormat: 'CycloneDX',
  specVersion: '1.5',
  vulnerabilities: [{ id: 'CVE-2021-23337', analysis: { state: 'not_affected', justification: 'code_not_reachable' }, affects: [{ ref: 'pkg:npm/lodash@4.17.11' }] }],
}, null, 2);

export const targets: readonly FuzzTarget[] = [
  {
    name: 'osv-record',
    syntax: 'json',
    samples: OSV_SAMPLES,
    check(input) {
      const text = utf8(input);
      const result = onlyCodedErrors(() => parseOsvRecord(text, 'fuzz/osv.json'), []);
      if (result === undefined) return;
      if (!result.ok) {
        violation(['ADVISORY_INVALID', 'FILE_TOO_LARGE'].includes(result.error.code), `unexpected code ${result.error.code}`);
        violation(result.error.position?.path === 'fuzz/osv.json', `the error does not name the file: ${result.error.message}`);
        return;
      }
      const record = result.value.record;
      for (const affected of record.affected ?? []) {
        const ecosystem = affected.package?.ecosystem ?? 'npm';
        for (const version of PROBE_VERSIONS) onlyCodedErrors(() => isAffected(affected, ecosystem, version), []);
      }
      const again = parseOsvRecord(result.value.json, 'fuzz/osv.json');
      violation(again.ok && again.value.json === result.value.json, 'a stored record does not parse back to itself');
    },
  },
  {
    name: 'osv-zip',
    syntax: 'bytes',
    samples: [buildZip([{ name: 'GHSA-1.json', data: osvRecord('GHSA-1') }, { name: 'a/PYSEC-2.json', data: osvRecord('PYSEC-2'), store: true }]), buildZip([{ name: 'X.json', data: osvRecord('X') }], { zip64: true })],
    async check(input) {
      zipCounter += 1;
      const path = join(workDir, `${zipCounter}.zip`);
      writeFileSync(path, input);
      try {
        await onlyCodedErrorsAsync(async () => {
          for await (const item of readZipEntries(path, 1024 * 1024)) if (item.kind === 'skipped') violation(item.message !== '', 'skipped entry without a message');
        }, ['ADVISORY_INVALID', 'FILE_TOO_LARGE']);
      } finally {
        rmSync(path, { force: true });
      }
    },
  },
  {
    name: 'vex',
    syntax: 'json',
    samples: [OPENVEX, CYCLONEDX_VEX],
    check(input) {
      const result = onlyCodedErrors(() => parseVex('fuzz/vex.json', utf8(input)), []);
      if (result !== undefined && !result.ok) {
        const error = result.error;
        violation(error.position?.path === 'fuzz/vex.json' || error.message.includes('fuzz/vex.json'), `the VEX error does not name the file: ${error.message}`);
        const { line, column } = error.position ?? {};
        checkScanErrors([{ path: 'fuzz/vex.json', code: error.code, message: error.message, ...(line === undefined ? {} : { startLine: line }), ...(column === undefined ? {} : { startColumn: column }) }], 'fuzz/vex.json', utf8(input));
      }
    },
  },
  {
    name: 'cvss-vector',
    syntax: 'text',
    samples: ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'CVSS:3.0/AV:L/AC:H/PR:H/UI:R/S:C/C:N/I:L/A:N/E:P/RL:O', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 'CVSS:4.0/AV:P/AC:H/AT:P/PR:L/UI:A/VC:L/VI:N/VA:N/SC:H/SI:H/SA:H/E:U'],
    check(input) {
      const text = utf8(input);
      onlyCodedErrors(() => parseCvssVector(text), []);
      const score = onlyCodedErrors(() => scoreCvssVector(text), []);
      if (score !== undefined && score.ok) violation(score.value.score >= 0 && score.value.score <= 10, `CVSS score ${score.value.score} outside 0..10`);
    },
  },
  ...Object.entries(VERSIONS).map(([scheme, samples]) => {
    const id = Object.keys(versionSchemes).find((candidate): candidate is SchemeId => candidate === scheme);
    if (id === undefined) throw new PropertyViolation(`unknown scheme ${scheme}`);
    return versionTarget(id, samples);
  }),
];
