export type { CiSystem } from './ci-systems.ts';
export { CI_SYSTEMS, detectCiSystems, tektonFolder } from './ci-systems.ts';
export type { TemplateOptions } from './ci-templates.ts';
export { githubWorkflow, gitlabJob, gitlabRoot, jenkinsPipeline } from './ci-templates.ts';
export { exceptionsFile, palisadeConfig } from './config-files.ts';
export type { InitFile, InitPlan, PlanOptions } from './plan.ts';
export { planInit } from './plan.ts';
export { tektonTask } from './tekton.ts';
export { writeNewFile } from './write.ts';
