import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';

export const noFromPlatformFlag = defineRule<DockerfileArtifact, 'fixedPlatform'>({
  meta: {
    id: 'DKR-0020',
    slug: 'no-from-platform-flag',
    title: 'FROM pins a fixed --platform',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'A FROM with a literal `--platform` builds that platform whatever the builder is asked for, so multi-platform builds silently produce the wrong architecture (or emulate it).',
    remediation: 'Remove `--platform`, or use the build arguments BuildKit sets (`--platform=$BUILDPLATFORM` for cross-compiling stages).',
    references: ['https://docs.docker.com/reference/dockerfile/#from', 'https://github.com/hadolint/hadolint/wiki/DL3029'],
    aliases: [{ tool: 'hadolint', id: 'DL3029', relation: 'similar' }],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: [],
    messages: { fixedPlatform: 'FROM pins the platform "{platform}"; builds for other platforms will still use it.' },
  },
  check(context, dockerfile) {
    for (const stage of dockerfile.stages) {
      const { platform, platformRange } = stage;
      // `$BUILDPLATFORM`, `${TARGETPLATFORM}` and other variables follow the build's platforms.
      if (platform === undefined || platformRange === undefined || platform.includes('$')) continue;
      context.report({ messageId: 'fixedPlatform', at: { range: platformRange }, data: { platform } });
    }
  },
});
