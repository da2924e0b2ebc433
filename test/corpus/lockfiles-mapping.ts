// Where each corpus folder's files would sit in a project, so the analyzers' matches() pick them up.
const FOLDER_PATHS: Readonly<Record<string, string>> = {
  'osv-scanner/npm': 'package-lock.json',
  'osv-scalibr/packagelockjson': 'package-lock.json',
  'osv-scanner/yarn': 'yarn.lock',
  'osv-scalibr/yarnlock': 'yarn.lock',
  'osv-scanner/pnpm': 'pnpm-lock.yaml',
  'osv-scalibr/pnpmlock': 'pnpm-lock.yaml',
  'osv-scanner/pip': 'requirements.txt',
  'osv-scalibr/requirements': 'requirements.txt',
  'osv-scanner/pipenv': 'Pipfile.lock',
  'osv-scalibr/pipfilelock': 'Pipfile.lock',
  'osv-scanner/poetry': 'poetry.lock',
  'osv-scalibr/poetrylock': 'poetry.lock',
  'osv-scalibr/uvlock': 'uv.lock',
  'osv-scanner/cargo': 'Cargo.lock',
  'osv-scalibr/cargolock': 'Cargo.lock',
  'osv-scanner/bundler': 'Gemfile.lock',
  'osv-scalibr/gemfilelock': 'Gemfile.lock',
  'osv-scanner/composer': 'composer.lock',
  'osv-scalibr/composerlock': 'composer.lock',
  'osv-scanner/maven': 'pom.xml',
  'osv-scalibr/pomxml': 'pom.xml',
  'osv-scanner/gradle': 'gradle.lockfile',
  'osv-scalibr/gradlelockfile': 'gradle.lockfile',
  'osv-scanner/nuget': 'packages.lock.json',
  'osv-scanner/dpkg': 'var/lib/dpkg/status',
  'osv-scalibr/dpkg': 'var/lib/dpkg/status',
  'osv-scanner/apk': 'lib/apk/db/installed',
  'osv-scalibr/apk': 'lib/apk/db/installed',
};

/** The project path for a corpus file, or undefined when its format is outside this area (bun, conan, mix, pub, renv, pdm, pylock, gradle verification metadata). */
export function projectPathFor(file: string): string | undefined {
  if (/^osv-scanner\/go\/|^osv-scalibr\/gomod\//.test(file)) return file.endsWith('.sum') ? 'go.sum' : 'go.mod';
  if (/\/dpkg\/dpkg\/status\.d\//.test(file)) return `var/lib/dpkg/status.d/${file.split('/').at(-1) ?? ''}`;
  const folder = file.split('/').slice(0, 2).join('/');
  return FOLDER_PATHS[folder];
}
