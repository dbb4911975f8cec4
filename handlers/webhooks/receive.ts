/**
 * The HTTP side every webhook route shares: read the provider's notification, ingest it, answer
 * 200 in milliseconds; a refusal is a clear 4xx, a failure to keep or emit it a 500 (the
 * provider retries). Logs say what happened to which notification, never its body.
 */
import { LECTERN_BUS } from '../../events/catalogue';
import type { Provider } from '../../events/payments';
import { documents, eventBridge } from '../shared/clients';
import { header, httpErrors, json, type HttpRequest, type HttpResponse } from '../shared/http';
import { handlerOf, logger } from '../shared/lambda';
import { publisher } from '../shared/publish';
import { resourceName } from '../shared/resources';
import { ingest, type IngestDeps } from './ingest';
import type { Notification } from './notification';
import { dynamoWebhookStore } from './store';
import { WEBHOOKS_TABLE } from './table';

const deps: IngestDeps = {
  store: dynamoWebhookStore(documents, resourceName('table', WEBHOOKS_TABLE)),
  publish: publisher(eventBridge),
  busName: resourceName('bus', LECTERN_BUS),
};

/** The handler of one provider's webhook route, reading its notifications with `read`. */
export function webhookHandler(
  provider: Provider,
  read: (request: HttpRequest) => Notification | Promise<Notification>,
) {
  return handlerOf(async (request: HttpRequest): Promise<HttpResponse> => {
    const notification = await read(request);
    if (notification.event === 'ignored') {
      logger.info({ message: 'webhook ignored', provider, reason: notification.reason });
      return json(200, { received: true, ignored: notification.reason });
    }
    const outcome = await ingest(
      {
        provider,
        notification,
        receivedAt: request.requestContext.timeEpoch,
        contentType: header(request, 'content-type'),
      },
      deps,
    );
    logger.info({
      message: `webhook ${outcome}`,
      provider,
      webhookId: notification.webhookId,
      event: notification.event,
    });
    return json(200, outcome === 'duplicate' ? { received: true, duplicate: true } : { received: true });
  }, httpErrors());
}
