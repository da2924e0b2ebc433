import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixtureDir, palisade, parseReport } from './cli-helpers.ts';

const EVENTS = [
  { kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata', auditID: 'a1', stage: 'ResponseComplete', requestURI: '/api/v1/namespaces/shop/pods', verb: 'list', user: { username: 'alice' }, objectRef: { resource: 'pods', namespace: 'shop' }, responseStatus: { code: 200 } },
  { kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata', auditID: 'a2', stage: 'ResponseStarted', requestURI: '/api/v1/namespaces/shop/pods/web-1/exec', verb: 'create', user: { username: 'mallory' }, objectRef: { resource: 'pods', namespace: 'shop', name: 'web-1', subresource: 'exec' }, responseStatus: { code: 101 } },
  { kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata', auditID: 'a3', stage: 'ResponseComplete', requestURI: '/api/v1/namespaces/prod/pods/db-0', verb: 'delete', user: { username: 'bob' }, objectRef: { resource: 'pods', namespace: 'prod', name: 'db-0' }, responseStatus: { code: 200 } },
];

const POLICY = `apiVersion: palisade.dev/v1
kind: Policy
metadata: { name: no-deletes-in-prod }
spec:
  matchConstraints: { targets: [AuditEvent] }
  severity: medium
  validations:
    - expression: "!(object.verb == 'delete' && object.?objectRef.namespace.orValue('') == 'prod')"
      messageExpression: "object.user.username + ' deleted ' + object.objectRef.name + ' in prod'"
`;

describe('palisade scan audit:<log>', () => {
  it('reports audit findings at their lines through the normal report and gate, with user policies', async () => {
    const dir = await fixtureDir({ 'audit.log': `${EVENTS.map((event) => JSON.stringify(event)).join('\n')}\nnot json\n`, 'policies/audit.yaml': POLICY });
    const run = await palisade(['scan', 'audit:audit.log', '--policy', 'policies', '-f', 'json'], { cwd: dir });
    assert.equal(run.code, 1, run.stderr);
    const report = parseReport(run.stdout);
    assert.deepEqual(
      report.findings.map((finding) => `${finding.location.path}:${finding.location.startLine ?? 0} ${finding.ruleId} ${finding.severity} ${finding.message}`),
      ['audit.log:2 audit-exec-into-pod high mallory ran exec into pod shop/web-1', 'audit.log:3 no-deletes-in-prod medium bob deleted db-0 in prod'],
    );
    assert.deepEqual(report.errors.map((error) => `${error.path}:${error.startLine ?? 0} ${error.code}`), ['audit.log:4 PARSE_FAILED']);
  });

  it('says clearly when the log is missing', async () => {
    const run = await palisade(['scan', 'audit:/nonexistent/audit.log']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Audit log "\/nonexistent\/audit\.log" does not exist/);
  });
});
