import type { Finding } from '../core/index.ts';
import { PalisadeError } from '../core/index.ts';
import type { JsonObject } from '../kubernetes/json.ts';
import { arrayAt, objectAt, stringAt } from '../kubernetes/json.ts';

/**
 * An audit finding as the watch sinks carry it. The vulnerability-alert fields hold their audit
 * meaning: `vulnerability` is the policy, `package` the request's object (`pods/exec shop/web-1`),
 * `digest` the request (`audit:<auditID>`), `references` the request URI; `type` tells a receiver
 * which kind of alert it reads.
 */
export interface AuditAlert {
  readonly type: 'audit-alert';
  readonly digest: string;
  readonly vulnerability: string;
  readonly package: string;
  readonly severity: string;
  readonly firstSeen: string;
  readonly title: string;
  readonly message: string;
  readonly fixedVersions: readonly string[];
  readonly references: readonly string[];
  readonly auditID: string;
  readonly user: string;
  readonly verb: string;
  readonly sourceIPs: readonly string[];
}

/** The alert for one finding of a policy on one audit event. */
export function auditAlert(event: JsonObject, policy: string, finding: Finding, now: Date): AuditAlert {
  const ref = objectAt(event, 'objectRef') ?? {};
  const resource = [stringAt(ref, 'resource'), stringAt(ref, 'subresource')].filter((part) => part !== undefined).join('/');
  const name = [stringAt(ref, 'namespace'), stringAt(ref, 'name')].filter((part) => part !== undefined).join('/');
  const auditID = stringAt(event, 'auditID') ?? '';
  return {
    type: 'audit-alert',
    digest: `audit:${auditID}`,
    vulnerability: policy,
    package: [resource, name].filter((part) => part !== '').join(' ') || (stringAt(event, 'requestURI') ?? ''),
    severity: finding.severity,
    firstSeen: stringAt(event, 'requestReceivedTimestamp') ?? now.toISOString(),
    title: finding.title,
    message: finding.message,
    fixedVersions: [],
    references: [stringAt(event, 'requestURI') ?? ''],
    auditID,
    user: stringAt(objectAt(event, 'user') ?? {}, 'username') ?? '',
    verb: stringAt(event, 'verb') ?? '',
    sourceIPs: arrayAt(event, 'sourceIPs').filter((ip): ip is string => typeof ip === 'string'),
  };
}

/** Delivers audit alerts; resolves once the destination accepted them, else throws NETWORK_FAILED. */
export interface AuditAlertSink {
  readonly name: string;
  send(alerts: readonly AuditAlert[]): Promise<void>;
}

const SLACK_LINES = 20;

export function auditSlackText(alerts: readonly AuditAlert[]): string {
  const lines = alerts.slice(0, SLACK_LINES).map((alert) => `• *${alert.severity}* ${alert.vulnerability}: ${alert.message}`);
  const more = alerts.length > SLACK_LINES ? [`…and ${alerts.length - SLACK_LINES} more`] : [];
  return [`:rotating_light: Palisade: ${alerts.length} Kubernetes audit alert${alerts.length === 1 ? '' : 's'}`, ...lines, ...more].join('\n');
}

/** A Slack-compatible incoming webhook with a text for audit alerts (the watch's speaks of vulnerable images). */
export function slackAuditSink(url: string): AuditAlertSink {
  return {
    name: `slack ${new URL(url).host}`,
    async send(alerts) {
      if (alerts.length === 0) return;
      let last = '';
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** (attempt - 2)));
        last = await postOnce(url, JSON.stringify({ text: auditSlackText(alerts) }));
        if (last === '' || /^HTTP 4(?!29)/.test(last)) break;
      }
      if (last !== '') throw new PalisadeError('NETWORK_FAILED', `Alert delivery to ${new URL(url).origin} failed: ${last}`);
    },
  };
}

/** '' when accepted, else what went wrong. */
async function postOnce(url: string, body: string): Promise<string> {
  try {
    const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'user-agent': 'palisade' }, signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
    return response.ok ? '' : `HTTP ${response.status}`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
