import { LOCAL_ACCOUNT, LOCAL_REGION } from '../lambda/functions';

/** ARNs of the local Step Functions, in AWS's formats. */

const PREFIX = `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}`;

export const stateMachineArn = (name: string) => `${PREFIX}:stateMachine:${name}`;

export function executionArn(machineName: string, name: string, express: boolean, id: string): string {
  return express
    ? `${PREFIX}:express:${machineName}:${name}:${id}`
    : `${PREFIX}:execution:${machineName}:${name}`;
}

const STATE_MACHINE = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:([A-Za-z0-9_-]{1,80})$/;
const EXECUTION =
  /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:(execution|express):([A-Za-z0-9_-]{1,80}):([^:]{1,80})(?::[^:]+)?$/;

export function parseStateMachineArn(arn: string): { name: string } | undefined {
  const match = STATE_MACHINE.exec(arn);
  return match ? { name: match[1] } : undefined;
}

export function parseExecutionArn(arn: string): { machineName: string; name: string } | undefined {
  const match = EXECUTION.exec(arn);
  return match ? { machineName: match[2], name: match[3] } : undefined;
}
