// Public API of the image scan: layer analysis, the final filesystem's inventories, image config artifacts.
export type { LayerAnalysis, LayerAnalysisOptions, RunRules, WantedBudget } from './analyse-layer.ts';
export { analyseLayer } from './analyse-layer.ts';
export type { ConfigPair, ImageConfigArtifact, ImageConfigOptions, ImageConfigView } from './config-artifact.ts';
export { createImageConfigAnalyzer, createImageConfigArtifact, imageConfigAnalyzer } from './config-artifact.ts';
export { instructionOf, layerCreators } from './history.ts';
export type { JsonNode, JsonParse } from './json-positions.ts';
export { parseJsonWithPositions } from './json-positions.ts';
export type { ImageScanRequest, ImageScanResult, LayerProgress, ScannedLayer } from './scan-image.ts';
export { analysisKey, imageLocationPath, scanImage } from './scan-image.ts';
export type { ContentExtractor, ExtractProblem, Extracted } from './extract.ts';
export { MAX_EXTRACT_BYTES } from './extract.ts';
export type { BuildInfoReading, GoBuildInfo } from './go-binary.ts';
export { goBinaryExtractor, installedGoAnalyzer, readGoBuildInfo } from './go-binary.ts';
export type { MavenCoordinates } from './jar.ts';
export { installedMavenAnalyzer, jarExtractor, readJar } from './jar.ts';
export { installedBinaryExtractors, installedGemAnalyzer, installedNpmAnalyzer, installedPackageAnalyzers, installedPythonAnalyzer } from './installed.ts';
