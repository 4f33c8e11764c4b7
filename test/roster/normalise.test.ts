import { describe, expect, it } from 'vitest';
import { normaliseName } from '../../core/roster/normalise.ts';

describe('a trainee name is compared the way people write it', () => {
  it('treats every interpunct variant in a minority name as the same name', () => {
    const variants = ['买买提·艾力', '买买提•艾力', '买买提・艾力', '买买提．艾力', '买买提‧艾力', '买买提∙艾力', '买买提.艾力', '买买提。艾力', '买买提･艾力'];
    for (const v of variants) expect(normaliseName(v), v).toBe('买买提·艾力');
  });

  it('keeps the interpunct as part of the name instead of dropping it', () => {
    expect(normaliseName('阿依古丽·买买提')).not.toBe(normaliseName('阿依古丽买买提'));
  });

  it('folds full-width letters and digits and ignores spaces inside and around the name', () => {
    expect(normaliseName('　张　三　')).toBe('张三');
    expect(normaliseName('ＬＩ　Ｍｉｎｇ')).toBe('liming');
    expect(normaliseName('王五１２')).toBe('王五12');
  });

  it('compares Latin letters case-insensitively', () => {
    expect(normaliseName('Alim')).toBe(normaliseName('ALIM'));
  });

  it('ignores invisible characters pasted with a name', () => {
    expect(normaliseName('张\u200b三\ufeff')).toBe('张三');
  });

  it('does not turn a dot between Latin letters into an interpunct', () => {
    expect(normaliseName('J.Smith')).toBe('j.smith');
  });
});
