import { AwsError } from '../http/aws-error';
import type { Operation } from '../http/json-rpc';
import { parsePath } from '../stepfunctions/asl/jsonpath-parse';
import { ruleKey } from './api-rules';
import type { LocalEventBridge } from './local-eventbridge';
import type { TargetRecord } from './records';
import { isArn, targetKind } from './targets';
import { parsesAsJson, PLACEHOLDER, PREDEFINED } from './transform';
import { camel, Checks, NAME_PATTERN, pageOf, type Input } from './validation';

/** PutTargets, ListTargetsByRule, RemoveTargets (SQS, Lambda and Step Functions targets). */
export function targetOperations(events: LocalEventBridge): Record<string, Operation> {
  const { model } = events;
  return {
    PutTargets(input) {
      const checks = new Checks();
      const items = checks.list(input, 'Targets', { required: true, min: 1, max: 10 }) ?? [];
      const targets = items.map((item, i) => readTarget(item as Input, i, checks));
      const { bus, name } = ruleKey(input, checks, 'Rule');
      model.rule(bus, name);
      for (const target of targets) checkTarget(target);
      const failed = targets
        .filter((t) => !targetKind(t.Arn))
        .map((t) => ({
          TargetId: t.Id,
          ErrorCode: 'ValidationException',
          ErrorMessage: `Target ${t.Arn} is not supported by the local EventBridge (SQS queues, Lambda functions and Step Functions state machines are).`,
        }));
      model.putTargets(
        bus,
        name,
        targets.filter((t) => targetKind(t.Arn)),
      );
      return { FailedEntryCount: failed.length, FailedEntries: failed };
    },

    ListTargetsByRule(input) {
      const checks = new Checks();
      const { bus, name } = ruleKey(input, checks, 'Rule');
      const { page, NextToken } = pageOf(model.rule(bus, name).targets, input, checks);
      return { Targets: page, ...(NextToken ? { NextToken } : {}) };
    },

    RemoveTargets(input) {
      const checks = new Checks();
      const ids = checks.list(input, 'Ids', { required: true, min: 1, max: 100 }) ?? [];
      ids.forEach((id, i) =>
        checks.string(
          { id },
          'id',
          { required: true, min: 1, max: 64, pattern: NAME_PATTERN },
          `ids.${i + 1}.member`,
        ),
      );
      const { bus, name } = ruleKey(input, checks, 'Rule');
      model.removeTargets(bus, name, ids as string[]);
      return { FailedEntryCount: 0, FailedEntries: [] };
    },
  };
}

/** A target's members with their constraints, as AWS names them (`targets.1.member.id`). */
function readTarget(item: Input, index: number, checks: Checks): TargetRecord {
  const at = `targets.${index + 1}.member`;
  const string = (source: Input, member: string, rule: Parameters<Checks['string']>[2], path: string) =>
    checks.string(source, member, rule, `${path}.${camel(member)}`);
  const target: TargetRecord = {
    Id: string(item, 'Id', { required: true, min: 1, max: 64, pattern: NAME_PATTERN }, at)!,
    Arn: string(item, 'Arn', { required: true, min: 1, max: 1600 }, at)!,
  };
  const roleArn = string(item, 'RoleArn', { min: 1, max: 1600 }, at);
  const inputText = string(item, 'Input', { max: 8192 }, at);
  const inputPath = string(item, 'InputPath', { max: 256 }, at);
  if (roleArn !== undefined) target.RoleArn = roleArn;
  if (inputText !== undefined) target.Input = inputText;
  if (inputPath !== undefined) target.InputPath = inputPath;

  const transformer = checks.object(item, 'InputTransformer');
  if (transformer) {
    const template = string(
      transformer,
      'InputTemplate',
      { required: true, min: 1, max: 8192 },
      `${at}.inputTransformer`,
    );
    const paths = checks.object(transformer, 'InputPathsMap');
    const map: Record<string, string> = {};
    for (const [key, value] of Object.entries(paths ?? {})) {
      string(
        { key },
        'key',
        { min: 1, max: 256, pattern: '[A-Za-z0-9\\_\\-]+' },
        `${at}.inputTransformer.inputPathsMap`,
      );
      map[key] = string(
        { value },
        'value',
        { required: true, max: 256 },
        `${at}.inputTransformer.inputPathsMap`,
      )!;
    }
    if (Object.keys(map).length > 100) {
      checks.push(
        `Value '{…}' at '${at}.inputTransformer.inputPathsMap' failed to satisfy constraint: Member must have length less than or equal to 100`,
      );
    }
    target.InputTransformer = { ...(paths ? { InputPathsMap: map } : {}), InputTemplate: template ?? '' };
  }

  const retry = checks.object(item, 'RetryPolicy');
  if (retry) {
    const attempts = checks.integer(
      retry,
      'MaximumRetryAttempts',
      { min: 0, max: 185 },
      `${at}.retryPolicy.maximumRetryAttempts`,
    );
    const age = checks.integer(
      retry,
      'MaximumEventAgeInSeconds',
      { min: 60, max: 86400 },
      `${at}.retryPolicy.maximumEventAgeInSeconds`,
    );
    target.RetryPolicy = {
      ...(attempts !== undefined ? { MaximumRetryAttempts: attempts } : {}),
      ...(age !== undefined ? { MaximumEventAgeInSeconds: age } : {}),
    };
  }
  const deadLetter = checks.object(item, 'DeadLetterConfig');
  if (deadLetter) {
    const arn = string(deadLetter, 'Arn', { min: 1, max: 1600 }, `${at}.deadLetterConfig`);
    target.DeadLetterConfig = arn === undefined ? {} : { Arn: arn };
  }
  return target;
}

/** The checks AWS makes of a target beyond member constraints, with its wording where known. */
function checkTarget(target: TargetRecord): void {
  const invalid = (message: string) => new AwsError('ValidationException', message);
  if (!isArn(target.Arn)) {
    throw invalid(`Parameter ${target.Arn} is not valid. Reason: Provided Arn is not in correct format.`);
  }
  const inputs = [target.Input, target.InputPath, target.InputTransformer].filter((x) => x !== undefined);
  if (inputs.length > 1) {
    throw invalid(
      `Only one of Input, InputPath, or InputTransformer must be provided for target ${target.Id}.`,
    );
  }
  if (target.Input !== undefined && !parsesAsJson(target.Input)) {
    throw invalid(
      `Parameter Input is not valid. Reason: Input for target ${target.Id} is not a valid JSON text.`,
    );
  }
  if (target.InputPath !== undefined && !isPath(target.InputPath)) {
    throw invalid(`Parameter InputPath is not valid. Reason: ${target.InputPath} is not a valid JSON path.`);
  }
  if (target.InputTransformer) {
    for (const path of Object.values(target.InputTransformer.InputPathsMap ?? {})) {
      if (!isPath(path)) {
        throw invalid(`Parameter InputPathsMap is not valid. Reason: ${path} is not a valid JSON path.`);
      }
    }
    const defined = new Set([...Object.keys(target.InputTransformer.InputPathsMap ?? {}), ...PREDEFINED]);
    for (const [, name] of target.InputTransformer.InputTemplate.matchAll(PLACEHOLDER)) {
      if (!defined.has(name)) {
        throw invalid(`InputTemplate for target ${target.Id} contains invalid placeholder ${name}.`);
      }
    }
  }
  const deadLetter = target.DeadLetterConfig?.Arn;
  if (deadLetter !== undefined && targetKind(deadLetter) !== 'sqs') {
    throw invalid(
      `Parameter DeadLetterConfig.Arn is not valid. Reason: ${deadLetter} is not an Amazon SQS queue ARN.`,
    );
  }
}

function isPath(path: string): boolean {
  try {
    return parsePath(path).root.kind === 'input';
  } catch {
    return false;
  }
}
