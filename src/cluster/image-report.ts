import type { Threshold } from '../core/index.ts';
import { meetsThreshold, SEVERITIES } from '../core/index.ts';
import type { ImageStatus, SignatureStatus, VulnerabilityStatus } from './image-status.ts';
import { formatCounts } from './image-vulns.ts';

const SOURCE_WORDS = {
  'attestation:sbom': 'attestation',
  'attestation:palisade-scan': 'attestation',
  store: 'watch store',
  'registry-scan': 'registry scan',
} as const;

/** One block per image: reference, digest, where it runs, signature and vulnerabilities with their sources. */
export function renderImageStatuses(images: readonly ImageStatus[]): string {
  if (images.length === 0) return 'No Pods are running.\n';
  return `${images.flatMap(imageLines).join('\n')}\n`;
}

function imageLines(image: ImageStatus): string[] {
  const digest = image.digest === undefined ? 'unknown (no container status yet)' : image.digestSource === 'registry' ? `${image.digest} (the tag, resolved at the registry now)` : image.digest;
  return [
    `${image.image}${image.pinned ? '' : '  (not pinned by digest)'}`,
    `  digest: ${digest}`,
    `  running in ${image.runningIn.length}: ${image.runningIn.join(', ')}`,
    `  signature: ${signatureLine(image.signature)}`,
    ...vulnerabilityLines(image.vulnerabilities),
  ];
}

function signatureLine(signature: SignatureStatus): string {
  return `${signature.status}${signature.source === 'none' ? '' : ` (${signature.source})`}: ${signature.detail}`;
}

function vulnerabilityLines(status: VulnerabilityStatus): string[] {
  if (status.status === 'unknown' || status.counts === undefined || status.total === undefined) return [`  vulnerabilities: unknown: ${status.detail}`];
  const source = status.source === undefined ? '' : ` (${SOURCE_WORDS[status.source]})`;
  const lines = [`  vulnerabilities${source}: ${formatCounts({ counts: status.counts, total: status.total })} from ${status.detail}`];
  if (status.worst !== undefined && status.worst.length > 0) lines.push(`    worst: ${status.worst.map((entry) => `${entry.id} ${entry.severity} ${entry.package}`).join(', ')}`);
  return lines;
}

/**
 * The exit code of `cluster images`: 1 when a verification policy was given and an image failed it or
 * could not be checked, or when `failOn` is set and an image has a vulnerability at or above it or an
 * unknown vulnerability status (the gate cannot say it is below); else 0.
 */
export function imagesExitCode(images: readonly ImageStatus[], policyGiven: boolean, failOn: Threshold | undefined): number {
  const signatureFails = policyGiven && images.some((image) => image.signature.status === 'failed' || image.signature.status === 'unknown');
  const vulnerabilityFails = failOn !== undefined && failOn !== 'none' && images.some((image) => reaches(image.vulnerabilities, failOn));
  return signatureFails || vulnerabilityFails ? 1 : 0;
}

function reaches(status: VulnerabilityStatus, failOn: Threshold): boolean {
  const { counts } = status;
  if (status.status === 'unknown' || counts === undefined) return true;
  return SEVERITIES.some((severity) => counts[severity] > 0 && meetsThreshold(severity, failOn));
}
