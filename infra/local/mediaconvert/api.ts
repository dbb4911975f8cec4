import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError } from '../http/aws-error';
import { readBody, type RestService } from '../http/server';
import type { MediaConvert } from './jobs';
import { DEFAULT_QUEUE_ARN, describeJob, type JobRecord, type JobStatus } from './records';

const PREFIX = '/2017-08-29/';
const MAX_BODY = 8 * 1024 * 1024;
const STATUSES: JobStatus[] = ['SUBMITTED', 'PROGRESSING', 'COMPLETE', 'CANCELED', 'ERROR'];

type Reply = { status: number; body: unknown };

/**
 * The MediaConvert API (restJson1 under `/2017-08-29/`, lowerCamelCase JSON, aws-wire.md §6):
 * CreateJob, GetJob, ListJobs, CancelJob and DescribeEndpoints (which answers the local URL).
 * Errors carry `x-amzn-errortype`, the name the SDK maps to its exception classes.
 */
export function mediaConvertService(mediaConvert: MediaConvert, endpointUrl: string): RestService {
  const describe = (job: JobRecord) => describeJob(job, mediaConvert.progress(job.id));

  const route = async (request: IncomingMessage): Promise<Reply> => {
    const url = new URL(request.url ?? '/', 'http://local');
    const path = url.pathname.slice(PREFIX.length);
    const method = request.method ?? 'GET';
    const jobId = /^jobs\/([^/]+)$/.exec(path)?.[1];

    if (path === 'jobs' && method === 'POST') {
      const job = mediaConvert.create(await jsonBody(request));
      return { status: 201, body: { job: describe(job) } };
    }
    if (path === 'jobs' && method === 'GET')
      return { status: 200, body: listJobs(mediaConvert, url.searchParams, describe) };
    if (jobId && method === 'GET') {
      const job = mediaConvert.job(decodeURIComponent(jobId));
      if (!job)
        throw new AwsError('NotFoundException', `The job ${decodeURIComponent(jobId)} does not exist`, 404);
      return { status: 200, body: { job: describe(job) } };
    }
    if (jobId && method === 'DELETE') {
      mediaConvert.cancel(decodeURIComponent(jobId));
      return { status: 202, body: {} };
    }
    if (path === 'endpoints' && method === 'POST')
      return { status: 200, body: { endpoints: [{ url: endpointUrl }] } };
    throw new AwsError(
      'BadRequestException',
      `The local MediaConvert does not implement ${method} ${PREFIX}${path} (it has CreateJob, GetJob, ListJobs, CancelJob, DescribeEndpoints)`,
    );
  };

  return {
    name: 'mediaconvert',
    matches: (request) => (request.url ?? '').startsWith(PREFIX),
    async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
      let reply: Reply;
      let errorType: string | undefined;
      try {
        reply = await route(request);
      } catch (error) {
        if (!(error instanceof AwsError)) throw error;
        errorType = error.code;
        reply = { status: error.status, body: { message: error.message } };
      }
      const text = JSON.stringify(reply.body);
      response.writeHead(reply.status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
        'x-amzn-requestid': randomUUID(),
        ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
      });
      response.end(text);
    },
  };
}

async function jsonBody(request: IncomingMessage): Promise<unknown> {
  const body = await readBody(request, MAX_BODY);
  if (!body) throw new AwsError('BadRequestException', 'The request body is larger than 8 MiB');
  try {
    return JSON.parse(body.toString('utf8') || '{}');
  } catch {
    throw new AwsError('BadRequestException', 'The request body is not valid JSON');
  }
}

function listJobs(
  mediaConvert: MediaConvert,
  query: URLSearchParams,
  describe: (job: JobRecord) => unknown,
): { jobs: unknown[]; nextToken?: string } {
  const maxResults = query.has('maxResults') ? Number(query.get('maxResults')) : 20;
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 20) {
    throw new AwsError('BadRequestException', 'maxResults must be an integer from 1 to 20');
  }
  const order = query.get('order') ?? 'DESCENDING';
  if (order !== 'ASCENDING' && order !== 'DESCENDING') {
    throw new AwsError('BadRequestException', `order must be ASCENDING or DESCENDING; got '${order}'`);
  }
  const status = query.get('status') ?? undefined;
  if (status !== undefined && !STATUSES.includes(status as JobStatus)) {
    throw new AwsError(
      'BadRequestException',
      `status must be one of ${STATUSES.join(', ')}; got '${status}'`,
    );
  }
  const queue = query.get('queue');
  if (queue !== null && queue !== 'Default' && queue !== DEFAULT_QUEUE_ARN) {
    throw new AwsError(
      'NotFoundException',
      `Queue '${queue}' does not exist: the local MediaConvert has the Default queue`,
      404,
    );
  }
  const after = decodeToken(query.get('nextToken'));
  const jobs = mediaConvert.list(
    status as JobStatus | undefined,
    order === 'ASCENDING',
    after,
    maxResults + 1,
  );
  const shown = jobs.slice(0, maxResults);
  return {
    jobs: shown.map(describe),
    ...(jobs.length > maxResults
      ? { nextToken: Buffer.from(JSON.stringify({ seq: shown[shown.length - 1].seq })).toString('base64url') }
      : {}),
  };
}

function decodeToken(token: string | null): number | undefined {
  if (token === null || token === '') return undefined;
  try {
    const { seq } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { seq: unknown };
    if (typeof seq === 'number') return seq;
  } catch {
    // fall through
  }
  throw new AwsError('BadRequestException', `Invalid nextToken: '${token}'`);
}
