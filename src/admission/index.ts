// Public API of the admission area: the decision shared with the CLI's pipeline, the webhook server,
// the image-check interface and the deployment manifests. The registry verifier
// (./registry-verifier.ts) is imported on its own, when a verification policy is given.
export type { AdmissionDecision, AdmissionMode, DecisionContext, DecisionOutcome, DecisionSettings, FailureChoice } from './decide.ts';
export { ADMISSION_MODES, decide, failingFindings, findingLine } from './decide.ts';
export type { AdmissionEngine, AdmissionEngineOptions } from './engine.ts';
export { loadAdmissionEngine } from './engine.ts';
export type { ObjectEvaluation } from './evaluate-object.ts';
export { admissionDocument, admissionDocumentPath, admissionDocumentText, admittedDocument, evaluateObject } from './evaluate-object.ts';
export type { AdmittedDocument } from './object-artifact.ts';
export type { CachingVerifierOptions, ImageVerdict, ImageVerifier } from './image-verifier.ts';
export { CachingImageVerifier } from './image-verifier.ts';
export type { ManifestOptions } from './manifests.ts';
export { admissionManifests } from './manifests.ts';
export { AdmissionMetrics } from './metrics.ts';
export type { AdmissionRequest, AdmissionResponse, Operation } from './review.ts';
export { parseAdmissionReview, reviewResponse } from './review.ts';
export type { AdmissionServerOptions, RunningAdmissionServer } from './server.ts';
export { startAdmissionServer } from './server.ts';
