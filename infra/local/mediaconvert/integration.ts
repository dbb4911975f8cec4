import type { Json, JsonObject } from '../../../workflows/asl';
import { AwsError } from '../http/aws-error';
import { isJsonObject } from '../stepfunctions/asl/json';
import { StatesError } from '../stepfunctions/asl/states-error';
import type { Integration, TaskRequest } from '../stepfunctions/integrations/integration';
import { fromWire, toWire } from './casing';
import type { MediaConvert } from './jobs';
import { describeJob, type JobRecord } from './records';

/**
 * `arn:aws:states:::mediaconvert:createJob` and `createJob.sync`. Parameters are the CreateJob
 * members in PascalCase (`Role`, `Settings.OutputGroups`, …); the result is `{ Job: {…} }` in
 * PascalCase, timestamps in epoch seconds as the API gives them.
 *
 * `.sync` waits on the job itself (no polling) and, after a restart, waits again on the same job.
 * A job that ends in ERROR fails the task with `MediaConvert.JobFailed`, one CANCELED with
 * `MediaConvert.JobCanceled`; the Cause is the final `{ Job: {…} }` as JSON text, so it carries
 * `ErrorCode` and `ErrorMessage` (AWS's exact name for this failure is not documented; these
 * follow the `<Service>.<Error>` convention of the other integrations). A refused CreateJob
 * fails with `MediaConvert.<exception>`, e.g. `MediaConvert.BadRequestException`.
 */
export function mediaConvertIntegration(mediaConvert: MediaConvert): Integration {
  const result = (job: JobRecord): JsonObject => ({
    Job: fromWire(describeJob(job, mediaConvert.progress(job.id))),
  });
  return {
    async start({ parameters, idempotencyToken }: TaskRequest): Promise<Json> {
      try {
        // The task attempt's token unless the definition gives one: a task run again after a
        // crash gets the job it created, not a second one.
        const body = toWire(parameters ?? {});
        const request = isJsonObject(body) ? { clientRequestToken: idempotencyToken, ...body } : body;
        return result(mediaConvert.create(request));
      } catch (error) {
        if (!(error instanceof AwsError)) throw error;
        throw new StatesError(
          `MediaConvert.${error.code}`,
          `${error.message} (Service: AWSMediaConvert; Status Code: ${error.status}; Error Code: ${error.code}; Proxy: null)`,
        );
      }
    },

    async cancel(_request: TaskRequest, submitted: Json): Promise<void> {
      // A job that finished meanwhile is a ConflictException, which the engine ignores.
      mediaConvert.cancel(jobId(submitted));
    },

    async complete(_request: TaskRequest, submitted: Json): Promise<Json> {
      const id = jobId(submitted);
      const job = await mediaConvert.whenFinished(id);
      if (job.status === 'COMPLETE') return result(job);
      throw new StatesError(
        job.status === 'CANCELED' ? 'MediaConvert.JobCanceled' : 'MediaConvert.JobFailed',
        JSON.stringify(result(job)),
      );
    },
  };
}

function jobId(submitted: Json): string {
  return ((submitted as JsonObject).Job as JsonObject).Id as string;
}
