/** Step `verifyWithProvider`: PayPal's postback and Gumroad's sale lookup over HTTP. */
import { loadSecrets } from '../../config/secret-store';
import { ConfigError } from '../shared/errors';
import { handlerOf } from '../shared/lambda';
import { postBackToPayPal } from './paypal-postback';
import { callProvider } from './provider-http';
import { verifyWithProvider, type VerifyDeps, type VerifyInput } from './verify';

const secrets = () => loadSecrets(['PAYPAL_IPN_URL', 'GUMROAD_VERIFY_URL', 'GUMROAD_ACCESS_TOKEN']);

const deps: VerifyDeps = {
  payPalPostback: async (body) => postBackToPayPal((await secrets()).PAYPAL_IPN_URL, body),
  async gumroadSale(saleId) {
    const { GUMROAD_VERIFY_URL, GUMROAD_ACCESS_TOKEN } = await secrets();
    const response = await callProvider(
      'Gumroad’s sale lookup',
      `${GUMROAD_VERIFY_URL}/sales/${encodeURIComponent(saleId)}`,
      { headers: { authorization: `Bearer ${GUMROAD_ACCESS_TOKEN}` } },
    );
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    if (!response.ok) {
      // A refused token is not the buyer's fault: fail visibly, to be redriven once it is fixed.
      await response.body?.cancel();
      throw new ConfigError(`Gumroad's sale lookup answered ${response.status}; check GUMROAD_ACCESS_TOKEN`);
    }
    return ((await response.json()) as { sale?: unknown }).sale;
  },
};

export const handler = handlerOf((input: VerifyInput) => verifyWithProvider(input, deps));
