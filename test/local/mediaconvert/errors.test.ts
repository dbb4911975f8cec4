import {
  BadRequestException,
  CancelJobCommand,
  ConflictException,
  CreateJobCommand,
  GetJobCommand,
  ListJobsCommand,
  MediaConvertClient,
  NotFoundException,
} from '@aws-sdk/client-mediaconvert';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { topology } from '../../fixtures/mediaconvert-topology';
import { tempDataDir, useRuntime } from '../../support/local';
import { hlsJobSettings, ROLE } from './job-settings';
import { keys, makeClip, upload } from './media';

/** Every running process's command line (to see that a canceled job's ffmpeg is gone). */
const processes = () => execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n');
const pause = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('MediaConvert errors and cancellation', () => {
  const scratch = tempDataDir();
  const local = useRuntime(topology, { mediaConvert: MediaConvertClient, s3: S3Client });
  const settings = (input = 's3://uploads/long.mp4', destination = 's3://media/errors/') =>
    hlsJobSettings({ input, destination });

  beforeAll(async () => {
    // Long enough (20 s of 720p) that a cancel lands while ffmpeg works.
    await upload(
      local.s3,
      'uploads',
      'long.mp4',
      await makeClip(join(scratch.dir, 'long.mp4'), { width: 1280, height: 720, seconds: 20 }),
    );
  });

  afterAll(() => scratch.remove());

  it('refuses settings the local runner cannot honour with a BadRequestException that says why', async () => {
    const bad = settings();
    bad.OutputGroups![0].OutputGroupSettings = {
      Type: 'DASH_ISO_GROUP_SETTINGS',
      DashIsoGroupSettings: { Destination: 's3://media/d/' },
    };
    const error = await local.mediaConvert
      .send(new CreateJobCommand({ Role: ROLE, Settings: bad }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestException);
    expect((error as Error).message).toContain(
      'settings.outputGroups[0].outputGroupSettings.type: the local runner writes HLS_GROUP_SETTINGS and FILE_GROUP_SETTINGS groups; got "DASH_ISO_GROUP_SETTINGS"',
    );
  });

  it('creates no job for refused settings', async () => {
    const bad = settings();
    bad.Inputs![0].InputClippings = [{ StartTimecode: '00:00:01:00' }];
    await expect(
      local.mediaConvert.send(new CreateJobCommand({ Role: ROLE, Settings: bad })),
    ).rejects.toThrow('input clipping is not available locally');
    const { Jobs } = await local.mediaConvert.send(new ListJobsCommand({}));
    expect(Jobs!.some((j) => j.Settings!.Inputs![0].InputClippings)).toBe(false);
  });

  it('refuses a job without a role', async () => {
    await expect(
      local.mediaConvert.send(new CreateJobCommand({ Role: '', Settings: settings() })),
    ).rejects.toThrow(BadRequestException);
  });

  it('answers NotFoundException for a queue other than Default', async () => {
    await expect(
      local.mediaConvert.send(new CreateJobCommand({ Role: ROLE, Settings: settings(), Queue: 'Reserved' })),
    ).rejects.toThrow(NotFoundException);
  });

  it('answers NotFoundException for a job that does not exist', async () => {
    await expect(local.mediaConvert.send(new GetJobCommand({ Id: '1700000000000-abcdef' }))).rejects.toThrow(
      NotFoundException,
    );
  });

  it('answers BadRequestException for a page size over 20', async () => {
    await expect(local.mediaConvert.send(new ListJobsCommand({ MaxResults: 21 }))).rejects.toThrow(
      BadRequestException,
    );
  });

  it('cancels a running job: its ffmpeg stops and it writes nothing', async () => {
    const { Job } = await local.mediaConvert.send(
      new CreateJobCommand({
        Role: ROLE,
        Settings: settings('s3://uploads/long.mp4', 's3://media/canceled/'),
      }),
    );
    const phase = async () =>
      (await local.mediaConvert.send(new GetJobCommand({ Id: Job!.Id }))).Job!.CurrentPhase;
    while ((await phase()) !== 'TRANSCODING') await new Promise((resolve) => setImmediate(resolve));
    expect(processes().some((args) => args.includes(Job!.Id!))).toBe(true);
    await local.mediaConvert.send(new CancelJobCommand({ Id: Job!.Id }));
    expect((await local.mediaConvert.send(new GetJobCommand({ Id: Job!.Id }))).Job!.Status).toBe('CANCELED');
    while (processes().some((args) => args.includes(Job!.Id!))) await pause();
    expect(await keys(local.s3, 'media', 'canceled/')).toEqual([]);
  });

  it('refuses to cancel a finished job with a ConflictException', async () => {
    const { Job } = await local.mediaConvert.send(new CreateJobCommand({ Role: ROLE, Settings: settings() }));
    await local.mediaConvert.send(new CancelJobCommand({ Id: Job!.Id }));
    await expect(local.mediaConvert.send(new CancelJobCommand({ Id: Job!.Id }))).rejects.toThrow(
      ConflictException,
    );
  });

  it('ends a job whose input does not exist in ERROR 1010, naming the input', async () => {
    const { Job } = await local.mediaConvert.send(
      new CreateJobCommand({ Role: ROLE, Settings: settings('s3://uploads/missing.mp4') }),
    );
    await local.runtime.mediaConvert.whenFinished(Job!.Id!);
    const { Job: failed } = await local.mediaConvert.send(new GetJobCommand({ Id: Job!.Id }));
    expect(failed).toMatchObject({ Status: 'ERROR', ErrorCode: 1010 });
    expect(failed!.ErrorMessage).toContain('Unable to open input file [s3://uploads/missing.mp4]');
  });

  it('ends a job whose input is not media in ERROR 1010', async () => {
    await local.s3.send(new PutObjectCommand({ Bucket: 'uploads', Key: 'notes.mp4', Body: 'just text' }));
    const { Job } = await local.mediaConvert.send(
      new CreateJobCommand({ Role: ROLE, Settings: settings('s3://uploads/notes.mp4') }),
    );
    await local.runtime.mediaConvert.whenFinished(Job!.Id!);
    expect((await local.mediaConvert.send(new GetJobCommand({ Id: Job!.Id }))).Job!.ErrorCode).toBe(1010);
  });
});
