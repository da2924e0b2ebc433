export {
  PALISADE_SCAN_PREDICATE_TYPE,
  PREDICATE_TYPES,
  predicateTime,
  resolvePredicateType,
  type PalisadeScanPredicate,
  type PredicateName,
} from './predicates.ts';
export { buildScanPredicate, type ScanPredicateInput } from './scan-predicate.ts';
export {
  buildStatement,
  parseStatement,
  serializeStatement,
  STATEMENT_V01,
  STATEMENT_V1,
  statementCoversDigest,
  type Statement,
  type StatementSubject,
} from './statement.ts';
