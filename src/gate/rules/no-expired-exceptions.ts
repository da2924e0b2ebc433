import type { Finding, RuleMeta } from '../../core/index.ts';
import { gateFinding } from './gate-finding.ts';
import type { ExceptionEntry } from '../exceptions.ts';

const EXCEPTIONS_DOCS = 'https://github.com/palisade-dev/palisade/blob/main/docs/exceptions.md';

/** The gate's own rule: an exception past its expiry. It reads no artifact (target `gate`). */
export const expiredExceptionRule: RuleMeta<'expired'> = Object.freeze({
  id: 'GATE-0001',
  slug: 'no-expired-exceptions',
  title: 'Exception has expired',
  severity: 'medium',
  kind: 'policy',
  stability: 'stable',
  since: '0.1.0',
  target: 'gate',
  description:
    'An entry in the exceptions file is past its expiry date. It no longer waives anything, so the findings it covered count towards the gate again, and the stale entry needs a decision from its owner.',
  remediation: 'Fix the findings the exception waived and delete the entry, or review it and set a new expiry date with a current reason.',
  references: [EXCEPTIONS_DOCS],
  aliases: [],
  compliance: ['hipaa:164.308(a)(1)(ii)(B)', 'pci-dss-4.0:6.3.1'],
  packs: [],
  messages: { expired: 'The exception for {subject} (owner {owner}) expired on {expires}; it no longer waives anything.' },
});

/** The finding an expired entry becomes, located at the entry; its fingerprint depends on what it waived only. */
export function expiredExceptionFinding(entry: ExceptionEntry): Finding {
  return gateFinding(expiredExceptionRule, {
    messageId: 'expired',
    data: { subject: describeWaiver(entry), owner: entry.owner, expires: entry.expires },
    location: entry.source,
    identity: waiverParts(entry),
  });
}

/** For messages: `rule "hadolint:DL3007" in services/api/Dockerfile`, `vulnerability CVE-2021-23337 in package lodash`. */
export function describeWaiver(entry: ExceptionEntry): string {
  const what = entry.selector.kind === 'rule' ? `rule "${entry.selector.rule}"` : `vulnerability ${entry.selector.vulnerability}`;
  const where = entry.paths === undefined ? '' : ` in ${entry.paths.join(', ')}`;
  const object = entry.object === undefined ? '' : ` on ${describeObject(entry.object)}`;
  const pkg = entry.package === undefined ? '' : ` in package ${entry.package}`;
  return `${what}${where}${object}${pkg}`;
}

function describeObject(object: NonNullable<ExceptionEntry['object']>): string {
  const type = [object.apiVersion, object.kind].filter((part) => part !== undefined).join(' ') || 'object';
  if (object.name !== undefined) return `${type} ${object.namespace === undefined ? '' : `${object.namespace}/`}${object.name}`;
  return object.namespace === undefined ? type : `${type} in namespace ${object.namespace}`;
}

function waiverParts(entry: ExceptionEntry): string[] {
  const { selector, object } = entry;
  return [
    selector.kind,
    selector.kind === 'rule' ? selector.rule : selector.vulnerability,
    (entry.paths ?? []).join('\n'),
    object === undefined ? '' : [object.apiVersion, object.kind, object.namespace, object.name].map((part) => part ?? '').join('\n'),
    entry.package ?? '',
  ];
}
