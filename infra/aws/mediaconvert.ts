/**
 * MediaConvert for one workflow: the role its jobs run as, which may read and write only that
 * workflow's buckets, and what the workflow's own role needs to submit and watch those jobs.
 */
import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { syncEventsRuleArn } from './sync-rules';

// Step Functions manages this rule itself to learn when a `createJob.sync` job ends.
const SYNC_EVENTS_RULE = 'StepFunctionsGetEventsForMediaConvertJobRule';

export interface MediaConvertJobsProps {
  /** The buckets the jobs read their inputs from and write their outputs to. */
  buckets: s3.IBucket[];
}

/** The MediaConvert role of one workflow (`${MediaConvertRole}`) and the grants to use it. */
export class MediaConvertJobs extends Construct {
  /** The role jobs run as. */
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: MediaConvertJobsProps) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('mediaconvert.amazonaws.com'),
      description: 'MediaConvert jobs: read the inputs and write the renditions',
    });
    for (const bucket of props.buckets) {
      bucket.grantRead(this.role);
      bucket.grantPut(this.role);
    }
  }

  /**
   * Lets `stateMachine` submit jobs as this role and, when it waits for them (`createJob.sync`),
   * watch and cancel them through the events rule Step Functions manages.
   */
  grantRun(stateMachine: sfn.StateMachine, waitsForJobs: boolean): void {
    this.role.grantPassRole(stateMachine.role);
    // MediaConvert authorizes CreateJob against the job, and its queue, preset and job template.
    this.allow(
      stateMachine,
      ['mediaconvert:CreateJob'],
      ['jobs/*', 'queues/*', 'presets/*', 'jobTemplates/*'],
    );
    if (!waitsForJobs) return;
    this.allow(stateMachine, ['mediaconvert:GetJob', 'mediaconvert:CancelJob'], ['jobs/*']);
    stateMachine.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
        resources: [syncEventsRuleArn(this, SYNC_EVENTS_RULE)],
      }),
    );
  }

  /** `actions` on this account's MediaConvert resources of the given types, in the stack's region. */
  private allow(stateMachine: sfn.StateMachine, actions: string[], resources: string[]): void {
    const stack = Stack.of(this);
    stateMachine.addToRolePolicy(
      new iam.PolicyStatement({
        actions,
        resources: resources.map((resource) =>
          stack.formatArn({ service: 'mediaconvert', resource, arnFormat: ArnFormat.NO_RESOURCE_NAME }),
        ),
      }),
    );
  }
}
