export type { CelTwin, CompiledTwin, TwinCompileResult, TwinVerdict, VariableValue } from './twin.ts';
export { VAP_VARIABLES, compileTwin, twinKinds, twinVariables } from './twin.ts';
export type { KindRef, PolicyVariable } from './pod-kinds.ts';
export { POD_KINDS, POD_VARIABLES, resourceOf } from './pod-kinds.ts';
export type { ExportedRule, SkippedRule, VapExport } from './vap.ts';
export { VAP_API_VERSION, exportValidatingAdmissionPolicies, policyNameOf, validationActionsFor, vapExportToYaml } from './vap.ts';
