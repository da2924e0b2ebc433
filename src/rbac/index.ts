export type { AccessRequest, Capability } from './capabilities.ts';
export { CAPABILITIES, findCapability } from './capabilities.ts';
export type { PolicyRule, RoleDefinition } from './roles.ts';
export { resolveRoles } from './roles.ts';
export type { Grant, ObjectName, RbacInput, Subject, SubjectAccess, WhoCanResult } from './who-can.ts';
export { analyseWhoCan, ruleAllows, subjectKey } from './who-can.ts';
