import type { IncomingMessage } from 'node:http';
import type { JsonRpcService } from '../http/json-rpc';
import { LOCAL_ACCOUNT } from '../lambda/functions';
import { invalidParameter, queryErrorHeaders, queueDoesNotExist, sqsError } from './errors';
import { messageOperations } from './message-operations';
import { describeTask, encodeHandle, type MoveTasks } from './move-tasks';
import type { Queue } from './queue';
import { COMPUTED_ATTRIBUTES, isKnownAttribute } from './queue-attributes';
import type { LocalSqs } from './sqs';
import {
  optionalInteger,
  optionalString,
  requiredString,
  stringList,
  stringMap,
  type Input,
} from './validation';

const PURGE_INTERVAL_MS = 60_000;

/** The SQS API (awsJson1_0, query-compatible, `AmazonSQS.*`) over the local queues. */
export function sqsService(sqs: LocalSqs, tasks: MoveTasks): JsonRpcService {
  const queueOf = (input: Input) => sqs.require(requiredString(input, 'QueueUrl'));
  const hostOf = (request: IncomingMessage) => request.headers.host;

  const attributesOf = (queue: Queue, names: string[]): Record<string, string> => {
    for (const name of names) {
      if (name !== 'All' && !isKnownAttribute(name))
        throw sqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
    }
    const counts = queue.counts();
    const all: Record<string, string> = {
      QueueArn: sqs.arn(queue.name),
      ApproximateNumberOfMessages: String(counts.visible),
      ApproximateNumberOfMessagesNotVisible: String(counts.inflight),
      ApproximateNumberOfMessagesDelayed: String(counts.delayed),
      CreatedTimestamp: String(Math.floor(queue.record.createdAt / 1000)),
      LastModifiedTimestamp: String(Math.floor(queue.record.lastModifiedAt / 1000)),
      ...queue.record.attributes,
    };
    const wanted = names.includes('All') ? Object.keys(all) : names;
    return Object.fromEntries(wanted.filter((n) => n in all).map((n) => [n, all[n]]));
  };

  /** Pages of queue URLs: `MaxResults` 1–1000, and a token when more follow. */
  const page = (queues: Queue[], input: Input, request: IncomingMessage, member: string) => {
    const max = optionalInteger(
      input,
      'MaxResults',
      1,
      1000,
      'MaxResults must be an integer between 1 and 1000.',
    );
    const token = optionalString(input, 'NextToken');
    let start = 0;
    if (token !== undefined) {
      const after = Buffer.from(token, 'base64').toString('utf8');
      if (!after) throw invalidParameter('Invalid NextToken value.');
      start = queues.findIndex((q) => q.name > after);
      if (start < 0) start = queues.length;
    }
    const slice = queues.slice(start, start + (max ?? 1000));
    const more = max !== undefined && start + slice.length < queues.length;
    const urls = slice.map((q) => sqs.url(q.name, hostOf(request)));
    const next = more ? { NextToken: Buffer.from(slice[slice.length - 1].name).toString('base64') } : {};
    return { urls, answer: { [member]: urls, ...next } };
  };

  return {
    prefix: 'AmazonSQS',
    contentType: 'application/x-amz-json-1.0',
    namespace: 'com.amazonaws.sqs',
    errorHeaders: queryErrorHeaders,
    operations: {
      CreateQueue(input, request) {
        const name = requiredString(input, 'QueueName');
        const queue = sqs.createQueue(name, input.Attributes, stringMap(input, 'tags'));
        return { QueueUrl: sqs.url(queue.name, hostOf(request)) };
      },

      GetQueueUrl(input, request) {
        const name = requiredString(input, 'QueueName');
        const owner = optionalString(input, 'QueueOwnerAWSAccountId');
        const queue = sqs.find(name);
        if (!queue || (owner !== undefined && owner !== LOCAL_ACCOUNT)) throw queueDoesNotExist();
        return { QueueUrl: sqs.url(queue.name, hostOf(request)) };
      },

      ListQueues(input, request) {
        const prefix = optionalString(input, 'QueueNamePrefix') ?? '';
        const { urls, answer } = page(
          sqs.list().filter((q) => q.name.startsWith(prefix)),
          input,
          request,
          'QueueUrls',
        );
        return urls.length ? answer : {};
      },

      DeleteQueue(input) {
        sqs.deleteQueue(queueOf(input));
        return {};
      },

      GetQueueAttributes(input) {
        const attributes = attributesOf(queueOf(input), stringList(input, 'AttributeNames'));
        return Object.keys(attributes).length ? { Attributes: attributes } : {};
      },

      SetQueueAttributes(input) {
        const queue = queueOf(input);
        const attributes = input.Attributes;
        if (attributes === undefined || attributes === null) {
          throw sqsError('MissingParameter', 'The request must contain the parameter Attributes.');
        }
        for (const name of Object.keys(attributes as object)) {
          if (COMPUTED_ATTRIBUTES.includes(name))
            throw sqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
        }
        sqs.setAttributes(queue, attributes);
        return {};
      },

      PurgeQueue(input) {
        const queue = queueOf(input);
        const now = sqs.clock.now();
        if (queue.record.purgedAt !== undefined && now - queue.record.purgedAt < PURGE_INTERVAL_MS) {
          throw sqsError(
            'PurgeQueueInProgress',
            `Only one PurgeQueue operation on ${queue.name} is allowed every 60 seconds.`,
          );
        }
        queue.purge();
        queue.record = { ...queue.record, purgedAt: now };
        sqs.store.putQueue(queue.record);
        return {};
      },

      ListDeadLetterSourceQueues(input, request) {
        return page(sqs.deadLetterSources(queueOf(input)), input, request, 'queueUrls').answer;
      },

      TagQueue(input) {
        const queue = queueOf(input);
        const tags = stringMap(input, 'Tags');
        sqs.putTags(queue, { ...queue.record.tags, ...tags });
        return {};
      },

      UntagQueue(input) {
        const queue = queueOf(input);
        const keys = new Set(stringList(input, 'TagKeys'));
        sqs.putTags(
          queue,
          Object.fromEntries(Object.entries(queue.record.tags).filter(([k]) => !keys.has(k))),
        );
        return {};
      },

      ListQueueTags(input) {
        const tags = queueOf(input).record.tags;
        return Object.keys(tags).length ? { Tags: tags } : {};
      },

      StartMessageMoveTask(input) {
        const rate = optionalInteger(
          input,
          'MaxNumberOfMessagesPerSecond',
          1,
          500,
          'Value must be between 1 and 500.',
        );
        const task = tasks.start(
          requiredString(input, 'SourceArn'),
          optionalString(input, 'DestinationArn'),
          rate,
        );
        return { TaskHandle: encodeHandle(task) };
      },

      ListMessageMoveTasks(input) {
        const max = optionalInteger(input, 'MaxResults', 1, 10, 'Value must be between 1 and 10.') ?? 1;
        return { Results: tasks.list(requiredString(input, 'SourceArn'), max).map(describeTask) };
      },

      CancelMessageMoveTask(input) {
        const task = tasks.cancel(requiredString(input, 'TaskHandle'));
        return { ApproximateNumberOfMessagesMoved: task.moved };
      },

      ...messageOperations(sqs),
    },
  };
}
