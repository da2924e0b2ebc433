// Meta-tests of the compliance catalogue: every rule maps to a control, every mapping names a real
// control, automated controls have checks, and docs/compliance/ is in step with the catalogue.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ruleMetas } from '../src/catalog.ts';
import { SCANNER_EVIDENCE, checksFor, checksOf, findControl, frameworks } from '../src/compliance/index.ts';
import { COMPLIANCE_GUIDE, compliancePageName, renderCompliancePage } from '../scripts/compliance-docs.ts';
import { REPO_ROOT } from '../scripts/rule-docs.ts';

const checks = checksOf(ruleMetas);
const docsDir = join(REPO_ROOT, 'docs', 'compliance');

describe('compliance mapping', () => {
  it('maps every built-in rule to at least one control', () => {
    const unmapped = ruleMetas.filter((meta) => meta.compliance.length === 0).map((meta) => `${meta.id} ${meta.slug}`);
    assert.deepEqual(unmapped, []);
  });

  it('names only controls that exist in a framework catalogue (rules and scanners)', () => {
    const unknown = checks.flatMap((check) => check.compliance.filter((id) => findControl(id) === undefined).map((id) => `${check.id}: ${id}`));
    assert.deepEqual(unknown, []);
    assert.ok(Object.keys(SCANNER_EVIDENCE).length > 0);
  });

  it('gives every automated control at least one check', () => {
    const bare = frameworks.flatMap((framework) => framework.controls.filter((control) => control.automation === 'automated' && checksFor(`${framework.id}:${control.id}`, checks).length === 0).map((control) => `${framework.id}:${control.id}`));
    assert.deepEqual(bare, []);
  });

  it('has the controls issue 12 asks for in PCI DSS and HIPAA', () => {
    for (const id of ['pci-dss-4.0:6.3.1', 'pci-dss-4.0:6.3.2', 'pci-dss-4.0:6.2.4', 'pci-dss-4.0:6.4.1', 'pci-dss-4.0:10.2.1', 'pci-dss-4.0:11.3.1', 'hipaa:164.308(a)(1)(ii)(A)', 'hipaa:164.308(a)(1)(ii)(B)', 'hipaa:164.308(a)(5)(ii)(B)', 'hipaa:164.312(e)(1)']) {
      assert.ok(findControl(id) !== undefined, id);
    }
  });

  it('gives every control a short title, without a trailing period', () => {
    for (const framework of frameworks) {
      for (const control of framework.controls) assert.ok(control.title.length > 0 && control.title.length <= 120 && !control.title.endsWith('.'), `${framework.id}:${control.id}`);
    }
  });
});

describe('docs/compliance', () => {
  it('is in step with the catalogue (run `npm run docs` after changing a framework or a rule mapping)', () => {
    for (const framework of frameworks) {
      const page = join(docsDir, compliancePageName(framework));
      assert.equal(readFileSync(page, 'utf8'), renderCompliancePage(framework, ruleMetas), `${page} is stale`);
    }
  });

  it('has a page per framework, the guide, and nothing else', () => {
    const expected = [COMPLIANCE_GUIDE, ...frameworks.map(compliancePageName)].sort();
    assert.deepEqual(readdirSync(docsDir).sort(), expected);
  });

  it('links the guide to every framework page', () => {
    const guide = readFileSync(join(docsDir, COMPLIANCE_GUIDE), 'utf8');
    for (const framework of frameworks) assert.ok(guide.includes(`(${compliancePageName(framework)})`), framework.id);
  });
});
