// Public API of src/vuln/vex: OpenVEX and CycloneDX VEX documents, and applying their statements.
export type { ApplyVexOptions, ApplyVexResult } from './apply.ts';
export { applyVex } from './apply.ts';
export { parseCycloneDxVex } from './cyclonedx.ts';
export type { JsonInput, JsonPath } from './json.ts';
export { MAX_VEX_BYTES, jsonErrorOffset, readJson } from './json.ts';
export type { VexDocument, VexFormat, VexProduct, VexStatement, VexStatus } from './model.ts';
export { VEX_STATUSES, isVexStatus } from './model.ts';
export { OPENVEX_JUSTIFICATIONS, parseOpenVex } from './openvex.ts';
export { parseVex, readVexFile } from './parse.ts';
export type { ParsedPurl } from './purl.ts';
export { parsePurl, productMatches } from './purl.ts';
