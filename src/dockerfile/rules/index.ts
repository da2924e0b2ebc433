import type { Rule } from '../../core/index.ts';
import { noLatestTag } from './no-latest-tag.ts';
import { noMaintainer } from './no-maintainer.ts';
import { noMultipleCmd } from './no-multiple-cmd.ts';
import { noMultipleEntrypoint } from './no-multiple-entrypoint.ts';
import { noSecretsInEnv } from './no-secrets-in-env.ts';
import { noSshPort } from './no-ssh-port.ts';
import { requireHealthcheck } from './require-healthcheck.ts';
import { requireImageTag } from './require-image-tag.ts';
import { requireNonRootUser } from './require-non-root-user.ts';
import { useAbsoluteWorkdir } from './use-absolute-workdir.ts';
import { useCopyInsteadOfAdd } from './use-copy-instead-of-add.ts';

/** Every Dockerfile rule, sorted by slug. */
export const dockerfileRules: readonly Rule[] = Object.freeze([
  noLatestTag,
  noMaintainer,
  noMultipleCmd,
  noMultipleEntrypoint,
  noSecretsInEnv,
  noSshPort,
  requireHealthcheck,
  requireImageTag,
  requireNonRootUser,
  useAbsoluteWorkdir,
  useCopyInsteadOfAdd,
]);
