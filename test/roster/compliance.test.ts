import { describe, expect, it } from 'vitest';
import { checkNickname, type RosterName } from '../../core/roster/compliance.ts';
import { normaliseName } from '../../core/roster/normalise.ts';

const roster: RosterName[] = [
  { id: 1, name: '张三', unit: '自治区网信办', phoneTail: '1234' },
  { id: 2, name: '李四', unit: '乌鲁木齐市数据局', phoneTail: '5678' },
  { id: 3, name: '李四', unit: '喀什地区网信办', phoneTail: '9012' },
  { id: 4, name: '买买提·艾力', unit: '和田县信息中心', phoneTail: '' },
].map((r) => ({ ...r, nameKey: normaliseName(r.name) }));
const byKey = (k: string) => roster.filter((r) => r.nameKey === k);
const check = (nick: string, allowSuffix = true) => checkNickname(nick, byKey, { allowSuffix });

describe('a group nickname complies with the real-name rule', () => {
  it('when it is exactly a roster name', () => {
    expect(check('张三')).toEqual({ status: 'ok', traineeId: 1, suffix: '' });
    expect(check('买买提•艾力')).toMatchObject({ status: 'ok', traineeId: 4 });
  });

  it('when a roster name is followed by a separator and a suffix', () => {
    for (const nick of ['张三-网信办', '张三_网信办', '张三—网信办', '张三（网信办）', '张三(网信办)', '张三 网信办', '张三/1234'])
      expect(check(nick), nick).toMatchObject({ status: 'ok', traineeId: 1 });
  });

  it('not when suffixes are switched off by the campaign', () => {
    expect(check('张三-网信办', false)).toEqual({ status: 'noncompliant' });
  });

  it('not when it is a nickname or a different name', () => {
    expect(check('小明同学')).toEqual({ status: 'noncompliant' });
    expect(check('张三丰')).toEqual({ status: 'noncompliant' });
    expect(check('')).toEqual({ status: 'noncompliant' });
  });

  it('not when a suffix is glued on without a separator', () => {
    expect(check('张三网信办')).toEqual({ status: 'noncompliant' });
  });

  it('leaves a shared name ambiguous until the suffix tells the two apart', () => {
    expect(check('李四')).toEqual({ status: 'ambiguous', candidates: [2, 3] });
    expect(check('李四-喀什地区网信办')).toMatchObject({ status: 'ok', traineeId: 3 });
    expect(check('李四（数据局）')).toMatchObject({ status: 'ok', traineeId: 2 });
    expect(check('李四-9012')).toMatchObject({ status: 'ok', traineeId: 3 });
    expect(check('李四-财政局')).toEqual({ status: 'ambiguous', candidates: [2, 3] });
  });
});
