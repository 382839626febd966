import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../pipeline/output/csv';

describe('CSV for spreadsheets', () => {
  it('starts with a UTF-8 BOM and quotes per RFC 4180', () => {
    const csv = toCsv(['a', 'b'], [{ a: '含,逗号', b: '含"引号"\n换行' }]);
    expect(csv.startsWith('\ufeffa,b\r\n')).toBe(true);
    expect(csv).toBe('\ufeffa,b\r\n"含,逗号","含""引号""\n换行"\r\n');
  });
  it('defuses cells that would run as formulas, but leaves negative numbers as numbers', () => {
    expect(csvCell('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(csvCell('+86 10 1234')).toBe("'+86 10 1234");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell('-3.22')).toBe('-3.22');
    expect(csvCell('-1+1')).toBe("'-1+1");
    expect(csvCell(null)).toBe('');
    expect(csvCell(95.64)).toBe('95.64');
  });
});
