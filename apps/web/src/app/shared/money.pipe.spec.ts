import { formatMoney, fromMinorUnits, MoneyPipe, minorDigits, toMinorUnits } from './money.pipe';

describe('money', () => {
  it('shows minor units in each currency’s own decimals', () => {
    expect(formatMoney(1250, 'USD')).toBe('$12.50');
    expect(formatMoney(1250, 'EUR')).toBe('€12.50');
    expect(formatMoney(1500, 'JPY')).toBe('¥1,500');
    expect(formatMoney(1234, 'KWD')).toBe('KWD\u00a01.234');
    expect(new MoneyPipe().transform(1500, 'JPY')).toBe('¥1,500');
  });

  it('converts between minor units and amounts by the currency’s decimals', () => {
    expect([minorDigits('JPY'), minorDigits('USD'), minorDigits('KWD')]).toEqual([0, 2, 3]);
    expect(toMinorUnits(1500, 'JPY')).toBe(1500);
    expect(toMinorUnits(12.5, 'USD')).toBe(1250);
    expect(toMinorUnits(1.234, 'KWD')).toBe(1234);
    expect(fromMinorUnits(1500, 'JPY')).toBe(1500);
    expect(fromMinorUnits(1250, 'USD')).toBe(12.5);
    expect(fromMinorUnits(1234, 'KWD')).toBe(1.234);
  });
});
