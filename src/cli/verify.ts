import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Finding, Report } from '../core/index.ts';
import type { RegistryImageVerification } from '../signing/oci/index.ts';
import type { NamedKey } from '../signing/verify/index.ts';
import { countBySeverity, PalisadeError, REPORT_SCHEMA_VERSION } from '../core/index.ts';
import { REPORT_FORMATS, reporters } from '../report/index.ts';
import type { ParsedArgs } from './args.ts';
import { listOption, oneOf, parseCommandArgs, stringOption } from './args.ts';
import type { CliIo } from './io.ts';
import { wantsColor } from './io.ts';
import { emit } from './output.ts';
import { readKeyFile, registryOptions, REGISTRY_OPTIONS, repeatedValues, toRegistryReference } from './sign.ts';

export const VERIFY_HELP = `Usage: palisade verify <image>... (--key FILE | --policy FILE) [options]

Verifies container images in a registry against cosign signatures and attestations, offline apart
from the registry: each reference is resolved to its digest; every signature under
sha256-<hex>.sig (and every OCI 1.1 referrer) is checked against the key(s) and the digest it names
(a signature for another digest is rejected, not skipped); with --attestation, the DSSE envelopes
under sha256-<hex>.att are checked: signer, statement subject, and age.

Options:
  --key FILE               Trusted public key (PEM; ECDSA, Ed25519 or RSA); repeatable: every
                           key given must have signed
  --attestation TYPE       Also require a verified attestation of TYPE (cyclonedx, spdx, vuln,
                           slsaprovenance, palisade-scan… or a URI), signed by --key; repeatable
  --max-age AGE            Attestations older than AGE (by their predicate's time) fail: 7d, 12h
  --condition EXPR         CEL over the attestation's \`predicate\` that must hold (repeatable)
  --policy FILE            A verification policy (which images need which keys and attestations);
                           replaces --key/--attestation/--max-age/--condition
  -f, --format FORMAT      table | json | sarif | junit | markdown (default: table)
  -o, --output FILE        Write the report to FILE (atomically) instead of stdout
  -q, --quiet              Do not list verified images on stderr
      --no-cache           Neither read nor write the verification cache
      --ca-file FILE       PEM CA bundle trusted for the registry, besides the system roots
      --insecure-registry H  Reach this registry without TLS verification (repeatable)
  -h, --help               This help

A pass is cached for one hour by image digest and requirement (keys, attestations, policy) in
verifications.sqlite beside the image layer cache; failures are never cached.
Exit codes: 0 every image verified, 1 any image failed (the report says why, per image),
2 usage, key or policy error, 3 internal error.
`;

const OPTIONS = {
  ...REGISTRY_OPTIONS,
  key: { type: 'string', multiple: true },
  attestation: { type: 'string', multiple: true },
  'max-age': { type: 'string' },
  condition: { type: 'string', multiple: true },
  policy: { type: 'string' },
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  quiet: { type: 'boolean', short: 'q' },
  'no-cache': { type: 'boolean' },
} as const;

type VerifierFor = (reference: string) => import('../signing/oci/index.ts').Verifier;

export async function verifyCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, OPTIONS);
  if (parsed.values['help'] === true) {
    io.stdout.write(VERIFY_HELP);
    return 0;
  }
  if (parsed.positionals.length === 0) throw new PalisadeError('USAGE', 'palisade verify takes at least one image reference');
  const references = parsed.positionals.map(toRegistryReference);
  const format = oneOf('format', stringOption(parsed, 'format') ?? 'table', REPORT_FORMATS);
  const verifierFor = await buildVerifier(args, parsed);
  const oci = await import('../signing/oci/index.ts');
  const cache = parsed.values['no-cache'] === true ? undefined : oci.openVerificationCache(await verificationCachePath(io.env));
  const quiet = parsed.values['quiet'] === true;
  const onVerified = (result: RegistryImageVerification): void => {
    if (!quiet) io.stderr.write(`palisade: verified ${result.digestReference}${result.cached ? ' (cached)' : ''}: ${result.verification.checks.map((check) => check.message).join('; ')}\n`);
  };
  const findings = await oci
    .verifyReferences(references, verifierFor, { registry: registryOptions(parsed, io.env), now: () => new Date(), onVerified, ...(cache === undefined ? {} : { cache }) })
    .finally(() => cache?.close());
  const report = await verificationReport(references.map((reference) => reference.slice('docker://'.length)).join(' '), findings);
  const output = stringOption(parsed, 'output');
  await emit(reporters[format](report, { color: wantsColor(io, output !== undefined) && format === 'table' }), output, io);
  return findings.length === 0 ? 0 : 1;
}

/** `--policy`, or the requirements of `--key`/`--attestation`/`--max-age`; exactly one of the two. */
async function buildVerifier(args: readonly string[], parsed: ParsedArgs): Promise<VerifierFor> {
  const keyPaths = listOption(parsed, 'key') ?? [];
  const types = listOption(parsed, 'attestation') ?? [];
  const maxAge = stringOption(parsed, 'max-age');
  const policyPath = stringOption(parsed, 'policy');
  const oci = await import('../signing/oci/index.ts');
  if (policyPath !== undefined) {
    if (keyPaths.length > 0 || types.length > 0 || maxAge !== undefined || parsed.values['condition'] !== undefined) throw new PalisadeError('USAGE', '--policy replaces --key, --attestation, --max-age and --condition; give one or the other');
    const { loadVerifyPolicy } = await import('../signing/verify/index.ts');
    const policy = await loadVerifyPolicy(policyPath);
    const text = await readFile(policyPath, 'utf8');
    return (reference) => oci.policyVerifier(policy, text, reference);
  }
  if (keyPaths.length === 0) throw new PalisadeError('USAGE', 'palisade verify needs --key (a public key) or --policy');
  const conditions = repeatedValues(args, OPTIONS, 'condition');
  if ((maxAge !== undefined || conditions.length > 0) && types.length === 0) throw new PalisadeError('USAGE', '--max-age and --condition apply to attestations: add --attestation TYPE');
  const { loadPublicKey } = await import('../signing/keys/index.ts');
  const { requirementsFromFlags } = await import('../signing/verify/index.ts');
  const keys: NamedKey[] = [];
  for (const path of keyPaths) keys.push({ name: path, key: loadKeyAt(path, await readKeyFile(path, 'public key'), loadPublicKey) });
  const requirements = requirementsFromFlags({ keys, attestationTypes: types, conditions, ...(maxAge === undefined ? {} : { maxAge }) });
  const verifier = oci.requirementsVerifier(requirements);
  return () => verifier;
}

/** Loads a key, naming the file in a KEY_INVALID message. */
function loadKeyAt<T>(path: string, pem: string, load: (pem: string) => T): T {
  try {
    return load(pem);
  } catch (error) {
    if (error instanceof PalisadeError) throw new PalisadeError(error.code, `${path}: ${error.message}`, { cause: error, position: { path } });
    throw error;
  }
}

/** `verifications.sqlite` beside the image layer cache ($PALISADE_CACHE_DIR, $XDG_CACHE_HOME/palisade, ~/.cache/palisade). */
async function verificationCachePath(env: Readonly<Record<string, string | undefined>>): Promise<string> {
  const { defaultCachePath } = await import('../image/cache/index.ts');
  return join(dirname(defaultCachePath(env)), 'verifications.sqlite');
}

async function verificationReport(target: string, findings: readonly Finding[]): Promise<Report> {
  const { TOOL_VERSION } = await import('../scan/version.ts');
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'palisade', version: TOOL_VERSION },
    target,
    findings,
    errors: [],
    summary: { bySeverity: countBySeverity(findings), total: findings.length, suppressed: 0, failOn: 'critical', failing: findings.length, filesScanned: 0 },
    rules: [],
  };
}
