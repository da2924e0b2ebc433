import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The CI systems `palisade init` writes a pipeline for. */
export const CI_SYSTEMS = ['github', 'gitlab', 'tekton', 'jenkins'] as const;

export type CiSystem = (typeof CI_SYSTEMS)[number];

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** What marks a repository as using each system: a `.github/` folder, `.gitlab-ci.yml`, a `tekton/` or `.tekton/` folder, a `Jenkinsfile`. */
const MARKERS: Readonly<Record<CiSystem, (root: string) => boolean>> = {
  github: (root) => isDirectory(join(root, '.github')),
  gitlab: (root) => existsSync(join(root, '.gitlab-ci.yml')),
  tekton: (root) => isDirectory(join(root, 'tekton')) || isDirectory(join(root, '.tekton')),
  jenkins: (root) => existsSync(join(root, 'Jenkinsfile')),
};

/** The CI systems the repository at `root` already uses, in `CI_SYSTEMS` order. */
export function detectCiSystems(root: string): CiSystem[] {
  return CI_SYSTEMS.filter((system) => MARKERS[system](root));
}

/** Where the Tekton files go: the folder the repository already has (`.tekton/` for Pipelines as Code), else `tekton/`. */
export function tektonFolder(root: string): string {
  return isDirectory(join(root, '.tekton')) && !isDirectory(join(root, 'tekton')) ? '.tekton' : 'tekton';
}
