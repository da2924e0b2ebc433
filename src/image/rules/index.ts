import type { Rule } from '../../core/index.ts';
import { noImageConfigSecrets } from './no-image-config-secrets.ts';
import { noImageSshPort } from './no-image-ssh-port.ts';
import { noStaleImage } from './no-stale-image.ts';
import { requireImageHealthcheck } from './require-image-healthcheck.ts';
import { requireImageLabels } from './require-image-labels.ts';
import { requireImageNonRootUser } from './require-image-non-root-user.ts';
import { useAllowedImageBase } from './use-allowed-image-base.ts';

/** The image config rules (target `image-config`), sorted by slug. */
export const imageRules: readonly Rule[] = Object.freeze([noImageConfigSecrets, noImageSshPort, noStaleImage, requireImageHealthcheck, requireImageLabels, requireImageNonRootUser, useAllowedImageBase]);
