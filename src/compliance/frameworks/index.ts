import type { Framework } from '../framework.ts';
import { cisDocker16 } from './cis-docker-1.6.ts';
import { cisK8s19 } from './cis-k8s-1.9.ts';
import { hipaa } from './hipaa.ts';
import { nist800190 } from './nist-800-190.ts';
import { nsaCisaK8s12 } from './nsa-cisa-k8s-1.2.ts';
import { pciDss40 } from './pci-dss-4.0.ts';

/** Every framework catalogue, sorted by id. */
export const frameworks: readonly Framework[] = Object.freeze([cisDocker16, cisK8s19, hipaa, nist800190, nsaCisaK8s12, pciDss40]);
