import { describe, expect, it } from 'vitest';
import { codeWithin, regionOfCode, resolveRegion, resolveRegionFrom } from '../pipeline/region';
import { readRegion, type MetaNote } from '../pipeline/reports/metadata';

describe('resolveRegion', () => {
  it('resolves short forms to the full official names and the GB/T 2260 code', () => {
    expect(resolveRegion(['黔南州医疗保障局'])).toEqual({
      regionName: '黔南州',
      province: '贵州省',
      prefecture: '黔南布依族苗族自治州',
      county: null,
      adminCode: '522700',
    });
    expect(resolveRegion(['广西医疗保障局'])).toMatchObject({ regionName: '广西', province: '广西壮族自治区', adminCode: '450000' });
  });
  it('keeps the printed run of names as the region name', () => {
    expect(resolveRegion(['银川市金凤区 医疗保障局文件'])).toEqual({
      regionName: '银川市金凤区',
      province: '宁夏回族自治区',
      prefecture: '银川市',
      county: '金凤区',
      adminCode: '640106',
    });
  });
  it('settles a county name shared by two prefectures only from context, else leaves the code empty', () => {
    expect(resolveRegion(['城关区医疗保障局'])).toMatchObject({ regionName: '城关区', adminCode: null });
    expect(resolveRegion(['城关区医疗保障局', '兰州市人民政府'])).toMatchObject({ adminCode: '620102', prefecture: '兰州市' });
  });
  it('takes the first source that names a place (the issuing unit before the title)', () => {
    expect(resolveRegion([null, '剑阁县医疗保障局', '广元市'])).toMatchObject({ regionName: '剑阁县', adminCode: '510823' });
  });
  it('finds nothing where nothing is named', () => {
    expect(resolveRegion(['医疗服务与保障能力提升补助资金（医疗保障服务能力提升部分）绩效自评'])).toBeNull();
  });
});

describe('regions from project codes and named sources', () => {
  it('reads the division of a 预算管理一体化 project code from its first six digits', () => {
    expect(regionOfCode('51092322T000000431595')).toMatchObject({ regionName: '大英县', county: '大英县', prefecture: '遂宁市', province: '四川省', adminCode: '510923' });
    expect(regionOfCode('51000021R000000019951')).toMatchObject({ regionName: '四川省', prefecture: null, adminCode: '510000' });
    expect(regionOfCode('99999921R000000019951')).toBeNull();
  });
  it('tells whether a division lies inside another', () => {
    expect(codeWithin('511425', '510000')).toBe(true);
    expect(codeWithin('510923', '510900')).toBe(true);
    expect(codeWithin('511425', '510923')).toBe(false);
  });
  it('says which source named the region (蓬溪县医疗保障局 in the unit, not the title)', () => {
    expect(resolveRegionFrom([{ text: '医疗保障局', source: 'department' }, { text: '蓬溪县医疗保障局', source: 'unit' }, { text: '四川省', source: 'title' }])).toMatchObject({
      source: 'unit',
      text: '蓬溪县医疗保障局',
      region: { county: '蓬溪县', adminCode: '510921' },
    });
  });
  it('says when the names printed together cannot be one place, and resolves none of them', () => {
    // 城关区 is a district of Lanzhou, Lhasa and others, none of them Shijiazhuang (Hebei), and no
    // district of Shijiazhuang with a character lost or changed.
    const misread = resolveRegionFrom([{ text: '石家庄市城关区医疗保障局', source: 'department' }]);
    expect(misread).toMatchObject({ contradictory: true, doubt: null, region: { regionName: '石家庄市城关区', province: null, prefecture: null, adminCode: null } });
    expect(resolveRegionFrom([{ text: '石家庄市藁城区医疗保障局', source: 'department' }])).toMatchObject({ contradictory: false, region: { county: '藁城区', prefecture: '石家庄市' } });
    // A name shared by several places is ambiguous, not contradictory.
    expect(resolveRegionFrom([{ text: '城关区医疗保障局', source: 'department' }])).toMatchObject({ contradictory: false, region: { adminCode: null } });
    const notes: MetaNote[] = [];
    expect(readRegion([{ text: '石家庄市城关区医疗保障局', source: 'the department' }], [], null, notes)).toMatchObject({ adminCode: null });
    expect(notes).toEqual([expect.objectContaining({ code: 'REGION_SOURCE', field: 'region_name', printed: '石家庄市城关区医疗保障局', message: expect.stringContaining('not one inside another') })]);
    const sound: MetaNote[] = [];
    readRegion([{ text: '石家庄市藁城区医疗保障局', source: 'the department' }], [], null, sound);
    expect(sound).toEqual([]);
  });
  it('keeps the enclosing division of a name one character short of one of its own, and leaves the county unresolved', () => {
    // 藁城区 read without its 藁 (a character outside the recogniser's everyday set): 城区 is a
    // district of several Shanxi cities, but one character short of Shijiazhuang's 藁城区 and 栾城区.
    const lost = resolveRegionFrom([{ text: '石家庄市城区医疗保障局', source: 'department' }]);
    expect(lost).toMatchObject({ contradictory: true, doubt: { printed: '石家庄市城区', nearest: ['藁城区', '栾城区'] } });
    expect(lost!.region).toEqual({ regionName: '石家庄市城区', province: '河北省', prefecture: '石家庄市', county: null, adminCode: null });
    const notes: MetaNote[] = [];
    readRegion([{ text: '石家庄市城区医疗保障局', source: 'the department' }], [], null, notes);
    expect(notes).toEqual([expect.objectContaining({ code: 'PLACE_NAME_DOUBTFUL', field: 'region_name', printed: '石家庄市城区', severity: 'warning' })]);
  });
});
