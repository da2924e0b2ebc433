/**
 * hadolint's DL rules (https://github.com/hadolint/hadolint#rules), with the default severity
 * hadolint gives them, and the ones hadolint has removed. Static data: the compatibility page and
 * the `.hadolint.yaml` mapping read it.
 */
export type HadolintSeverity = 'error' | 'warning' | 'info' | 'style' | 'ignore';

export interface HadolintRule {
  readonly id: string;
  readonly title: string;
  readonly severity: HadolintSeverity;
  /** Gone from hadolint's current rule list. */
  readonly removed?: true;
}

export const HADOLINT_RULES: readonly HadolintRule[] = Object.freeze([
  { id: 'DL1001', title: 'Please refrain from using inline ignore pragmas `# hadolint ignore=DLxxxx`.', severity: 'ignore' },
  { id: 'DL3000', title: 'Use absolute WORKDIR.', severity: 'error' },
  { id: 'DL3001', title: 'For some bash commands it makes no sense running them in a Docker container like ssh, vim, shutdown, service, ps, free, top, kill, mount, ifconfig.', severity: 'info' },
  { id: 'DL3002', title: 'Last user should not be root.', severity: 'warning' },
  { id: 'DL3003', title: 'Use WORKDIR to switch to a directory.', severity: 'warning' },
  { id: 'DL3004', title: 'Do not use sudo as it leads to unpredictable behavior. Use a tool like gosu to enforce root.', severity: 'error' },
  { id: 'DL3005', title: 'Do not use apt-get upgrade or dist-upgrade.', severity: 'error', removed: true },
  { id: 'DL3006', title: 'Always tag the version of an image explicitly.', severity: 'warning' },
  { id: 'DL3007', title: 'Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag.', severity: 'warning' },
  { id: 'DL3008', title: 'Pin versions in `apt-get install`.', severity: 'warning' },
  { id: 'DL3009', title: 'Delete the apt-get lists after installing something.', severity: 'info' },
  { id: 'DL3010', title: 'Use ADD for extracting archives into an image.', severity: 'info' },
  { id: 'DL3011', title: 'Valid UNIX ports range from 0 to 65535.', severity: 'error' },
  { id: 'DL3012', title: 'Multiple `HEALTHCHECK` instructions.', severity: 'error' },
  { id: 'DL3013', title: 'Pin versions in pip.', severity: 'warning' },
  { id: 'DL3014', title: 'Use the `-y` switch.', severity: 'warning' },
  { id: 'DL3015', title: 'Avoid additional packages by specifying `--no-install-recommends`.', severity: 'info' },
  { id: 'DL3016', title: 'Pin versions in `npm`.', severity: 'warning' },
  { id: 'DL3017', title: 'Do not use `apk upgrade`.', severity: 'error', removed: true },
  { id: 'DL3018', title: 'Pin versions in `apk add`.', severity: 'warning' },
  { id: 'DL3019', title: 'Use the `--no-cache` switch to avoid the need to use `--update` and remove `/var/cache/apk/*` when done installing packages.', severity: 'info' },
  { id: 'DL3020', title: 'Use `COPY` instead of `ADD` for files and folders.', severity: 'error' },
  { id: 'DL3021', title: '`COPY` with more than 2 arguments requires the last argument to end with `/`.', severity: 'error' },
  { id: 'DL3022', title: '`COPY --from` should reference a previously defined `FROM` alias.', severity: 'warning' },
  { id: 'DL3023', title: '`COPY --from` cannot reference its own `FROM` alias.', severity: 'error' },
  { id: 'DL3024', title: '`FROM` aliases (stage names) must be unique.', severity: 'error' },
  { id: 'DL3025', title: 'Use arguments JSON notation for CMD and ENTRYPOINT arguments.', severity: 'warning' },
  { id: 'DL3026', title: 'Use only an allowed registry in the `FROM image`.', severity: 'error' },
  { id: 'DL3027', title: 'Do not use `apt` as it is meant to be an end-user tool, use `apt-get` or `apt-cache` instead.', severity: 'warning' },
  { id: 'DL3028', title: 'Pin versions in gem install.', severity: 'warning' },
  { id: 'DL3029', title: 'Do not use --platform flag with FROM.', severity: 'warning' },
  { id: 'DL3030', title: 'Use the `-y` switch to avoid manual input `yum install -y <package>`.', severity: 'warning' },
  { id: 'DL3031', title: 'Do not use `yum update`.', severity: 'error', removed: true },
  { id: 'DL3032', title: '`yum clean all` missing after yum command.', severity: 'warning' },
  { id: 'DL3033', title: 'Specify version with `yum install -y <package>-<version>`.', severity: 'warning' },
  { id: 'DL3034', title: 'Non-interactive switch missing from `zypper` command: `zypper install -y`.', severity: 'warning' },
  { id: 'DL3035', title: 'Do not use `zypper dist-upgrade`.', severity: 'warning' },
  { id: 'DL3036', title: '`zypper clean` missing after zypper use.', severity: 'warning' },
  { id: 'DL3037', title: 'Specify version with `zypper install -y <package>[=]<version>`.', severity: 'warning' },
  { id: 'DL3038', title: 'Use the `-y` switch to avoid manual input `dnf install -y <package>`.', severity: 'warning' },
  { id: 'DL3039', title: 'Do not use `dnf update`.', severity: 'error', removed: true },
  { id: 'DL3040', title: '`dnf clean all` missing after dnf command.', severity: 'warning' },
  { id: 'DL3041', title: 'Specify version with `dnf install -y <package>-<version>`.', severity: 'warning' },
  { id: 'DL3042', title: 'Avoid cache directory with `pip install --no-cache-dir <package>`.', severity: 'warning' },
  { id: 'DL3043', title: '`ONBUILD`, `FROM` or `MAINTAINER` triggered from within `ONBUILD` instruction.', severity: 'error' },
  { id: 'DL3044', title: 'Do not refer to an environment variable within the same `ENV` statement where it is defined.', severity: 'error' },
  { id: 'DL3045', title: '`COPY` to a relative destination without `WORKDIR` set.', severity: 'warning' },
  { id: 'DL3046', title: '`useradd` without flag `-l` and high UID will result in excessively large Image.', severity: 'warning' },
  { id: 'DL3047', title: '`wget` without flag `--progress` will result in excessively bloated build logs when downloading larger files.', severity: 'info' },
  { id: 'DL3048', title: 'Invalid Label Key.', severity: 'style' },
  { id: 'DL3049', title: 'Label `<label>` is missing.', severity: 'info' },
  { id: 'DL3050', title: 'Superfluous label(s) present.', severity: 'info' },
  { id: 'DL3051', title: 'Label `<label>` is empty.', severity: 'warning' },
  { id: 'DL3052', title: 'Label `<label>` is not a valid URL.', severity: 'warning' },
  { id: 'DL3053', title: 'Label `<label>` is not a valid time format - must conform to RFC3339.', severity: 'warning' },
  { id: 'DL3054', title: 'Label `<label>` is not a valid SPDX license identifier.', severity: 'warning' },
  { id: 'DL3055', title: 'Label `<label>` is not a valid git hash.', severity: 'warning' },
  { id: 'DL3056', title: 'Label `<label>` does not conform to semantic versioning.', severity: 'warning' },
  { id: 'DL3057', title: '`HEALTHCHECK` instruction missing.', severity: 'ignore' },
  { id: 'DL3058', title: 'Label `<label>` is not a valid email format - must conform to RFC5322.', severity: 'warning' },
  { id: 'DL3059', title: 'Multiple consecutive `RUN` instructions. Consider consolidation.', severity: 'info' },
  { id: 'DL3060', title: '`yarn cache clean` missing after `yarn install` was run.', severity: 'info' },
  { id: 'DL3061', title: 'Invalid instruction order. Dockerfile must begin with `FROM`, `ARG` or comment.', severity: 'error' },
  { id: 'DL3062', title: 'Pin versions in go install. Instead of `go install <package>` use `go install <package>@<version>`.', severity: 'warning' },
  { id: 'DL4000', title: 'MAINTAINER is deprecated.', severity: 'error' },
  { id: 'DL4001', title: 'Either use Wget or Curl but not both.', severity: 'warning' },
  { id: 'DL4003', title: 'Multiple `CMD` instructions found.', severity: 'warning' },
  { id: 'DL4004', title: 'Multiple `ENTRYPOINT` instructions found.', severity: 'error' },
  { id: 'DL4005', title: 'Use SHELL to change the default shell.', severity: 'warning' },
  { id: 'DL4006', title: 'Set the SHELL option -o pipefail before RUN with a pipe in it.', severity: 'warning' },
] satisfies HadolintRule[]);

/** Why a DL rule has no Palisade rule. A rule with a `hadolint` alias always wins over this list. */
export const HADOLINT_NOT_IMPLEMENTED: Readonly<Record<string, string>> = Object.freeze({
  DL1001: 'Palisade honours `# hadolint ignore=` comments as inline suppressions (with the reason "hadolint ignore comment"); forbidding them is a review policy on suppressions, not a Dockerfile rule.',
  DL3005: 'Removed from hadolint.',
  DL3017: 'Removed from hadolint.',
  DL3031: 'Removed from hadolint.',
  DL3039: 'Removed from hadolint.',
  DL3059: 'A style preference (fewer layers) with no security or correctness effect, and hadolint counts the shell commands of each RUN to decide; not implemented.',
});
