/**
 * Corpus files whose upstream expectation differs from ours on purpose, with the reason. The
 * corpus test fails if one of them starts matching (so the entry is removed).
 */
export const KNOWN_DIFFERENCES: Readonly<Record<string, string>> = {
  'osv-scanner/pip/cyclic-r-complex-1.txt': '`-r` includes are noted in `includes`, not followed (an analyzer never opens other files); upstream lists the included files’ packages.',
  'osv-scanner/pip/duplicate-r-dev.txt': '`-r` includes are noted, not followed.',
  'osv-scanner/pip/file-format-example.txt': '`-r` includes not followed; `>=`/`~=` requirements are kept unpinned (upstream takes the lower bound as the version).',
  'osv-scanner/pip/with-bad-r-option.txt': 'upstream fails on an unreadable `-r` file; we do not follow includes, so there is nothing to fail on.',
  'osv-scalibr/requirements/example.txt': '`>=`/`~=` requirements are kept unpinned (upstream takes the lower bound); `-r` includes not followed.',
  'osv-scalibr/requirements/per_req_options.txt': 'upstream keeps the text before per-requirement options in the version ("1.0 unexpected_text…"); that is not a single pin, so we keep it unpinned.',
  'osv-scalibr/requirements/with_versions.txt': '`>=` and `<=` requirements are kept unpinned (upstream takes the bound as the version).',
  'osv-scalibr/gomod/indirect-1.16.mod': 'for go < 1.17 upstream reads the indirect modules from the sibling go.sum; our go.sum analyzer lists them from that file instead.',
  'osv-scalibr/pomxml/interpolation.xml': 'a version range ([9.4.35.v20201120,9.5)) is not a pin: kept with skipReason unpinned (upstream takes the lower bound).',
  'osv-scalibr/pomxml/with-parent.xml': 'the parent POM is not followed (an analyzer never opens other files): versions inherited from it stay unresolved.',
};
