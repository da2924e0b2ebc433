import type { Violation } from '../check.ts';
import { defineCheck } from '../check.ts';
import type { PodView } from '../pod.ts';

/** The pod fields that share a host namespace. Upstream: spec.hostNetwork, hostPID, hostIPC must be undefined or false. */
const FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

export type HostNamespacesMessageId = (typeof FIELDS)[number];

function hostNamespacesV1Dot0(pod: PodView): Violation<HostNamespacesMessageId>[] {
  return FIELDS.filter((field) => pod.spec[field] === true).map((field) => ({ pointer: `${pod.pointer}/${field}`, messageId: field }));
}

/** `hostNamespaces` (baseline, v1.0+). */
export const hostNamespacesCheck = defineCheck({ id: 'hostNamespaces', level: 'baseline', versions: [{ minimum: 0, checkPod: hostNamespacesV1Dot0 }] });
