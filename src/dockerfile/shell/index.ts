export type { ShellRun } from './analyze.ts';
export { DEFAULT_SHELL, isPosixShell, scriptOf, shellOf, shellRuns } from './analyze.ts';
export { shellParserAvailable } from './grammar.ts';
export type { ShellCommand, ShellJoin, ShellPipe, ShellScript, ShellScriptOrigin, ShellWord } from './model.ts';
export type { ShellFlag } from './query.ts';
export { commandText, flagValue, flagsOf, hasArgument, hasCacheMount, hasFlag, isProgram, lastSlash, operandsOf, packagesOf, programOf, subcommandOf } from './query.ts';
export {
  APK_VALUE_FLAGS,
  APT_GET_VALUE_FLAGS,
  PIP_VALUE_FLAGS,
  YUM_VALUE_FLAGS,
  ZYPPER_VALUE_FLAGS,
  isApkAdd,
  isAptGetInstall,
  isAptUpdate,
  isPipInstall,
  isRpmClean,
  isZypperInstall,
  pipPackages,
  rpmInstallPackages,
  yumInstall,
  zypperSubcommand,
} from './managers.ts';
