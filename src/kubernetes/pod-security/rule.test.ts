import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { noPrivilegedContainer } from '../rules/no-privileged-container.ts';
import { requireSeccompProfile } from '../rules/require-seccomp-profile.ts';

describe('definePodSecurityRule', () => {
  it('derives packs, the pss alias, options and project evaluation from the check', () => {
    assert.deepEqual(noPrivilegedContainer.meta.packs, ['pod-security', 'pss-baseline', 'pss-restricted']);
    assert.deepEqual(requireSeccompProfile.meta.packs, ['pod-security', 'pss-restricted']);
    assert.deepEqual(noPrivilegedContainer.meta.aliases[0], { tool: 'pss', id: 'privileged', relation: 'same' });
    assert.deepEqual(noPrivilegedContainer.meta.options?.defaults, { level: 'restricted', version: 'latest' });
    assert.equal(noPrivilegedContainer.project, true);
  });

  it('accepts the shared options and refuses bad levels, versions and unknown keys', () => {
    assert.equal(noPrivilegedContainer.configure({ level: 'baseline', version: 'v1.29' }).ok, true);
    assert.equal(noPrivilegedContainer.configure({ version: 'latest' }).ok, true);
    const cases = [
      { options: { level: 'privileged' }, error: 'level must be equal to one of the allowed values' },
      { options: { version: 'v1.x' }, error: 'version must match pattern "^(latest|v1\\.(0|[1-9][0-9]*))$"' },
      { options: { version: '1.29' }, error: 'version must match pattern "^(latest|v1\\.(0|[1-9][0-9]*))$"' },
      { options: { mode: 'warn' }, error: 'must NOT have additional properties' },
    ];
    for (const { options, error } of cases) {
      const result = noPrivilegedContainer.configure(options);
      assert.equal(result.ok, false);
      assert.deepEqual(result.ok ? [] : result.error, [error]);
    }
  });
});
