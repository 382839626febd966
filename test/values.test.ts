import { describe, expect, it } from 'vitest';
import { parseDate, parseDecimal, parsePercent, parseYear } from '../pipeline/values';
import { parseQuantity } from '../pipeline/vocabulary/quantity';

// Values as printed in the seeds.
describe('parseQuantity', () => {
  it.each([
    ['≥90%', { op: '>=', value: '90', unit: '%' }],
    ['≤ 60 分钟', { op: '<=', value: '60', unit: '分钟' }],
    ['=100%', { op: '=', value: '100', unit: '%' }],
    ['≥53万人', { op: '>=', value: '53', unit: '万人' }],
    ['≤1320万元', { op: '<=', value: '1320', unit: '万元' }],
    ['≥24元/人/年', { op: '>=', value: '24', unit: '元/人/年' }],
    ['70%左右', { op: '~', value: '70', unit: '%' }],
    ['=0人', { op: '=', value: '0', unit: '人' }],
    ['12个', { op: null, value: '12', unit: '个' }],
    ['1,742.83万元', { op: null, value: '1742.83', unit: '万元' }],
    ['＞85%', { op: '>', value: '85', unit: '%' }],
    ['$\\geq 2876$', { op: '>=', value: '2876', unit: null }],
    ['不低于 95%', { op: '>=', value: '95', unit: '%' }],
    ['95%以上', { op: '>=', value: '95', unit: '%' }],
    ['９５．５％', { op: null, value: '95.5', unit: '%' }],
    ['2022-12-31', { op: null, value: null, unit: 'date:2022-12-31' }],
    ['成效明显', { op: null, value: null, unit: null }],
    ['5%-10%', { op: null, value: null, unit: null }],
    ['DIP病种达到3000组左右', { op: null, value: null, unit: null }],
    ['2023年有虚报现象', { op: null, value: null, unit: null }],
    ['≥100人(次)', { op: '>=', value: '100', unit: '人(次)' }],
    ['7.68元/每人每年', { op: null, value: '7.68', unit: '元/每人每年' }],
  ])('%s', (raw, expected) => {
    expect(parseQuantity(raw)).toEqual(expected);
  });

  it('gives nothing for an empty cell', () => {
    expect(parseQuantity(null)).toEqual({ op: null, value: null, unit: null });
  });
});

describe('numbers, percentages, dates and years', () => {
  it('reads weights and scores, never as floats', () => {
    expect(parseDecimal('10分')).toBe('10');
    expect(parseDecimal('8.70')).toBe('8.7');
    expect(parseDecimal('1,320')).toBe('1320');
    expect(parseDecimal('—')).toBeNull();
    expect(parseDecimal('-')).toBeNull();
    expect(parseDecimal('不适用')).toBeNull();
    expect(parseDecimal('0.1')).toBe('0.1');
  });
  it('reads printed rates', () => {
    expect(parsePercent('79.74%')).toBe('79.74');
    expect(parsePercent('100.00%')).toBe('100');
    expect(parsePercent('0')).toBeNull();
  });
  it('reads the dates forms print', () => {
    expect(parseDate('2024年2月26日')).toBe('2024-02-26');
    expect(parseDate('2024/02/05')).toBe('2024-02-05');
    expect(parseDate('2024年13月1日')).toBeNull();
  });
  it('reads the evaluated year however the comma and spaces fall', () => {
    expect(parseYear('(2023年度)')).toBe(2023);
    expect(parseYear('(2,023年度)')).toBe(2023);
    expect(parseYear('(2, 023年度)')).toBe(2023);
    expect(parseYear('2022年度部门整体支出绩效目标自评表')).toBe(2022);
    expect(parseYear('填报日期: 2024年2月26日')).toBeNull();
  });
});
