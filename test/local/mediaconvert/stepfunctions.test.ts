import { StopExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { S3Client } from '@aws-sdk/client-s3';
import { join } from 'node:path';
import type { Definition, Json } from '../../../workflows/asl';
import type { LocalRuntime } from '../../../infra/local/runtime';
import { topology } from '../../fixtures/mediaconvert-topology';
import { startTestRuntime, tempDataDir, waitForEvent } from '../../support/local';
import { createMachine, run, startExecution } from '../../support/run';
import { ROLE, s3Client } from './clients';
import { hlsJobSettings } from './job-settings';
import { keys, makeClip, upload } from './media';

/** One Task state calling MediaConvert with CreateJob's members as Parameters (PascalCase). */
const transcodeTask = (resource: string, input: string, destination: string): Definition => ({
  StartAt: 'Transcode',
  States: {
    Transcode: {
      Type: 'Task',
      Resource: resource,
      Parameters: {
        Role: ROLE,
        Settings: hlsJobSettings({ input, destination }) as unknown as Json,
        UserMetadata: { 'videoId.$': '$.videoId' } as unknown as Json,
      },
      End: true,
    },
  },
});

describe('MediaConvert from Step Functions', () => {
  const scratch = tempDataDir();
  let runtime: LocalRuntime;
  let sfn: SFNClient;
  let s3: S3Client;

  beforeAll(async () => {
    ({ runtime, sfn } = await startTestRuntime(topology));
    s3 = s3Client(runtime.endpoint);
    await upload(s3, 'uploads', 'intro.mp4', await makeClip(join(scratch.dir, 'intro.mp4')));
  });

  afterAll(async () => {
    sfn.destroy();
    s3.destroy();
    await runtime.close();
    scratch.remove();
  });

  it('createJob.sync waits for the job and returns it, COMPLETE, in PascalCase', async () => {
    const done = await run(
      runtime,
      sfn,
      transcodeTask(
        'arn:aws:states:::mediaconvert:createJob.sync',
        's3://uploads/intro.mp4',
        's3://media/sync/',
      ),
      { videoId: 'v-1' },
    );
    expect(done.status).toBe('SUCCEEDED');
    expect(done.result.Job).toMatchObject({
      Status: 'COMPLETE',
      UserMetadata: { videoId: 'v-1' },
      OutputGroupDetails: [
        { OutputDetails: [{ VideoDetails: { WidthInPx: 640 } }, { VideoDetails: { WidthInPx: 320 } }] },
      ],
    });
    expect(await keys(s3, 'media', 'sync/intro.m3u8')).toEqual(['sync/intro.m3u8']);
  });

  it('records the submitted job as TaskSubmitted', async () => {
    const done = await run(
      runtime,
      sfn,
      transcodeTask(
        'arn:aws:states:::mediaconvert:createJob.sync',
        's3://uploads/intro.mp4',
        's3://media/submitted/',
      ),
      { videoId: 'v-2' },
    );
    const submitted = done.events.find((e) => e.type === 'TaskSubmitted')!.taskSubmittedEventDetails!;
    expect(submitted).toMatchObject({ resourceType: 'mediaconvert', resource: 'createJob.sync' });
    expect(JSON.parse(submitted.output!).Job).toMatchObject({ Status: 'SUBMITTED', Id: done.result.Job.Id });
  });

  it('fails createJob.sync with MediaConvert.JobFailed when the job ends in ERROR, the error in the cause', async () => {
    const done = await run(
      runtime,
      sfn,
      transcodeTask(
        'arn:aws:states:::mediaconvert:createJob.sync',
        's3://uploads/gone.mp4',
        's3://media/gone/',
      ),
      { videoId: 'v-3' },
    );
    expect(done).toMatchObject({ status: 'FAILED', error: 'MediaConvert.JobFailed' });
    expect(JSON.parse(done.cause!).Job).toMatchObject({
      Status: 'ERROR',
      ErrorCode: 1010,
      ErrorMessage: expect.stringContaining('s3://uploads/gone.mp4'),
    });
  });

  it('cancels the job createJob.sync waits for when the execution is stopped', async () => {
    const machine = await createMachine(
      sfn,
      transcodeTask(
        'arn:aws:states:::mediaconvert:createJob.sync',
        's3://uploads/intro.mp4',
        's3://media/stopped/',
      ),
    );
    const execution = await startExecution(sfn, machine, { videoId: 'v-6' });
    const submitted = await waitForEvent(sfn, execution, 'TaskSubmitted');
    const jobId = JSON.parse(submitted.taskSubmittedEventDetails!.output!).Job.Id as string;
    await sfn.send(new StopExecutionCommand({ executionArn: execution }));
    expect(await runtime.mediaConvert.whenFinished(jobId)).toMatchObject({ status: 'CANCELED' });
  });

  it('createJob (request-response) returns the SUBMITTED job at once', async () => {
    const done = await run(
      runtime,
      sfn,
      transcodeTask('arn:aws:states:::mediaconvert:createJob', 's3://uploads/intro.mp4', 's3://media/fire/'),
      { videoId: 'v-4' },
    );
    expect(done.result.Job).toMatchObject({ Status: 'SUBMITTED', Role: ROLE });
    await runtime.mediaConvert.whenFinished(done.result.Job.Id);
  });

  it('fails with MediaConvert.BadRequestException when CreateJob refuses the settings', async () => {
    const definition = transcodeTask(
      'arn:aws:states:::mediaconvert:createJob.sync',
      's3://uploads/intro.mp4',
      's3://media/x/',
    );
    const task = definition.States.Transcode as unknown as {
      Parameters: { Settings: { OutputGroups: Array<Record<string, unknown>> } };
    };
    task.Parameters.Settings.OutputGroups[0].AutomatedEncodingSettings = {
      AbrSettings: { MaxRenditions: 4 },
    };
    const done = await run(runtime, sfn, definition, { videoId: 'v-5' });
    expect(done).toMatchObject({ status: 'FAILED', error: 'MediaConvert.BadRequestException' });
    expect(done.cause).toContain('automated ABR is not available locally');
  });
});
