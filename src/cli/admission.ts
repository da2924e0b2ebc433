import { readFile } from 'node:fs/promises';
import type { Threshold } from '../core/index.ts';
import { PalisadeError } from '../core/errors.ts';
import { THRESHOLDS } from '../config/index.ts';
import type { AdmissionMode, FailureChoice, ImageVerifier } from '../admission/index.ts';
import { ADMISSION_MODES, CachingImageVerifier, admissionManifests, loadAdmissionEngine, startAdmissionServer } from '../admission/index.ts';
import type { ParsedArgs } from './args.ts';
import { listOption, oneOf, parseCommandArgs, stringOption } from './args.ts';
import type { CliIo } from './io.ts';
import { emit } from './output.ts';

export const ADMISSION_HELP = `Usage: palisade admission <serve|manifests> [options]

  serve       Run the validating admission webhook (HTTPS): /validate, /healthz, /readyz, /metrics.
  manifests   Print the Kubernetes objects that run it (Deployment, Service, RBAC, NetworkPolicy,
              PodDisruptionBudget, ValidatingWebhookConfiguration).

serve options:
  --tls-cert FILE          Serving certificate chain (PEM); reloaded when the file changes (required)
  --tls-key FILE           Its private key (PEM) (required)
  --port N                 Port to listen on (default 8443); --host ADDRESS (default 0.0.0.0)
  -c, --config FILE        Configuration (.palisade.yaml): rules, ruleOptions, failOn, policies...
  --policy DIR|FILE        ValidatingAdmissionPolicies and Palisade policies (repeatable)
  --exceptions FILE        Exceptions file (expiry applies as in palisade scan)
  --mode MODE              enforce (default): deny what palisade scan fails; warn, audit: admit with warnings
  --fail-on LEVEL          Severity that denies (default: the configuration's failOn, else high)
  --rules, --skip-rules    Rule selection, as in palisade scan; --pss-level baseline|restricted
  --exempt-namespace NS    Admit everything in this namespace without evaluation (repeatable)
  --deadline MS            Answer every request within MS milliseconds (default 4000)
  --on-deadline open|closed  Answer when the deadline passes (default closed: deny)
  --verify-policy FILE     Verification policy (as palisade verify --policy): signatures and attestations
                           every image must have; verdicts cached by digest, identical checks shared
  --ca-file FILE, --insecure-registry HOST  How registries are reached for --verify-policy
  --image-failure open|closed  Answer when an image check cannot decide (default closed: deny)
  --mutate                 Also serve /mutate: image tags that pass --verify-policy are pinned to their digests
  --max-in-flight N        Requests evaluated at once; more get 429 (default 64)
  --max-body BYTES         Larger bodies get 400 (default 3145728)

manifests options:
  --namespace NS           Namespace to run in (default palisade-system)
  --cert-manager           Serving certificate from cert-manager (Issuer, Certificate, CA injection)
  --ca-bundle FILE         Or: the CA (PEM) that signed the serving certificate in Secret palisade-admission-tls
  --image REF              Server image (default ghcr.io/palisade-dev/palisade:<version>)
  --failure-policy Fail|Ignore  The webhook's failurePolicy (default Fail)
  --timeout SECONDS        The webhook's timeoutSeconds (default 5, 1-30)
  --mode MODE              Mode of the deployed server (default enforce)
  --mutate                 Add the MutatingWebhookConfiguration for /mutate (failurePolicy Ignore)
  -o, --output FILE        Write to FILE instead of standard output
`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  port: { type: 'string' },
  host: { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  config: { type: 'string', short: 'c' },
  policy: { type: 'string', multiple: true },
  exceptions: { type: 'string' },
  mode: { type: 'string' },
  'fail-on': { type: 'string' },
  rules: { type: 'string', multiple: true },
  'skip-rules': { type: 'string', multiple: true },
  'pss-level': { type: 'string' },
  'exempt-namespace': { type: 'string', multiple: true },
  deadline: { type: 'string' },
  'on-deadline': { type: 'string' },
  'image-failure': { type: 'string' },
  'verify-policy': { type: 'string' },
  mutate: { type: 'boolean' },
  'ca-file': { type: 'string' },
  'insecure-registry': { type: 'string', multiple: true },
  'max-in-flight': { type: 'string' },
  'max-body': { type: 'string' },
  namespace: { type: 'string' },
  'cert-manager': { type: 'boolean' },
  'ca-bundle': { type: 'string' },
  image: { type: 'string' },
  'failure-policy': { type: 'string' },
  timeout: { type: 'string' },
  output: { type: 'string', short: 'o' },
} as const;

const CHOICES = ['open', 'closed'] as const;

/**
 * `palisade admission serve|manifests`. `serve` runs until SIGINT or SIGTERM (or until `lifetime`
 * aborts, for tests), then stops accepting requests and finishes those in flight.
 */
export async function admissionCommand(args: readonly string[], io: CliIo, lifetime?: AbortSignal): Promise<number> {
  const parsed = parseCommandArgs(args, OPTIONS);
  const [action, ...extra] = parsed.positionals;
  if (parsed.values['help'] === true || action === undefined) {
    io.stdout.write(ADMISSION_HELP);
    return action === undefined && parsed.values['help'] !== true ? 2 : 0;
  }
  if (extra.length > 0) throw new PalisadeError('USAGE', `Unexpected arguments: ${extra.join(' ')}`);
  if (action === 'serve') return serve(parsed, io, lifetime);
  if (action === 'manifests') return manifests(parsed, io);
  throw new PalisadeError('USAGE', `Unknown admission command "${action}"; expected "serve" or "manifests"`);
}

async function serve(parsed: ParsedArgs, io: CliIo, lifetime: AbortSignal | undefined): Promise<number> {
  const certPath = stringOption(parsed, 'tls-cert');
  const keyPath = stringOption(parsed, 'tls-key');
  if (certPath === undefined || keyPath === undefined) throw new PalisadeError('USAGE', 'admission serve needs --tls-cert and --tls-key');
  const mode: AdmissionMode = oneOf('mode', stringOption(parsed, 'mode') ?? 'enforce', ADMISSION_MODES);
  const engine = await loadAdmissionEngine(engineOptions(parsed));
  const imageVerifier = await imageVerifierOf(parsed, io);
  const mutate = parsed.values['mutate'] === true;
  if (mutate && imageVerifier === undefined) throw new PalisadeError('USAGE', '--mutate needs --verify-policy: only verified images are pinned');
  for (const error of engine.loadErrors) io.stderr.write(`palisade: ${error.path}${error.startLine === undefined ? '' : `:${error.startLine}`}: ${error.message}\n`);
  const server = await startAdmissionServer({
    engine,
    decision: { mode, exemptNamespaces: new Set(listOption(parsed, 'exempt-namespace') ?? []), imageFailure: choice(parsed, 'image-failure'), ...(imageVerifier === undefined ? {} : { imageVerifier }) },
    tls: { certPath, keyPath },
    port: integer(parsed, 'port', 8443, 0, 65_535),
    host: stringOption(parsed, 'host') ?? '0.0.0.0',
    deadlineMs: integer(parsed, 'deadline', 4000, 100, 29_000),
    onDeadline: choice(parsed, 'on-deadline'),
    maxInFlight: integer(parsed, 'max-in-flight', 64, 1, 100_000),
    maxBodyBytes: integer(parsed, 'max-body', 3 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    mutate,
    log: (line) => io.stderr.write(`palisade: ${line}\n`),
  });
  io.stderr.write(`palisade: admission webhook listening on port ${server.port} (${mode}, ${engine.rules.length} rules, ${engine.compiled.policies.length} policies)\n`);
  await stopSignal(lifetime);
  await server.close();
  return 0;
}

/** `--verify-policy`: the registry verifier of src/signing behind the cache (by digest) and coalescing of identical checks. */
async function imageVerifierOf(parsed: ParsedArgs, io: CliIo): Promise<ImageVerifier | undefined> {
  const policyPath = stringOption(parsed, 'verify-policy');
  if (policyPath === undefined) return undefined;
  const caFile = stringOption(parsed, 'ca-file');
  const insecureRegistries = listOption(parsed, 'insecure-registry');
  const { loadRegistryImageVerifier } = await import('../admission/registry-verifier.ts');
  const inner = await loadRegistryImageVerifier(policyPath, { env: io.env, ...(caFile === undefined ? {} : { caFile }), ...(insecureRegistries === undefined ? {} : { insecureRegistries }) });
  return new CachingImageVerifier(inner);
}

function engineOptions(parsed: ParsedArgs): Parameters<typeof loadAdmissionEngine>[0] {
  const configPath = stringOption(parsed, 'config');
  const exceptionsPath = stringOption(parsed, 'exceptions');
  const policies = listOption(parsed, 'policy');
  const failOnText = stringOption(parsed, 'fail-on');
  const failOn: Threshold | undefined = failOnText === undefined ? undefined : oneOf('fail-on', failOnText, THRESHOLDS);
  const rules = listOption(parsed, 'rules');
  const skipRules = listOption(parsed, 'skip-rules');
  const level = stringOption(parsed, 'pss-level');
  return {
    ...(configPath === undefined ? {} : { configPath }),
    ...(exceptionsPath === undefined ? {} : { exceptionsPath }),
    ...(policies === undefined ? {} : { policies }),
    ...(failOn === undefined ? {} : { failOn }),
    ...(rules === undefined ? {} : { rules }),
    ...(skipRules === undefined ? {} : { skipRules }),
    ...(level === undefined ? {} : { ruleOptions: { 'pod-security': { level: oneOf('pss-level', level, ['baseline', 'restricted'] as const) } } }),
  };
}

async function manifests(parsed: ParsedArgs, io: CliIo): Promise<number> {
  const caBundle = stringOption(parsed, 'ca-bundle');
  const certManager = parsed.values['cert-manager'] === true;
  if (certManager === (caBundle !== undefined)) {
    throw new PalisadeError(
      'USAGE',
      'admission manifests needs exactly one of --cert-manager and --ca-bundle FILE (this version cannot generate certificates itself: make them with cert-manager, or e.g. openssl, and create Secret palisade-admission-tls with kubectl create secret tls)',
    );
  }
  let pem: string | undefined;
  if (caBundle !== undefined) {
    pem = await readFile(caBundle, 'utf8').catch((error: unknown) => {
      throw new PalisadeError('USAGE', `Cannot read --ca-bundle "${caBundle}": ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    });
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new PalisadeError('USAGE', `--ca-bundle "${caBundle}" holds no PEM certificate`);
  }
  const namespace = stringOption(parsed, 'namespace');
  if (namespace !== undefined && !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(namespace)) throw new PalisadeError('USAGE', `--namespace must be a DNS label (got "${namespace}")`);
  const image = stringOption(parsed, 'image');
  const failurePolicy = stringOption(parsed, 'failure-policy');
  const mode = stringOption(parsed, 'mode');
  const text = admissionManifests({
    trust: pem === undefined ? { kind: 'cert-manager' } : { kind: 'ca-bundle', pem },
    ...(namespace === undefined ? {} : { namespace }),
    ...(image === undefined ? {} : { image }),
    ...(failurePolicy === undefined ? {} : { failurePolicy: oneOf('failure-policy', failurePolicy, ['Fail', 'Ignore'] as const) }),
    ...(mode === undefined ? {} : { mode: oneOf('mode', mode, ADMISSION_MODES) }),
    timeoutSeconds: integer(parsed, 'timeout', 5, 1, 30),
    ...(parsed.values['mutate'] === true ? { mutate: true } : {}),
  });
  await emit(text, stringOption(parsed, 'output'), io);
  return 0;
}

function choice(parsed: ParsedArgs, name: string): FailureChoice {
  const value = stringOption(parsed, name);
  return value === undefined ? 'closed' : oneOf(name, value, CHOICES);
}

function integer(parsed: ParsedArgs, name: string, fallback: number, min: number, max: number): number {
  const text = stringOption(parsed, name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) throw new PalisadeError('USAGE', `--${name} must be a whole number from ${min} to ${max} (got "${text}")`);
  return value;
}

/** Resolves on SIGINT or SIGTERM, or when `lifetime` aborts. */
function stopSignal(lifetime: AbortSignal | undefined): Promise<void> {
  return new Promise((resolveStop) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolveStop();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (lifetime?.aborted === true) stop();
    lifetime?.addEventListener('abort', stop, { once: true });
  });
}
