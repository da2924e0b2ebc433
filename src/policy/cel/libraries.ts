/** Registers every Kubernetes CEL library on an environment (authz is out of scope). */
import type { Environment } from '@marcbachmann/cel-js';
import { registerFormat } from './lib-format.ts';
import { registerIp } from './lib-ip.ts';
import { registerLists } from './lib-lists.ts';
import { registerOptionalExtras } from './lib-optional.ts';
import { registerQuantity } from './lib-quantity.ts';
import { registerRegex } from './lib-regex.ts';
import { registerSemver } from './lib-semver.ts';
import { registerStrings } from './lib-strings.ts';
import { registerUrls } from './lib-url.ts';

export function registerKubernetesLibraries(env: Environment): Environment {
  registerStrings(env);
  registerLists(env);
  registerRegex(env);
  registerUrls(env);
  registerQuantity(env);
  registerIp(env);
  registerFormat(env);
  registerSemver(env);
  registerOptionalExtras(env);
  return env;
}
