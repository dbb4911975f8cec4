/**
 * What Lectern sells: the courses, and for each provider the products that sell them (Stripe
 * prices, PayPal item numbers, Gumroad permalinks) with their price, and the merchant's identity
 * at the provider. `config/catalogue.json` is checked in and bundled into every function that
 * imports this module; it is validated on load and an invalid file stops the function at start.
 */
import { z } from 'zod';
import { Currency, type Provider } from '../events/payments';
import { ConfigError } from '../handlers/shared/errors';
import file from './catalogue.json';

const CourseId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be lower-case letters, digits and -');

const Product = z.strictObject({
  course: CourseId,
  /** In the currency's minor units (cents). */
  amount: z.number().int().positive(),
  currency: Currency,
});
export type Product = z.infer<typeof Product>;

const CatalogueSchema = z
  .strictObject({
    courses: z.record(CourseId, z.strictObject({ title: z.string().min(1).max(200) })),
    stripe: z.strictObject({
      prices: z.record(
        z.string().regex(/^price_[A-Za-z0-9_]+$/, 'must be a Stripe price id (price_…)'),
        Product,
      ),
    }),
    paypal: z.strictObject({
      /** Where buyers' money must go: the IPN's `receiver_email`. */
      receiverEmail: z.email(),
      /** By `item_number`. */
      items: z.record(z.string().min(1).max(127), Product),
    }),
    gumroad: z.strictObject({
      /** The seller's Gumroad id: the ping's `seller_id`. */
      sellerId: z.string().min(1),
      /** By short permalink (the ping's `permalink`). */
      products: z.record(z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be a permalink'), Product),
    }),
  })
  .superRefine((catalogue, context) => {
    const sections = [
      ['stripe', 'prices', catalogue.stripe.prices],
      ['paypal', 'items', catalogue.paypal.items],
      ['gumroad', 'products', catalogue.gumroad.products],
    ] as const;
    for (const [provider, field, products] of sections) {
      for (const [key, product] of Object.entries(products)) {
        if (!(product.course in catalogue.courses)) {
          context.addIssue({
            code: 'custom',
            path: [provider, field, key, 'course'],
            message: `names the course "${product.course}", which "courses" does not list`,
          });
        }
      }
    }
  });
export type Catalogue = z.infer<typeof CatalogueSchema>;

/** A product found in the catalogue: the provider's key for it (price id, item number, permalink) and its terms. */
export interface CatalogueProduct extends Product {
  key: string;
}

/** Validates a catalogue; throws ConfigError listing every problem, each with its path. */
export function loadCatalogue(value: unknown, origin = 'the catalogue'): Catalogue {
  const result = CatalogueSchema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `  - ${issue.path.length ? issue.path.join('.') : '(top level)'}: ${issue.message}`,
  );
  throw new ConfigError(`${origin} is invalid:\n${problems.join('\n')}`);
}

/** The provider's products, by its key. */
function productsOf(catalogue: Catalogue, provider: Provider): Record<string, Product> {
  if (provider === 'stripe') return catalogue.stripe.prices;
  if (provider === 'paypal') return catalogue.paypal.items;
  return catalogue.gumroad.products;
}

/** The product the provider sells under `key`, if the catalogue has it. */
export function findProduct(
  catalogue: Catalogue,
  provider: Provider,
  key: string,
): CatalogueProduct | undefined {
  const products = productsOf(catalogue, provider);
  return Object.hasOwn(products, key) ? { key, ...products[key] } : undefined;
}

/** The first product through which the provider sells the course, if any. */
export function productForCourse(
  catalogue: Catalogue,
  provider: Provider,
  courseId: string,
): CatalogueProduct | undefined {
  const found = Object.entries(productsOf(catalogue, provider)).find(([, p]) => p.course === courseId);
  return found && { key: found[0], ...found[1] };
}

/** Lectern's catalogue, from `config/catalogue.json`. */
export const catalogue: Catalogue = loadCatalogue(file, 'config/catalogue.json');
