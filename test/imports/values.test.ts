import { describe, expect, it } from 'vitest';
import { matchColumns } from '../../core/imports/columns.ts';
import { parseMinutes } from '../../core/imports/duration.ts';
import { maskIdNumber, phoneTail } from '../../core/imports/identity-numbers.ts';
import { toTable } from '../../core/imports/table.ts';
import { parseLevel, parseScore, parseSubject } from '../../core/imports/values.ts';
import { idAt } from './make-files.ts';

describe('watch time as exports write it', () => {
  it.each([
    ['95', 95],
    ['95.5', 95.5],
    ['１２０', 120],
    ['80分钟', 80],
    ['1小时20分', 80],
    ['1小时20分钟30秒', 80.5],
    ['2小时', 120],
    ['01:20:00', 80],
    ['1:20', 80],
    ['0:45:30', 45.5],
    ['1h20m', 80],
  ])('%s is %d minutes', (raw, minutes) => {
    expect(parseMinutes(raw)).toBeCloseTo(minutes, 6);
  });

  it('reads a bare number in the unit the header names', () => {
    expect(parseMinutes('3600', 'second')).toBe(60);
    expect(parseMinutes('1.5', 'hour')).toBe(90);
  });

  it.each(['', '约一小时', '-5', '1:75', '1:20:99', 'abc'])('refuses %j', (raw) => {
    expect(parseMinutes(raw)).toBeUndefined();
  });
});

describe('phone and ID numbers are reduced to what may be kept', () => {
  it('keeps only the last four digits of a phone number', () => {
    expect(phoneTail('13912345678')).toEqual({ ok: true, tail: '5678' });
    expect(phoneTail('+86 139-1234-5678')).toEqual({ ok: true, tail: '5678' });
    expect(phoneTail('0991-2384781')).toEqual({ ok: true, tail: '4781' });
  });

  it('refuses numbers that are not phone numbers', () => {
    expect(phoneTail('12345').ok).toBe(false);
    expect(phoneTail('1234567890123456').ok).toBe(false);
    expect(phoneTail('11012345678').ok).toBe(false);
    expect(phoneTail('电话').ok).toBe(false);
  });

  it('masks an ID number except its last four characters', () => {
    const id = idAt(7);
    expect(maskIdNumber(id)).toEqual({ ok: true, masked: `**************${id.slice(-4)}` });
    expect(maskIdNumber(` ${id.toLowerCase()} `)).toEqual({ ok: true, masked: `**************${id.slice(-4)}` });
    expect(maskIdNumber('650102800101123')).toEqual({ ok: true, masked: '***********1123' });
  });

  it('checks the ID check character, which catches numbers Excel rounded', () => {
    const id = idAt(3);
    const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    expect(maskIdNumber(wrong)).toEqual({ ok: false, why: 'checksum' });
    expect(maskIdNumber(String(Number(id.slice(0, 17) + '7')))).toMatchObject({ ok: false });
    expect(maskIdNumber('65010219900101')).toEqual({ ok: false, why: 'format' });
  });
});

describe('levels, subjects and scores', () => {
  it('reads levels as admins write them', () => {
    expect(parseLevel('初级')).toBe('初级');
    expect(parseLevel(' 中级职称 ')).toBe('中级');
    expect(parseLevel('副高')).toBe('副高级');
    expect(parseLevel('高级')).toBeUndefined();
  });

  it('reads subjects', () => {
    expect(parseSubject('公需科目')).toBe('public');
    expect(parseSubject('专业')).toBe('professional');
    expect(parseSubject('数学')).toBeUndefined();
  });

  it('reads scores 0–100', () => {
    expect(parseScore('85')).toBe(85);
    expect(parseScore('59.5分')).toBe(59.5);
    expect(parseScore('101')).toBeUndefined();
    expect(parseScore('缺考')).toBeUndefined();
  });
});

describe('column names are matched flexibly', () => {
  it('finds fields under their usual names', () => {
    const cols = matchColumns(['序号', '真实姓名', '工作单位', '申报级别', '联系电话', '身份证号码'], ['name', 'unit', 'level', 'phone', 'idNumber']);
    expect(cols).toEqual({
      name: { header: '真实姓名' },
      unit: { header: '工作单位' },
      level: { header: '申报级别' },
      phone: { header: '联系电话' },
      idNumber: { header: '身份证号码' },
    });
  });

  it('ignores spaces, stars and full-width brackets, and reads the unit of a duration', () => {
    const cols = matchColumns(['学员 姓名*', '群昵称', '观看时长（秒）'], ['nickname', 'name', 'minutes']);
    expect(cols.name?.header).toBe('学员 姓名*');
    expect(cols.nickname?.header).toBe('群昵称');
    expect(cols.minutes).toEqual({ header: '观看时长（秒）', unit: 'second' });
  });

  it('prefers an exact name over a longer header that merely contains it', () => {
    const cols = matchColumns(['累计在线时长统计', '时长'], ['minutes']);
    expect(cols.minutes?.header).toBe('时长');
    expect(matchColumns(['累计在线时长统计'], ['minutes']).minutes?.header).toBe('累计在线时长统计');
  });

  it('keeps 公需成绩 and 专业成绩 apart from a plain 成绩 column', () => {
    const cols = matchColumns(['姓名', '公需成绩', '专业科目成绩'], ['name', 'score', 'publicScore', 'professionalScore']);
    expect(cols.publicScore?.header).toBe('公需成绩');
    expect(cols.professionalScore?.header).toBe('专业科目成绩');
    expect(cols.score).toBeUndefined();
  });
});

describe('tables', () => {
  it('skips a title row above the header and keeps spreadsheet row numbers', () => {
    const t = toTable(
      [
        { rowNumber: 1, values: ['2021年培训名单'] },
        { rowNumber: 2, values: ['姓名', '单位'] },
        { rowNumber: 3, values: ['张三', '网信办'] },
        { rowNumber: 5, values: ['', ' '] },
        { rowNumber: 6, values: ['李四'] },
      ],
      (hs) => hs.includes('姓名'),
    );
    expect(t.headerRow).toBe(2);
    expect(t.rows).toEqual([
      { rowNumber: 3, cells: { 姓名: '张三', 单位: '网信办' } },
      { rowNumber: 6, cells: { 姓名: '李四', 单位: '' } },
    ]);
  });

  it('keeps both of two columns with one name', () => {
    const t = toTable([{ rowNumber: 1, values: ['姓名', '姓名', ''] }, { rowNumber: 2, values: ['a', 'b', 'c'] }]);
    expect(t.headers).toEqual(['姓名', '姓名(2)', '列3']);
  });
});
