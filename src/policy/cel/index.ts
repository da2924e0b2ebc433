export type {
  CelCompileOptions,
  CelCompileResult,
  CelError,
  CelType,
  CelValueResult,
  CompiledCel,
} from './engine.ts';
export { compileCel } from './engine.ts';
export { fromCelValue, toCelValue } from './values.ts';
export { DEFAULT_COST_LIMIT } from './cost.ts';
