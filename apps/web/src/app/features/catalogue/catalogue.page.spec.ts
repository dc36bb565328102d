import { priceBound, priceInput } from './catalogue.page';

describe('catalogue price filters', () => {
  it('take a bound in the currency’s units and put it in the URL in minor units', () => {
    expect(priceBound('20', 'USD')).toBe(2000);
    expect(priceBound('20', 'JPY')).toBe(20);
    expect(priceBound('1.5', 'KWD')).toBe(1500);
    expect(priceBound('', 'USD')).toBeNull();
    expect(priceBound('-1', 'USD')).toBeNull();
  });

  it('show a bound from the URL in the currency’s units', () => {
    expect(priceInput(2000, 'USD')).toBe('20');
    expect(priceInput(2000, 'JPY')).toBe('2000');
    expect(priceInput(1500, 'KWD')).toBe('1.5');
    expect(priceInput(null, 'USD')).toBe('');
  });
});
