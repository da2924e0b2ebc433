import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AUDIT_HELP, auditCommand } from './audit.ts';
import type { CliIo } from './io.ts';

interface FakeIo extends CliIo {
  readonly out: string[];
  readonly err: string[];
  /** Resolves with the URL once the command says where it listens. */
  readonly listening: Promise<string>;
}

function fakeIo(env: Record<string, string> = {}): FakeIo {
  const out: string[] = [];
  const err: string[] = [];
  let announce: (url: string) => void = () => undefined;
  const listening = new Promise<string>((resolve) => (announce = resolve));
  return {
    out,
    err,
    listening,
    env,
    stdout: { write: (text: string) => out.push(text) },
    stderr: {
      write: (text: string) => {
        err.push(text);
        const url = /listening on (\S+)/.exec(text)?.[1];
        if (url !== undefined) announce(url);
      },
    },
  };
}

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

const EVENTS = {
  kind: 'EventList',
  apiVersion: 'audit.k8s.io/v1',
  items: [
    { kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata', auditID: 'd1', stage: 'ResponseComplete', requestURI: '/api/v1/namespaces/prod/pods/db-0', verb: 'delete', user: { username: 'bob' }, objectRef: { resource: 'pods', namespace: 'prod', name: 'db-0' }, responseStatus: { code: 200 } },
    { kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata', auditID: 'e1', stage: 'ResponseStarted', requestURI: '/api/v1/namespaces/shop/pods/web-1/attach', verb: 'create', user: { username: 'mallory' }, objectRef: { resource: 'pods', namespace: 'shop', name: 'web-1', subresource: 'attach' }, responseStatus: { code: 101 } },
  ],
};

describe('palisade audit', () => {
  it('prints its help, and refuses no or an unknown action', async () => {
    const io = fakeIo();
    assert.equal(await auditCommand(['--help'], io), 0);
    assert.equal(io.out.join(''), AUDIT_HELP);
    assert.equal(await auditCommand([], fakeIo()), 2);
    await assert.rejects(auditCommand(['tail'], fakeIo()), /Unknown audit command "tail"; expected "serve"/);
  });

  it('serve: evaluates posted EventLists with the built-in and --policy policies, writes alerts, and stops on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'palisade-cli-audit-'));
    await mkdir(join(dir, 'policies'));
    await writeFile(join(dir, 'policies', 'audit.yaml'), POLICY);
    const io = fakeIo({ TOKEN: 't0ken' });
    const done = auditCommand(['serve', '--listen', '127.0.0.1:0', '--policy', join(dir, 'policies'), '--token-env', 'TOKEN'], io);
    const url = await io.listening;
    assert.match(io.err[0] ?? '', /^palisade: audit webhook listening on http:\/\/127\.0\.0\.1:\d+ \(6 audit policies\)\n$/);
    const refused = await fetch(url, { method: 'POST', body: JSON.stringify(EVENTS) });
    assert.equal(refused.status, 401);
    const answer = await fetch(url, { method: 'POST', body: JSON.stringify(EVENTS), headers: { authorization: 'Bearer t0ken' } });
    assert.equal(await answer.text(), '{"events":2,"skipped":0,"alerts":2}');
    process.emit('SIGTERM');
    assert.equal(await done, 0);
    assert.deepEqual(io.out.map((line) => JSON.parse(line)).map((alert) => `${alert.type} ${alert.vulnerability} ${alert.severity}: ${alert.message}`), [
      'audit-alert audit-exec-into-pod high: mallory ran attach into pod shop/web-1',
      'audit-alert no-deletes-in-prod medium: bob deleted db-0 in prod',
    ]);
  });

  const refused: [string, string[], Record<string, string>, RegExp][] = [
    ['a policy that does not compile', ['--policy', 'BAD'], {}, /1 policy problem; the audit webhook was not started/],
    ['an unset secret variable', ['--webhook', 'https://hooks.example.com/x', '--webhook-secret-env', 'NOPE'], {}, /--webhook-secret-env: the environment variable NOPE is not set/],
    ['a secret without a webhook', ['--webhook-secret-env', 'S'], { S: 'x' }, /--webhook-secret-env needs --webhook URL/],
    ['a sink URL that is not http(s)', ['--slack', 'ftp://x'], {}, /--slack must be an http\(s\) URL \(got "ftp:\/\/x"\)/],
    ['half a TLS pair', ['--tls-cert', 'cert.pem'], {}, /--tls-cert and --tls-key go together/],
    ['a tiny body limit', ['--max-body', '10'], {}, /--max-body must be a number of bytes, at least 1024 \(got "10"\)/],
  ];
  for (const [name, args, env, message] of refused) {
    it(`serve refuses ${name} before listening`, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'palisade-cli-audit-'));
      await writeFile(join(dir, 'bad.yaml'), 'apiVersion: palisade.dev/v1\nkind: Policy\nmetadata: { name: broken }\nspec:\n  matchConstraints: { targets: [AuditEvent] }\n  validations:\n    - expression: "object.verb ==="\n');
      const io = fakeIo(env);
      await assert.rejects(auditCommand(['serve', '--listen', '127.0.0.1:0', ...args.map((arg) => (arg === 'BAD' ? join(dir, 'bad.yaml') : arg))], io), message);
      assert.equal(io.err.some((line) => line.includes('listening')), false);
    });
  }
});
