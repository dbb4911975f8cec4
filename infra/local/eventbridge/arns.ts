import { LOCAL_ACCOUNT, LOCAL_REGION } from '../lambda/functions';

/** ARNs of the local EventBridge, in AWS's formats. */

const PREFIX = `arn:aws:events:${LOCAL_REGION}:${LOCAL_ACCOUNT}`;

export const DEFAULT_BUS = 'default';

export const busArn = (name: string) => `${PREFIX}:event-bus/${name}`;

/** Rules of the default bus are `rule/<name>`; of any other bus `rule/<bus>/<name>`. */
export const ruleArn = (bus: string, name: string) =>
  bus === DEFAULT_BUS ? `${PREFIX}:rule/${name}` : `${PREFIX}:rule/${bus}/${name}`;

export const archiveArn = (name: string) => `${PREFIX}:archive/${name}`;

export const replayArn = (name: string) => `${PREFIX}:replay/${name}`;

const BUS_ARN = /^arn:aws[a-z-]*:events:[a-z0-9-]+:\d{12}:event-bus\/(.+)$/;
const ARCHIVE_ARN = /^arn:aws[a-z-]*:events:[a-z0-9-]+:\d{12}:archive\/(.+)$/;

/** A bus given by name or ARN (the API accepts both); absent means the default bus. */
export function busNameOf(nameOrArn: string | undefined): string {
  if (nameOrArn === undefined) return DEFAULT_BUS;
  return BUS_ARN.exec(nameOrArn)?.[1] ?? nameOrArn;
}

export function parseBusArn(arn: string): string | undefined {
  return BUS_ARN.exec(arn)?.[1];
}

export function parseArchiveArn(arn: string): string | undefined {
  return ARCHIVE_ARN.exec(arn)?.[1];
}

export { LOCAL_ACCOUNT, LOCAL_REGION };
