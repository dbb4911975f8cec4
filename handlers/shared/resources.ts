/** The physical names of the topology's resources a function was given access to. */
import { resourceEnv } from '../../infra/topology';
import { ConfigError } from './errors';

type Kind = Parameters<typeof resourceEnv>[0];

/**
 * The name (or URL, for queues) of a resource the function's `access` lists, from the
 * `resourceEnv` variable both targets set. Called at module scope, so a function deployed
 * without the access stops at start with a ConfigError that says what to add.
 */
export function resourceName(
  kind: Kind,
  name: string,
  env: Record<string, string | undefined> = process.env,
) {
  const variable = resourceEnv(kind, name);
  const value = env[variable];
  if (!value) {
    throw new ConfigError(
      `${variable} is not set: the function's access in the topology must list the ${kind} "${name}"`,
    );
  }
  return value;
}
