import { readFile } from 'node:fs/promises';
import { PalisadeError } from '../core/errors.ts';
import type { AuditAlertSink } from '../audit/alerts.ts';
import { slackAuditSink } from '../audit/alerts.ts';
import { auditPolicies } from '../audit/evaluate.ts';
import { DEFAULT_MAX_BODY_BYTES, startAuditServer } from '../audit/webhook.ts';
import { compilePalisadePolicies, loadPolicyFiles } from '../policy/index.ts';
import type { AlertSink } from '../watch/sinks.ts';
import { jsonLinesSink, webhookSink } from '../watch/sinks.ts';
import { listOption, parseCommandArgs, stringOption } from './args.ts';
import type { CliIo } from './io.ts';

export const AUDIT_HELP = `Usage: palisade audit serve [--listen HOST:PORT] [--tls-cert FILE --tls-key FILE] [--policy PATH]...
                            [--webhook URL [--webhook-secret-env NAME]] [--slack URL] [--stdout]

The receiving end of the Kubernetes API server's audit webhook backend (--audit-webhook-config-file):
every audit.k8s.io/v1 EventList it posts goes through the built-in audit policies and the Palisade
policies of --policy that target AuditEvent (a policy of the same name replaces a built-in one), and
each finding is sent once as an alert: JSON lines on stdout, a signed webhook, a Slack-compatible
webhook. A log file is scanned with \`palisade scan audit:<file>\` instead.

Options:
  --listen HOST:PORT         Where to listen (default 127.0.0.1:8443; port 0 picks a free one)
  --tls-cert FILE            PEM certificate: serve HTTPS (with --tls-key), as the API server expects
  --tls-key FILE             PEM private key of --tls-cert
  --token-env NAME           Require "Authorization: Bearer <$NAME>" (the webhook kubeconfig's token)
  --policy PATH              Policy file or folder (repeatable)
  --webhook URL              Also POST alerts to URL as JSON ({"source": "palisade", "alerts": [...]})
  --webhook-secret-env NAME  Sign webhook deliveries with HMAC-SHA256 using $NAME (X-Palisade-Signature-256)
  --slack URL                Also post alerts to a Slack-compatible incoming webhook
  --stdout                   Alerts as JSON lines on stdout (the default when no other sink is given)
  --max-body BYTES           Largest request body accepted (default ${DEFAULT_MAX_BODY_BYTES})
  -h, --help                 This help

Runs until SIGINT or SIGTERM. GET /healthz answers "ok". See docs/audit.md.
`;

const OPTIONS = {
  listen: { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'token-env': { type: 'string' },
  policy: { type: 'string', multiple: true },
  webhook: { type: 'string' },
  'webhook-secret-env': { type: 'string' },
  slack: { type: 'string' },
  stdout: { type: 'boolean' },
  'max-body': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function auditCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, OPTIONS);
  const [action, ...extra] = parsed.positionals;
  if (parsed.values['help'] === true || action === undefined) {
    io.stdout.write(AUDIT_HELP);
    return action === undefined && parsed.values['help'] !== true ? 2 : 0;
  }
  if (action !== 'serve' || extra.length > 0) throw new PalisadeError('USAGE', `Unknown audit command "${parsed.positionals.join(' ')}"; expected "serve"`);
  const policies = loadPolicies(listOption(parsed, 'policy') ?? [], io);
  const server = await startAuditServer({
    listen: stringOption(parsed, 'listen') ?? '127.0.0.1:8443',
    policies,
    sinks: auditSinks(sinkConfigs(parsed.values, io), (text) => io.stdout.write(text)),
    maxBodyBytes: bytesOption(stringOption(parsed, 'max-body')),
    onProblem: (message) => io.stderr.write(`palisade: ${message}\n`),
    ...(await tlsOption(stringOption(parsed, 'tls-cert'), stringOption(parsed, 'tls-key'))),
    ...secretOption('token-env', stringOption(parsed, 'token-env'), io, 'token'),
  });
  io.stderr.write(`palisade: audit webhook listening on ${server.url} (${policies.length} audit policies)\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}

/** The user's AuditEvent policies with the built-in ones; a policy file that does not load stops the command. */
function loadPolicies(paths: readonly string[], io: CliIo): ReturnType<typeof auditPolicies> {
  const loaded = paths.map((path) => loadPolicyFiles(path));
  const compiled = compilePalisadePolicies(loaded.flatMap((files) => files.artifacts));
  const errors = [...loaded.flatMap((files) => files.errors), ...compiled.errors];
  for (const error of errors) io.stderr.write(`palisade: ${error.path}${error.startLine === undefined ? '' : `:${error.startLine}`}: ${error.message}\n`);
  if (errors.length > 0) throw new PalisadeError('POLICY_INVALID', `${errors.length} policy problem${errors.length === 1 ? '' : 's'}; the audit webhook was not started`);
  return auditPolicies(compiled.policies);
}

/** Where audit alerts go: the kinds of sink `palisade watch` has. */
export type AuditSinkConfig = { readonly type: 'stdout' } | { readonly type: 'webhook'; readonly url: string; readonly secret?: string } | { readonly type: 'slack'; readonly url: string };

/**
 * stdout (JSON lines; an audit alert's own `"type": "audit-alert"` replaces the watch's type) and the
 * signed webhook are the watch sinks themselves; Slack gets the audit text.
 */
export function auditSinks(configs: readonly AuditSinkConfig[], write: (text: string) => void): AuditAlertSink[] {
  return configs.map((config) => {
    if (config.type === 'stdout') return fromWatchSink(jsonLinesSink(write));
    if (config.type === 'webhook') return fromWatchSink(webhookSink(config.url, config.secret));
    return slackAuditSink(config.url);
  });
}

/** An audit alert has every field of a vulnerability alert, so a watch sink carries it as it is. */
function fromWatchSink(sink: AlertSink): AuditAlertSink {
  return { name: sink.name, send: (alerts) => sink.send(alerts) };
}

function sinkConfigs(values: Readonly<Record<string, string | boolean | undefined>>, io: CliIo): AuditSinkConfig[] {
  const sinks: AuditSinkConfig[] = [];
  const webhook = typeof values['webhook'] === 'string' ? values['webhook'] : undefined;
  const slack = typeof values['slack'] === 'string' ? values['slack'] : undefined;
  const secretEnv = typeof values['webhook-secret-env'] === 'string' ? values['webhook-secret-env'] : undefined;
  if (secretEnv !== undefined && webhook === undefined) throw new PalisadeError('USAGE', '--webhook-secret-env needs --webhook URL');
  if (webhook !== undefined) sinks.push({ type: 'webhook', url: urlOption('webhook', webhook), ...secretOption('webhook-secret-env', secretEnv, io, 'secret') });
  if (slack !== undefined) sinks.push({ type: 'slack', url: urlOption('slack', slack) });
  if (values['stdout'] === true || sinks.length === 0) sinks.unshift({ type: 'stdout' });
  return sinks;
}

function urlOption(option: string, value: string): string {
  if (!/^https?:\/\//.test(value) || !URL.canParse(value)) throw new PalisadeError('USAGE', `--${option} must be an http(s) URL (got "${value}")`);
  return value;
}

/** `{ [key]: $NAME }` when the option is given; an unset or empty variable is a usage error. */
function secretOption<K extends string>(option: string, name: string | undefined, io: CliIo, key: K): Partial<Record<K, string>> {
  if (name === undefined) return {};
  const value = io.env[name];
  if (value === undefined || value === '') throw new PalisadeError('USAGE', `--${option}: the environment variable ${name} is not set`);
  const result: Partial<Record<K, string>> = {};
  result[key] = value;
  return result;
}

function bytesOption(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_BODY_BYTES;
  if (!/^\d+$/.test(value) || Number(value) < 1024) throw new PalisadeError('USAGE', `--max-body must be a number of bytes, at least 1024 (got "${value}")`);
  return Number(value);
}

async function tlsOption(cert: string | undefined, key: string | undefined): Promise<{ tls?: { cert: string; key: string } }> {
  if (cert === undefined && key === undefined) return {};
  if (cert === undefined || key === undefined) throw new PalisadeError('USAGE', '--tls-cert and --tls-key go together');
  const read = (path: string): Promise<string> => readFile(path, 'utf8').catch((error: unknown) => {
    throw new PalisadeError('CONFIG_UNREADABLE', `Cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`, { position: { path } });
  });
  return { tls: { cert: await read(cert), key: await read(key) } };
}
