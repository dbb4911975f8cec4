import { apiSale, newSale, pingBody } from './gumroad-sale';

const NOW = Date.UTC(2026, 0, 1, 12, 30, 5, 250);
const INPUT = { product_permalink: 'lectern-course', email: 'ada@example.com', price: 4900 };

describe('newSale', () => {
  it('fills in a Gumroad-shaped id, the fee, the currency and the time', () => {
    const sale = newSale(INPUT, NOW);
    expect(sale).toMatchObject({
      permalink: 'lectern-course',
      productName: 'lectern-course',
      email: 'ada@example.com',
      price: 4900,
      gumroadFee: 540,
      currency: 'usd',
      quantity: 1,
      createdAt: '2026-01-01T12:30:05Z',
      refunded: false,
    });
    expect(sale.id).toMatch(/^[A-Za-z0-9_-]{22}==$/);
    expect(newSale(INPUT, NOW).id).not.toBe(sale.id);
  });

  it('keeps the product id of a permalink from one sale to the next', () => {
    expect(newSale(INPUT, NOW).productId).toBe(newSale({ ...INPUT, email: 'b@example.com' }, NOW).productId);
  });

  it('names every invalid field, and refuses fields Gumroad sales do not have', () => {
    expect(() => newSale({ email: 'x', price: 1.5, colour: 'red' }, NOW)).toThrow(
      'product_permalink: is required; email: must be an e-mail address; price: must be whole cents; Unrecognized key: "colour"',
    );
  });
});

describe('pingBody', () => {
  it("posts the sale like Gumroad's ping, with the product URL as product_permalink", () => {
    const sale = newSale({ ...INPUT, full_name: 'Ada Lovelace', sale_id: 'S1==' }, NOW);
    const ping = new URLSearchParams(pingBody(sale, 'sale'));
    expect(Object.fromEntries(ping)).toMatchObject({
      sale_id: 'S1==',
      permalink: 'lectern-course',
      product_permalink: 'https://gumroad.com/l/lectern-course',
      short_product_id: 'lectern-course',
      email: 'ada@example.com',
      full_name: 'Ada Lovelace',
      price: '4900',
      currency: 'usd',
      sale_timestamp: '2026-01-01T12:30:05Z',
      refunded: 'false',
      resource_name: 'sale',
      'card[type]': 'visa',
    });
    expect(ping.has('test')).toBe(false);
    expect(pingBody(sale, 'sale')).toContain('card%5Btype%5D=visa');
  });

  it('marks a refund ping as refunded', () => {
    const ping = new URLSearchParams(pingBody({ ...newSale(INPUT, NOW), refunded: true }, 'refund'));
    expect(ping.get('refunded')).toBe('true');
    expect(ping.get('resource_name')).toBe('refund');
  });
});

describe('apiSale', () => {
  it('shows the short permalink and the price in cents, like GET /v2/sales/:id', () => {
    const sale = newSale(INPUT, NOW);
    expect(apiSale(sale)).toMatchObject({
      id: sale.id,
      product_permalink: 'lectern-course',
      email: 'ada@example.com',
      price: 4900,
      currency: 'usd',
      refunded: false,
      created_at: '2026-01-01T12:30:05Z',
    });
  });
});
