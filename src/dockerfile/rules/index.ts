import type { Rule } from '../../core/index.ts';
import { dockerfilesOnly } from '../dockerignore.ts';
import { noBothWgetAndCurl } from './no-both-wget-and-curl.ts';
import { noCopyFromOwnStage } from './no-copy-from-own-stage.ts';
import { noCredentialsInValues } from './no-credentials-in-values.ts';
import { noCurlPipeToShell } from './no-curl-pipe-to-shell.ts';
import { noDuplicateStageName } from './no-duplicate-stage-name.ts';
import { noEnvSelfReference } from './no-env-self-reference.ts';
import { noFromPlatformFlag } from './no-from-platform-flag.ts';
import { noInvalidOnbuildTrigger } from './no-invalid-onbuild-trigger.ts';
import { noLatestTag } from './no-latest-tag.ts';
import { noLonePackageUpdate } from './no-lone-package-update.ts';
import { noMaintainer } from './no-maintainer.ts';
import { noMultipleCmd } from './no-multiple-cmd.ts';
import { noMultipleEntrypoint } from './no-multiple-entrypoint.ts';
import { noMultipleHealthcheck } from './no-multiple-healthcheck.ts';
import { noPackageUpgrade } from './no-package-upgrade.ts';
import { noPointlessRunCommands } from './no-pointless-run-commands.ts';
import { noSecretFilesCopied } from './no-secret-files-copied.ts';
import { noSecretsInEnv } from './no-secrets-in-env.ts';
import { noSecretsInLabel } from './no-secrets-in-label.ts';
import { noSshPort } from './no-ssh-port.ts';
import { noSudo } from './no-sudo.ts';
import { noTlsVerificationDisabled } from './no-tls-verification-disabled.ts';
import { noUnknownCopyFromStage } from './no-unknown-copy-from-stage.ts';
import { noWorldWritablePermissions } from './no-world-writable-permissions.ts';
import { noZypperDistUpgrade } from './no-zypper-dist-upgrade.ts';
import { requireApkNoCache } from './require-apk-no-cache.ts';
import { requireApkVersionPin } from './require-apk-version-pin.ts';
import { requireAptGetNoInstallRecommends } from './require-apt-get-no-install-recommends.ts';
import { requireAptGetVersionPin } from './require-apt-get-version-pin.ts';
import { requireAptGetYes } from './require-apt-get-yes.ts';
import { requireAptListsCleanup } from './require-apt-lists-cleanup.ts';
import { requireDnfCleanAll } from './require-dnf-clean-all.ts';
import { requireDnfVersionPin } from './require-dnf-version-pin.ts';
import { requireDnfYes } from './require-dnf-yes.ts';
import { requireDockerignore } from './require-dockerignore.ts';
import { requireFromFirst } from './require-from-first.ts';
import { requireGemVersionPin } from './require-gem-version-pin.ts';
import { requireGoVersionPin } from './require-go-version-pin.ts';
import { requireHealthcheck } from './require-healthcheck.ts';
import { requireImageTag } from './require-image-tag.ts';
import { requireNonRootUser } from './require-non-root-user.ts';
import { requireNpmVersionPin } from './require-npm-version-pin.ts';
import { requirePipNoCacheDir } from './require-pip-no-cache-dir.ts';
import { requirePipVersionPin } from './require-pip-version-pin.ts';
import { requirePipefail } from './require-pipefail.ts';
import { requireUseraddNoLogInit } from './require-useradd-no-log-init.ts';
import { requireWgetProgressOption } from './require-wget-progress-option.ts';
import { requireWorkdirForRelativeCopy } from './require-workdir-for-relative-copy.ts';
import { requireYarnCacheClean } from './require-yarn-cache-clean.ts';
import { requireYumCleanAll } from './require-yum-clean-all.ts';
import { requireYumVersionPin } from './require-yum-version-pin.ts';
import { requireYumYes } from './require-yum-yes.ts';
import { requireZypperClean } from './require-zypper-clean.ts';
import { requireZypperNonInteractive } from './require-zypper-non-interactive.ts';
import { requireZypperVersionPin } from './require-zypper-version-pin.ts';
import { useAbsoluteWorkdir } from './use-absolute-workdir.ts';
import { useAddForArchiveExtraction } from './use-add-for-archive-extraction.ts';
import { useAllowedBaseImages } from './use-allowed-base-images.ts';
import { useAptGetInsteadOfApt } from './use-apt-get-instead-of-apt.ts';
import { useCopyInsteadOfAdd } from './use-copy-instead-of-add.ts';
import { useExecFormCmd } from './use-exec-form-cmd.ts';
import { useLabelSchema } from './use-label-schema.ts';
import { useShellInstruction } from './use-shell-instruction.ts';
import { useTrailingSlashCopyDestination } from './use-trailing-slash-copy-destination.ts';
import { useValidExposePort } from './use-valid-expose-port.ts';
import { useValidLabelKey } from './use-valid-label-key.ts';
import { useWorkdirInsteadOfCd } from './use-workdir-instead-of-cd.ts';

/**
 * Every Dockerfile rule, sorted by slug. Per-file rules are wrapped so that they never see the
 * `.dockerignore` variant of the `dockerfile` artifact kind (only project rules read it).
 */
export const dockerfileRules: readonly Rule[] = Object.freeze(
  [
    noBothWgetAndCurl,
    noCopyFromOwnStage,
    noCredentialsInValues,
    noCurlPipeToShell,
    noDuplicateStageName,
    noEnvSelfReference,
    noFromPlatformFlag,
    noInvalidOnbuildTrigger,
    noLatestTag,
    noLonePackageUpdate,
    noMaintainer,
    noMultipleCmd,
    noMultipleEntrypoint,
    noMultipleHealthcheck,
    noPackageUpgrade,
    noPointlessRunCommands,
    noSecretFilesCopied,
    noSecretsInEnv,
    noSecretsInLabel,
    noSshPort,
    noSudo,
    noTlsVerificationDisabled,
    noUnknownCopyFromStage,
    noWorldWritablePermissions,
    noZypperDistUpgrade,
    requireApkNoCache,
    requireApkVersionPin,
    requireAptGetNoInstallRecommends,
    requireAptGetVersionPin,
    requireAptGetYes,
    requireAptListsCleanup,
    requireDnfCleanAll,
    requireDnfVersionPin,
    requireDnfYes,
    requireDockerignore,
    requireFromFirst,
    requireGemVersionPin,
    requireGoVersionPin,
    requireHealthcheck,
    requireImageTag,
    requireNonRootUser,
    requireNpmVersionPin,
    requirePipNoCacheDir,
    requirePipVersionPin,
    requirePipefail,
    requireUseraddNoLogInit,
    requireWgetProgressOption,
    requireWorkdirForRelativeCopy,
    requireYarnCacheClean,
    requireYumCleanAll,
    requireYumVersionPin,
    requireYumYes,
    requireZypperClean,
    requireZypperNonInteractive,
    requireZypperVersionPin,
    useAbsoluteWorkdir,
    useAddForArchiveExtraction,
    useAllowedBaseImages,
    useAptGetInsteadOfApt,
    useCopyInsteadOfAdd,
    useExecFormCmd,
    useLabelSchema,
    useShellInstruction,
    useTrailingSlashCopyDestination,
    useValidExposePort,
    useValidLabelKey,
    useWorkdirInsteadOfCd,
  ].map(dockerfilesOnly),
);
