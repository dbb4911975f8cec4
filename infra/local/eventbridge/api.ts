import type { JsonRpcService } from '../http/json-rpc';
import { archiveOperations } from './api-archives';
import { busOperations } from './api-buses';
import { eventOperations } from './api-events';
import { ruleOperations } from './api-rules';
import { targetOperations } from './api-targets';
import type { LocalEventBridge } from './local-eventbridge';

/** The EventBridge API (awsJson1_1, `AWSEvents.*`) over the local EventBridge. */
export function eventBridgeService(events: LocalEventBridge): JsonRpcService {
  return {
    prefix: 'AWSEvents',
    contentType: 'application/x-amz-json-1.1',
    namespace: 'com.amazonaws.eventbridge',
    operations: {
      ...busOperations(events),
      ...ruleOperations(events),
      ...targetOperations(events),
      ...eventOperations(events),
      ...archiveOperations(events),
    },
  };
}
