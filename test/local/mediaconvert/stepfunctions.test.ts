import { StopExecutionCommand } from '@aws-sdk/client-sfn';
import { S3Client } from '@aws-sdk/client-s3';
import { join } from 'node:path';
import type { Definition, Json } from '../../../workflows/asl';
import { topology } from '../../fixtures/mediaconvert-topology';
import { tempDataDir, useRuntime, waitForEvent } from '../../support/local';
import { createMachine, run, startExecution } from '../../support/run';
import { hlsJobSettings, ROLE } from './job-settings';
import { keys, makeClip, upload } from './media';

const SYNC = 'arn:aws:states:::mediaconvert:createJob.sync';

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
  const local = useRuntime(topology, { s3: S3Client });

  beforeAll(async () => {
    await upload(local.s3, 'uploads', 'intro.mp4', await makeClip(join(scratch.dir, 'intro.mp4')));
  });

  afterAll(() => scratch.remove());

  /** Runs the one-task workflow to its end for video `videoId`. */
  const transcode = (input: string, destination: string, videoId: string, resource = SYNC) =>
    run(local.runtime, local.sfn, transcodeTask(resource, input, destination), { videoId });

  it('createJob.sync waits for the job and returns it, COMPLETE, in PascalCase', async () => {
    const done = await transcode('s3://uploads/intro.mp4', 's3://media/sync/', 'v-1');
    expect(done.status).toBe('SUCCEEDED');
    expect(done.result.Job).toMatchObject({
      Status: 'COMPLETE',
      UserMetadata: { videoId: 'v-1' },
      OutputGroupDetails: [
        { OutputDetails: [{ VideoDetails: { WidthInPx: 640 } }, { VideoDetails: { WidthInPx: 320 } }] },
      ],
    });
    expect(await keys(local.s3, 'media', 'sync/intro.m3u8')).toEqual(['sync/intro.m3u8']);
  });

  it('records the submitted job as TaskSubmitted', async () => {
    const done = await transcode('s3://uploads/intro.mp4', 's3://media/submitted/', 'v-2');
    const submitted = done.events.find((e) => e.type === 'TaskSubmitted')!.taskSubmittedEventDetails!;
    expect(submitted).toMatchObject({ resourceType: 'mediaconvert', resource: 'createJob.sync' });
    expect(JSON.parse(submitted.output!).Job).toMatchObject({ Status: 'SUBMITTED', Id: done.result.Job.Id });
  });

  it('fails createJob.sync with MediaConvert.JobFailed when the job ends in ERROR, the error in the cause', async () => {
    const done = await transcode('s3://uploads/gone.mp4', 's3://media/gone/', 'v-3');
    expect(done).toMatchObject({ status: 'FAILED', error: 'MediaConvert.JobFailed' });
    expect(JSON.parse(done.cause!).Job).toMatchObject({
      Status: 'ERROR',
      ErrorCode: 1010,
      ErrorMessage: expect.stringContaining('s3://uploads/gone.mp4'),
    });
  });

  it('cancels the job createJob.sync waits for when the execution is stopped', async () => {
    const machine = await createMachine(
      local.sfn,
      transcodeTask(SYNC, 's3://uploads/intro.mp4', 's3://media/stopped/'),
    );
    const execution = await startExecution(local.sfn, machine, { videoId: 'v-6' });
    const submitted = await waitForEvent(local.sfn, execution, 'TaskSubmitted');
    const jobId = JSON.parse(submitted.taskSubmittedEventDetails!.output!).Job.Id as string;
    await local.sfn.send(new StopExecutionCommand({ executionArn: execution }));
    expect(await local.runtime.mediaConvert.whenFinished(jobId)).toMatchObject({ status: 'CANCELED' });
  });

  it('createJob (request-response) returns the SUBMITTED job at once', async () => {
    const done = await transcode(
      's3://uploads/intro.mp4',
      's3://media/fire/',
      'v-4',
      'arn:aws:states:::mediaconvert:createJob',
    );
    expect(done.result.Job).toMatchObject({ Status: 'SUBMITTED', Role: ROLE });
    await local.runtime.mediaConvert.whenFinished(done.result.Job.Id);
  });

  it('fails with MediaConvert.BadRequestException when CreateJob refuses the settings', async () => {
    const definition = transcodeTask(SYNC, 's3://uploads/intro.mp4', 's3://media/x/');
    const task = definition.States.Transcode as unknown as {
      Parameters: { Settings: { OutputGroups: Array<Record<string, unknown>> } };
    };
    task.Parameters.Settings.OutputGroups[0].AutomatedEncodingSettings = {
      AbrSettings: { MaxRenditions: 4 },
    };
    const done = await run(local.runtime, local.sfn, definition, { videoId: 'v-5' });
    expect(done).toMatchObject({ status: 'FAILED', error: 'MediaConvert.BadRequestException' });
    expect(done.cause).toContain('automated ABR is not available locally');
  });
});
