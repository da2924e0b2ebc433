// The signature and vulnerability status of each running image, for `palisade cluster images`. Every
// status says where it came from, or why it is unknown: never a blank.
import type { Severity } from '../core/index.ts';
import type { PalisadeError } from '../core/index.ts';
import { isPalisadeError, parseReferenceParts } from '../core/index.ts';
import type { RegistryClient, RegistryClientOptions } from '../image/source/registry/index.ts';
import { openRegistryClient } from '../image/source/registry/index.ts';
import { PREDICATE_TYPES } from '../signing/intoto/index.ts';
import { policyVerifier, resolveImage, verifyRegistryImage } from '../signing/oci/index.ts';
import type { VerifyPolicy } from '../signing/verify/index.ts';
import type { VerifiedAttestation } from './image-attestations.ts';
import { SBOM_PREDICATE_TYPES, verifiedAttestations } from './image-attestations.ts';
import { scanRegistryImage } from './image-scan.ts';
import type { SbomMatcher, VulnerabilityId } from './image-vulns.ts';
import { scanPredicateCounts, summariseSbom } from './image-vulns.ts';
import type { RunningImage } from './images.ts';

export interface SignatureStatus {
  /** `skipped`: the policy requires nothing of this image (`noMatch: allow`). */
  readonly status: 'verified' | 'failed' | 'skipped' | 'unknown';
  /** `registry` when the signatures were read there; `none` when nothing was read. */
  readonly source: 'registry' | 'none';
  /** The checks that passed or failed, or why the status is unknown. */
  readonly detail: string;
}

export type VulnerabilitySource = 'attestation:sbom' | 'attestation:palisade-scan' | 'store' | 'registry-scan';

export interface VulnerabilityStatus {
  readonly status: 'known' | 'unknown';
  readonly source?: VulnerabilitySource;
  readonly counts?: Readonly<Record<Severity, number>>;
  readonly total?: number;
  /** The most severe vulnerabilities; absent when the source names none (a scan attestation's counts). */
  readonly worst?: readonly VulnerabilityId[];
  /** Where exactly the status came from, or why it is unknown. */
  readonly detail: string;
}

export interface ImageStatus extends RunningImage {
  /** `pod`: from the spec or the container status; `registry`: the tag resolved now; `unknown`: neither. */
  readonly digestSource: 'pod' | 'registry' | 'unknown';
  readonly signature: SignatureStatus;
  readonly vulnerabilities: VulnerabilityStatus;
}

/** The SBOMs `palisade watch` stored, by digest (its WatchStore, read only). */
export interface SbomStore {
  /** `sqlite:<path>` or `postgres://…`, for messages. */
  readonly location: string;
  sboms(digests: readonly string[]): Promise<Map<string, string>>;
}

/** The advisory database as a matcher and a label for messages, or why there is none (a sentence). */
export type AdvisoryInput = { readonly match: SbomMatcher; readonly label: string } | { readonly unavailable: string };

export interface ImageStatusOptions {
  /** `--verify-policy`: without it signatures are not checked and attestations not read. */
  readonly policy?: { readonly policy: VerifyPolicy; readonly text: string };
  readonly advisories: AdvisoryInput;
  /** `--store`: the watch store whose SBOMs are matched before any image is pulled. */
  readonly store?: SbomStore;
  /** False (`--no-scan`): never pull an image's layers. */
  readonly scan: boolean;
  readonly registry: Pick<RegistryClientOptions, 'caFile' | 'insecureRegistries' | 'env' | 'timeoutMs'>;
  readonly noCache?: boolean;
  readonly now: Date;
}

/**
 * The status of each image, in the order given (images are checked one after the other). A registry
 * that could not be reached is not tried again for the next images: they get the same problem.
 */
export async function imageStatuses(images: readonly RunningImage[], options: ImageStatusOptions): Promise<ImageStatus[]> {
  const unreachable = new Map<string, PalisadeError>();
  const statuses: ImageStatus[] = [];
  for (const image of images) statuses.push(await imageStatus(image, options, unreachable));
  return statuses;
}

/** What one image's checks share: its registry client (opened on first use) and the first registry problem. */
interface Session {
  readonly image: RunningImage;
  /** `registry/repository` as the Pod names it (no tag, no digest). */
  readonly name: string;
  readonly options: ImageStatusOptions;
  client(): Promise<RegistryClient>;
  problem: string | undefined;
  /** The registry's host, and the hosts found unreachable so far (NETWORK_FAILED), shared by all images. */
  readonly host: string;
  readonly unreachable: Map<string, PalisadeError>;
}

export async function imageStatus(image: RunningImage, options: ImageStatusOptions, unreachable = new Map<string, PalisadeError>()): Promise<ImageStatus> {
  const parts = parseReferenceParts(image.image);
  const { name } = parts;
  const host = parts.registry ?? 'docker.io';
  let opened: Promise<RegistryClient> | undefined;
  const reference = image.digest === undefined ? image.image : `${name}@${image.digest}`;
  const open = (): Promise<RegistryClient> => {
    const known = unreachable.get(host);
    return known === undefined ? openRegistryClient(`docker://${reference}`, options.registry, { retries: 1 }) : Promise.reject(known);
  };
  const session: Session = { image, name, options, problem: undefined, host, unreachable, client: () => (opened ??= open()) };
  try {
    const digest = image.digest ?? (await resolveDigest(session));
    const digestSource = image.digest !== undefined ? 'pod' : digest === undefined ? 'unknown' : 'registry';
    const signature = await signatureOf(session, digest);
    const vulnerabilities = await vulnerabilitiesOf(session, digest);
    return { ...image, ...(digest === undefined ? {} : { digest }), digestSource, signature, vulnerabilities };
  } finally {
    if (opened !== undefined) (await opened.catch(() => undefined))?.close();
  }
}

/** A tag's digest, resolved now at the registry, when something will be checked at all. */
async function resolveDigest(session: Session): Promise<string | undefined> {
  const { options } = session;
  if (options.policy === undefined && 'unavailable' in options.advisories) return undefined;
  return attempt(session, async () => (await resolveImage(await session.client())).digest);
}

async function signatureOf(session: Session, digest: string | undefined): Promise<SignatureStatus> {
  const { policy } = session.options;
  if (policy === undefined) return { status: 'unknown', source: 'none', detail: 'no verification policy given (--verify-policy FILE)' };
  if (digest === undefined) return { status: 'unknown', source: 'none', detail: `the digest is unknown (${session.problem ?? 'the Pod has not started'})` };
  const reference = session.image.image;
  try {
    const result = await verifyRegistryImage(await session.client(), reference, policyVerifier(policy.policy, policy.text, reference), { now: session.options.now });
    const { checks, ok } = result.verification;
    if (ok && checks.every((check) => check.reason === 'no-policy')) return { status: 'skipped', source: 'registry', detail: checks.map((check) => check.message).join('; ') };
    const shown = ok ? checks : checks.filter((check) => !check.ok);
    return { status: ok ? 'verified' : 'failed', source: 'registry', detail: shown.map((check) => check.message).join('; ') };
  } catch (error) {
    return { status: 'unknown', source: 'registry', detail: `the registry could not be read (${failed(session, error)})` };
  }
}

async function vulnerabilitiesOf(session: Session, digest: string | undefined): Promise<VulnerabilityStatus> {
  const { options } = session;
  const database = 'match' in options.advisories ? options.advisories : undefined;
  const readable = digest !== undefined && session.problem === undefined;
  const attestations = options.policy === undefined || !readable ? [] : ((await attempt(session, async () => verifiedAttestations(await session.client(), digest, options.policy?.policy.keys ?? []))) ?? []);
  const sbom = attestations.find((attestation) => SBOM_PREDICATE_TYPES.includes(attestation.predicateType));
  if (sbom !== undefined && database !== undefined && digest !== undefined) {
    return matched('attestation:sbom', digest, JSON.stringify(sbom.predicate), database, `the ${shortType(sbom.predicateType)} SBOM attested ${signedBy(sbom)}`);
  }
  const stored = digest === undefined || options.store === undefined || database === undefined ? undefined : (await options.store.sboms([digest])).get(digest);
  if (stored !== undefined && digest !== undefined && database !== undefined) return matched('store', digest, stored, database, `the SBOM stored in ${options.store?.location ?? 'the watch store'}`);
  const scan = attestations.find((attestation) => attestation.predicateType === PREDICATE_TYPES['palisade-scan']);
  const counted = scan === undefined ? undefined : scanPredicateCounts(scan.predicate);
  if (scan !== undefined && counted !== undefined) {
    const detail = `counts of every finding (not vulnerabilities alone; no ids) of the Palisade scan attested ${signedBy(scan)}, verdict ${counted.verdict ?? 'unrecorded'}`;
    return { status: 'known', source: 'attestation:palisade-scan', counts: counted.summary.counts, total: counted.summary.total, detail };
  }
  if (database === undefined || digest === undefined || !options.scan || session.problem !== undefined) return unknown(session, digest, database);
  // The manifest first, through the session's client (one retry, unreachable hosts remembered): the
  // layer scan opens its own connection, with the patient retries of a pull.
  const present = await attempt(session, async () => resolveImage(await session.client()));
  const scanned = present === undefined ? undefined : await attempt(session, () => scanRegistryImage(`${session.name}@${digest}`, options));
  if (scanned === undefined) return unknown(session, digest, database);
  return matched('registry-scan', digest, scanned, database, `the image's layers scanned from the registry`);
}

function matched(source: VulnerabilitySource, digest: string, sbom: string, database: { readonly match: SbomMatcher; readonly label: string }, what: string): VulnerabilityStatus {
  try {
    const summary = summariseSbom(digest, sbom, database.match);
    return { status: 'known', source, counts: summary.counts, total: summary.total, worst: summary.worst ?? [], detail: `${what}, matched against ${database.label}` };
  } catch (error) {
    return { status: 'unknown', source, detail: `${what} could not be read: ${describe(error)}` };
  }
}

function unknown(session: Session, digest: string | undefined, database: object | undefined): VulnerabilityStatus {
  const { options } = session;
  const hint = options.policy === undefined ? '; attestations are read only with --verify-policy' : '';
  if (database === undefined && 'unavailable' in options.advisories) return { status: 'unknown', detail: `${options.advisories.unavailable}${hint}` };
  if (digest === undefined) return { status: 'unknown', detail: `the digest is unknown (${session.problem ?? 'the Pod has not started'})` };
  if (session.problem !== undefined) return { status: 'unknown', detail: `the registry could not be read (${session.problem})${hint}` };
  return { status: 'unknown', detail: `no attestation or stored SBOM for ${digest}, and --no-scan forbids pulling the image${hint}` };
}

/** Runs a registry step; a Palisade error (network, auth, not found, invalid) becomes the session's problem. */
async function attempt<T>(session: Session, step: () => Promise<T>): Promise<T | undefined> {
  try {
    return await step();
  } catch (error) {
    failed(session, error);
    return undefined;
  }
}

/** Records a registry failure (the host too, when it could not be reached) and describes it; other errors are bugs. */
function failed(session: Session, error: unknown): string {
  if (!isPalisadeError(error)) throw error;
  if (error.code === 'NETWORK_FAILED' && !session.unreachable.has(session.host)) session.unreachable.set(session.host, error);
  const text = describe(error);
  session.problem ??= text;
  return text;
}

function describe(error: unknown): string {
  if (isPalisadeError(error)) return `${error.code}: ${error.message}`;
  throw error;
}

function signedBy(attestation: VerifiedAttestation): string {
  return `by key "${attestation.keyName}"${attestation.time === undefined ? '' : ` at ${attestation.time.toISOString()}`}`;
}

function shortType(predicateType: string): string {
  return Object.entries(PREDICATE_TYPES).find(([, uri]) => uri === predicateType)?.[0] ?? predicateType;
}
