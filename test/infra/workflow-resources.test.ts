/**
 * Workflows that send to queues, update tables, put events and run MediaConvert jobs: what their
 * placeholders are bound to, and that their roles may touch exactly that.
 */
import type { WorkflowSpec } from '../../infra/topology';
import { resourcesTopology } from '../fixtures/resources-topology';
import {
  actionsOf,
  getAtt,
  logicalId,
  propertiesOf,
  ref,
  resourcesAllowing,
  statementsOf,
  synth,
  type Statement,
} from '../support/template';

const { stack, template } = synth(resourcesTopology);

const workflow = (name: string) => stack.workflows.get(name)!;
const statementsOfWorkflow = (name: string): Statement[] =>
  statementsOf(template, logicalId(stack, workflow(name).role));
/** The role that `${MediaConvertRole}` is bound to in `transcode`, by logical ID. */
const mediaConvertRoleId = () =>
  propertiesOf(template, stack, workflow('transcode')).DefinitionSubstitutions.MediaConvertRole[
    'Fn::GetAtt'
  ][0];
/** `service:resource` in the stack's partition, region and account, as the CDK writes the ARN. */
const inAccount = (serviceAndResource: string) => {
  const [service, resource] = serviceAndResource.split(':');
  return {
    'Fn::Join': [
      '',
      [
        'arn:',
        { Ref: 'AWS::Partition' },
        `:${service}:`,
        { Ref: 'AWS::Region' },
        ':',
        { Ref: 'AWS::AccountId' },
        `:${resource}`,
      ],
    ],
  };
};

describe('placeholders', () => {
  it('binds a queue to its URL, a table and a bus to their names', () => {
    expect(propertiesOf(template, stack, workflow('verifyEmail')).DefinitionSubstitutions).toEqual({
      OutboxQueue: ref(stack, stack.queues.get('outbox')!),
      UsersTable: ref(stack, stack.tables.get('users')!),
      LecternBus: ref(stack, stack.buses.get('lectern')!),
    });
  });

  it('binds buckets to their names and MediaConvertRole to the ARN of a role MediaConvert assumes', () => {
    const substitutions = propertiesOf(template, stack, workflow('transcode')).DefinitionSubstitutions;
    const role = template.toJSON().Resources[mediaConvertRoleId()];

    expect(substitutions).toEqual({
      UploadsBucket: ref(stack, stack.buckets.get('uploads')!),
      MediaBucket: ref(stack, stack.buckets.get('media')!),
      MediaConvertRole: { 'Fn::GetAtt': [mediaConvertRoleId(), 'Arn'] },
    });
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'mediaconvert.amazonaws.com' } },
    ]);
  });
});

describe('grants for queues, tables and buses', () => {
  it('lets the workflow send to its queue only', () => {
    expect(resourcesAllowing(statementsOfWorkflow('verifyEmail'), 'sqs:SendMessage')).toEqual([
      getAtt(stack, stack.queues.get('outbox')!, 'Arn'),
    ]);
  });

  it('allows on its table just the item actions its tasks call', () => {
    const statements = statementsOfWorkflow('verifyEmail');
    const table = getAtt(stack, stack.tables.get('users')!, 'Arn');

    expect(actionsOf(statements).filter((a) => a.startsWith('dynamodb:'))).toEqual(['dynamodb:UpdateItem']);
    expect(resourcesAllowing(statements, 'dynamodb:UpdateItem')).toContainEqual(table);
  });

  it('lets the workflow put events on its bus only', () => {
    expect(resourcesAllowing(statementsOfWorkflow('verifyEmail'), 'events:PutEvents')).toEqual([
      getAtt(stack, stack.buses.get('lectern')!, 'Arn'),
    ]);
  });

  it('gives a workflow without such placeholders none of these grants', () => {
    const actions = actionsOf(statementsOfWorkflow('transcode'));

    expect(actions.filter((a) => /^(sqs|dynamodb|s3):|^events:PutEvents$/.test(a))).toEqual([]);
  });
});

describe('MediaConvert', () => {
  it('lets the workflow pass its MediaConvert role, and no other', () => {
    expect(resourcesAllowing(statementsOfWorkflow('transcode'), 'iam:PassRole')).toEqual([
      { 'Fn::GetAtt': [mediaConvertRoleId(), 'Arn'] },
    ]);
  });

  it("lets the workflow create jobs, and watch and cancel them for .sync, in the stack's account", () => {
    const statements = statementsOfWorkflow('transcode');

    expect(resourcesAllowing(statements, 'mediaconvert:CreateJob')).toEqual(
      [
        'mediaconvert:jobs/*',
        'mediaconvert:queues/*',
        'mediaconvert:presets/*',
        'mediaconvert:jobTemplates/*',
      ].map(inAccount),
    );
    expect(resourcesAllowing(statements, 'mediaconvert:GetJob')).toEqual([inAccount('mediaconvert:jobs/*')]);
    expect(resourcesAllowing(statements, 'mediaconvert:CancelJob')).toEqual([
      inAccount('mediaconvert:jobs/*'),
    ]);
  });

  it('lets a .sync workflow manage only the MediaConvert events rule of Step Functions', () => {
    expect(resourcesAllowing(statementsOfWorkflow('transcode'), 'events:PutRule')).toEqual([
      inAccount('events:rule/StepFunctionsGetEventsForMediaConvertJobRule'),
    ]);
  });

  it("lets the MediaConvert role read and write the workflow's buckets, and delete nothing", () => {
    const statements = statementsOf(template, mediaConvertRoleId());
    const objects = (name: string) => ({
      'Fn::Join': ['', [getAtt(stack, stack.buckets.get(name)!, 'Arn'), '/*']],
    });

    expect(resourcesAllowing(statements, 's3:GetObject*')).toEqual(
      expect.arrayContaining([objects('uploads'), objects('media')]),
    );
    expect(resourcesAllowing(statements, 's3:PutObject')).toEqual([objects('uploads'), objects('media')]);
    expect(actionsOf(statements).filter((a) => a.startsWith('s3:Delete'))).toEqual([]);
  });

  it('grants a request-response createJob no GetJob, CancelJob or events rule', () => {
    const transcode = resourcesTopology.workflows.find((w) => w.name === 'transcode')!;
    const submitOnly: WorkflowSpec = JSON.parse(
      JSON.stringify(transcode).replace(':mediaconvert:createJob.sync"', ':mediaconvert:createJob"'),
    );
    const { stack: other, template: otherTemplate } = synth({
      ...resourcesTopology,
      workflows: resourcesTopology.workflows.map((w) => (w.name === 'transcode' ? submitOnly : w)),
    });
    const statements = statementsOf(otherTemplate, logicalId(other, other.workflows.get('transcode')!.role));

    expect(
      actionsOf(statements).filter((a) => a.startsWith('mediaconvert:') || a.startsWith('events:')),
    ).toEqual(['mediaconvert:CreateJob']);
  });
});
