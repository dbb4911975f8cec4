import { ConfigError } from '../handlers/shared/errors';
import { catalogue, findProduct, loadCatalogue, productForCourse } from './catalogue';
import file from './catalogue.json';

/** The checked-in catalogue with one change. */
const changed = (change: (c: typeof file) => void): unknown => {
  const copy = structuredClone(file);
  change(copy);
  return copy;
};

describe('the checked-in catalogue', () => {
  it('loads', () => {
    expect(Object.keys(catalogue.courses).length).toBeGreaterThanOrEqual(2);
  });

  it('sells every course through every provider', () => {
    for (const course of Object.keys(catalogue.courses)) {
      for (const provider of ['stripe', 'paypal', 'gumroad'] as const) {
        expect([provider, course, productForCourse(catalogue, provider, course)?.course]).toEqual([
          provider,
          course,
          course,
        ]);
      }
    }
  });
});

describe('loadCatalogue', () => {
  it('refuses an unknown key, with its path', () => {
    const act = () => loadCatalogue(changed((c) => Object.assign(c.paypal, { receiver: 'x@y.z' })));
    expect(act).toThrow(ConfigError);
    expect(act).toThrow(/paypal: Unrecognized key: "receiver"/);
  });

  it('refuses a product of a course the catalogue does not list', () => {
    expect(() =>
      loadCatalogue(
        changed((c) => {
          c.gumroad.products['video-basics'].course = 'cooking';
        }),
      ),
    ).toThrow(
      'gumroad.products.video-basics.course: names the course "cooking", which "courses" does not list',
    );
  });

  it('refuses a price that is not whole minor units', () => {
    expect(() =>
      loadCatalogue(
        changed((c) => {
          c.stripe.prices.price_1LecternVideoBasics.amount = 49.5;
        }),
      ),
    ).toThrow(/stripe\.prices\.price_1LecternVideoBasics\.amount/);
  });

  it('refuses a lower-case currency', () => {
    expect(() =>
      loadCatalogue(
        changed((c) => {
          c.paypal.items['LECTERN-VIDEO-BASICS'].currency = 'usd';
        }),
      ),
    ).toThrow(/currency: must be an upper-case ISO 4217 code/);
  });

  it('lists every problem at once, and says where the catalogue came from', () => {
    const act = () => loadCatalogue({ courses: {} }, 'config/catalogue.json');
    expect(act).toThrow(
      /^config\/catalogue\.json is invalid:\n {2}- stripe: .*\n {2}- paypal: .*\n {2}- gumroad: /,
    );
  });
});

describe('lookups', () => {
  it('finds a product by the provider’s key', () => {
    expect(findProduct(catalogue, 'paypal', 'LECTERN-HLS-STREAMING')).toEqual({
      key: 'LECTERN-HLS-STREAMING',
      course: 'hls-streaming',
      amount: 7900,
      currency: 'USD',
    });
  });

  it('finds nothing under another provider’s key', () => {
    expect(findProduct(catalogue, 'stripe', 'LECTERN-HLS-STREAMING')).toBeUndefined();
  });

  it('does not take inherited properties for products', () => {
    expect(findProduct(catalogue, 'gumroad', 'constructor')).toBeUndefined();
  });
});
