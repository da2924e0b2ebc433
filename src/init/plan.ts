import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CiSystem } from './ci-systems.ts';
import { tektonFolder } from './ci-systems.ts';
import { githubWorkflow, gitlabJob, gitlabRoot, jenkinsPipeline } from './ci-templates.ts';
import { exceptionsFile, palisadeConfig } from './config-files.ts';
import { tektonTask } from './tekton.ts';

/** One file `palisade init` writes: a path relative to the repository root, and its content. */
export interface InitFile {
  readonly path: string;
  readonly content: string;
}

export interface InitPlan {
  readonly files: readonly InitFile[];
  /** What the user still has to do by hand (include the GitLab job, point a Jenkins job at the file). */
  readonly notes: readonly string[];
}

export interface PlanOptions {
  readonly root: string;
  readonly systems: readonly CiSystem[];
  readonly version: string;
  readonly now: Date;
}

function ciFiles(root: string, system: CiSystem, version: string): InitPlan {
  switch (system) {
    case 'github':
      return { files: [{ path: '.github/workflows/palisade.yml', content: githubWorkflow({ version }) }], notes: [] };
    case 'gitlab': {
      const job = { path: '.gitlab/palisade.gitlab-ci.yml', content: gitlabJob({ version }) };
      if (!existsSync(join(root, '.gitlab-ci.yml'))) return { files: [job, { path: '.gitlab-ci.yml', content: gitlabRoot() }], notes: [] };
      return { files: [job], notes: ['Add to .gitlab-ci.yml:\n  include:\n    - local: .gitlab/palisade.gitlab-ci.yml'] };
    }
    case 'tekton':
      return {
        files: [{ path: `${tektonFolder(root)}/palisade-task.yaml`, content: tektonTask({ version }) }],
        notes: [`Apply the Task (kubectl apply -f ${tektonFolder(root)}/palisade-task.yaml) and add it to your Pipeline after the clone step, with the source workspace.`],
      };
    case 'jenkins': {
      if (!existsSync(join(root, 'Jenkinsfile'))) return { files: [{ path: 'Jenkinsfile', content: jenkinsPipeline({ version }) }], notes: [] };
      return {
        files: [{ path: 'palisade.Jenkinsfile', content: jenkinsPipeline({ version }) }],
        notes: ['A Jenkinsfile exists: copy the Palisade stage from palisade.Jenkinsfile into it, or create a pipeline job whose Script Path is palisade.Jenkinsfile.'],
      };
    }
  }
}

/** The files `palisade init` writes for a repository: configuration, exceptions, and one pipeline per CI system. */
export function planInit({ root, systems, version, now }: PlanOptions): InitPlan {
  const files: InitFile[] = [
    { path: '.palisade.yaml', content: palisadeConfig() },
    { path: '.palisade/exceptions.yaml', content: exceptionsFile(now) },
  ];
  const notes: string[] = [];
  for (const system of systems) {
    const plan = ciFiles(root, system, version);
    files.push(...plan.files);
    notes.push(...plan.notes);
  }
  return { files, notes };
}
