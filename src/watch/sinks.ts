import { createHmac } from 'node:crypto';
import { PalisadeError } from '../core/index.ts';
import type { Alert } from './rematch.ts';
import { sinkId } from './store.ts';

/** Where alerts go. `send` resolves once the destination accepted them, or throws NETWORK_FAILED. */
export interface AlertSink {
  /** For the outbox: which sink accepted which alert (no secret in it). */
  readonly id: string;
  readonly name: string;
  send(alerts: readonly Alert[]): Promise<void>;
}

export interface PostOptions {
  /** Attempts in all (default 3); 5xx answers and network errors are retried with backoff. */
  readonly attempts?: number;
  readonly timeoutMs?: number;
  /** Backoff before retry n is `backoffMs * 2^(n-1)` (default 500 ms). */
  readonly backoffMs?: number;
}

/** One JSON object per alert per line: for log shippers and `jq`. */
export function jsonLinesSink(write: (text: string) => void): AlertSink {
  return {
    id: 'stdout',
    name: 'stdout',
    send(alerts) {
      for (const alert of alerts) write(`${JSON.stringify({ type: 'vulnerability-alert', ...alert })}\n`);
      return Promise.resolve();
    },
  };
}

/**
 * The signature a receiver checks: HMAC-SHA256 over `<timestamp>.<body>` with the shared secret,
 * hex, sent as `X-Palisade-Signature-256: sha256=<hex>` beside `X-Palisade-Timestamp` (seconds), so a
 * receiver can refuse old or replayed deliveries (the scheme GitHub and Stripe webhooks use).
 */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** A generic webhook: `POST {"alerts": [...]}` as JSON, signed when a secret is configured. */
export function webhookSink(url: string, secret: string | undefined, options: PostOptions = {}): AlertSink {
  return {
    id: sinkId('webhook', url),
    name: `webhook ${new URL(url).host}`,
    async send(alerts) {
      if (alerts.length === 0) return;
      const body = JSON.stringify({ source: 'palisade', alerts });
      await post(url, body, (timestamp) => (secret === undefined ? {} : { 'x-palisade-timestamp': timestamp, 'x-palisade-signature-256': webhookSignature(secret, timestamp, body) }), options);
    },
  };
}

/** A Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat): one message per batch. */
export function slackSink(url: string, options: PostOptions = {}): AlertSink {
  return {
    id: sinkId('slack', url),
    name: `slack ${new URL(url).host}`,
    async send(alerts) {
      if (alerts.length === 0) return;
      await post(url, JSON.stringify({ text: slackText(alerts) }), () => ({}), options);
    },
  };
}

const SLACK_LINES = 20;

export function slackText(alerts: readonly Alert[]): string {
  const lines = alerts.slice(0, SLACK_LINES).map((alert) => {
    const where = alert.runningIn === undefined ? '' : alert.runningIn.length === 0 ? ' (only in the registry)' : ` (running in ${alert.runningIn.join(', ')})`;
    const images = alert.references.length === 0 ? alert.digest : alert.references.join(', ');
    const fix = alert.fixedVersions.length === 0 ? 'no fix yet' : `fixed in ${alert.fixedVersions.join(', ')}`;
    return `• *${alert.severity}* ${alert.vulnerability} in ${alert.package}: ${images}${where}; ${fix}`;
  });
  const more = alerts.length > SLACK_LINES ? [`…and ${alerts.length - SLACK_LINES} more`] : [];
  return [`:rotating_light: Palisade: ${alerts.length} new vulnerabilit${alerts.length === 1 ? 'y' : 'ies'} in stored images`, ...lines, ...more].join('\n');
}

async function post(url: string, body: string, headers: (timestamp: string) => Record<string, string>, options: PostOptions): Promise<void> {
  const attempts = options.attempts ?? 3;
  const backoff = options.backoffMs ?? 500;
  let last = '';
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, backoff * 2 ** (attempt - 2)));
    try {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'user-agent': 'palisade', ...headers(timestamp) }, signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
      await response.arrayBuffer();
      if (response.ok) return;
      last = `HTTP ${response.status}`;
      if (response.status < 500 && response.status !== 429) break;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
  }
  throw new PalisadeError('NETWORK_FAILED', `Alert delivery to ${new URL(url).origin} failed: ${last}`);
}
