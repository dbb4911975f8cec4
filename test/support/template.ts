/** Synthesizing a topology and reading what the template says about one construct, for infra tests. */
import { App, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { LecternStack, type LecternStackProps } from '../../infra/aws/lectern-stack';
import type { Topology } from '../../infra/topology';

export interface Statement {
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

/** The stack for `topology` (with any further stack props) and its template. */
export function synth(
  topology: Topology,
  props: Omit<LecternStackProps, 'topology'> = {},
): { stack: LecternStack; template: Template } {
  const stack = new LecternStack(new App(), 'Test', { ...props, topology });
  return { stack, template: Template.fromStack(stack) };
}

/** The logical ID of a construct's CloudFormation resource. */
export function logicalId(stack: LecternStack, construct: IConstruct): string {
  return stack.getLogicalId(construct.node.defaultChild as CfnElement);
}

/** `{ Ref: <construct> }`. */
export const ref = (stack: LecternStack, construct: IConstruct) => ({ Ref: logicalId(stack, construct) });

/** `{ Fn::GetAtt: [<construct>, attribute] }`. */
export const getAtt = (stack: LecternStack, construct: IConstruct, attribute: string) => ({
  'Fn::GetAtt': [logicalId(stack, construct), attribute],
});

/** The `Properties` of a construct's CloudFormation resource. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function propertiesOf(template: Template, stack: LecternStack, construct: IConstruct): any {
  const id = logicalId(stack, construct);
  const resource = template.toJSON().Resources[id];
  if (resource === undefined) throw new Error(`The template has no resource ${id}`);
  return resource.Properties;
}

/** Every statement of every policy attached to the role. */
export function statementsOf(template: Template, roleId: string): Statement[] {
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: Match.arrayWith([{ Ref: roleId }]) },
  });
  return Object.values(policies).flatMap(
    (policy) => policy.Properties.PolicyDocument.Statement as Statement[],
  );
}

/** The statements of the role's policies that allow `action`. */
export function statementsAllowing(statements: Statement[], action: string): Statement[] {
  return statements.filter((s) => [s.Action].flat().includes(action));
}

/** Every action the role's policies allow, whatever the resource. */
export function actionsOf(statements: Statement[]): string[] {
  return [...new Set(statements.flatMap((s) => [s.Action].flat()))].sort();
}

/** The resources the role may apply `action` to. */
export function resourcesAllowing(statements: Statement[], action: string): unknown[] {
  return statementsAllowing(statements, action).flatMap((s) => [s.Resource].flat());
}
